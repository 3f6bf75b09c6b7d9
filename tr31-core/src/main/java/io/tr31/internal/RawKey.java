/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.SecretKey;

/**
 * A raw secret key for {@link javax.crypto.Cipher#init} whose {@link #destroy()} zeroes its bytes:
 * the JDK's {@code SecretKeySpec} cannot be destroyed.
 *
 * <h2>Security</h2>
 *
 * {@link #getEncoded()} hands out a fresh copy for the JCE to expand (what the JCE keeps of it, it
 * keeps as from any key); after {@link #destroy()} it throws {@link IllegalStateException}. Never
 * serialized with its bytes: they are transient. Zeroing is best effort on the JVM.
 */
final class RawKey implements SecretKey {
  private static final long serialVersionUID = 1L;

  private final String algorithm;
  private final transient byte[] bytes;
  private final AtomicBoolean destroyed = new AtomicBoolean();

  /** Copies {@code bytes}; the caller keeps ownership of its array. */
  RawKey(String algorithm, byte[] bytes) {
    this.algorithm = algorithm;
    this.bytes = bytes.clone();
  }

  @Override
  public String getAlgorithm() {
    return algorithm;
  }

  @Override
  public String getFormat() {
    return "RAW";
  }

  @Override
  public byte[] getEncoded() {
    if (destroyed.get()) {
      throw new IllegalStateException("key destroyed");
    }
    return bytes.clone();
  }

  @Override
  public void destroy() {
    destroyed.set(true);
    Bytes.wipe(bytes);
  }

  @Override
  public boolean isDestroyed() {
    return destroyed.get();
  }

  @Override
  public String toString() {
    return "RawKey[" + algorithm + ", destroyed=" + destroyed.get() + "]";
  }
}
