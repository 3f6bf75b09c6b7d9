/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import io.tr31.internal.BoundedPool;
import java.io.IOException;
import java.io.InputStream;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 (RFC 2104, FIPS 198-1) from the JDK provider with a bounded pool of {@link Mac}
 * objects initialised once with the prepared key (the pattern of Tink's {@code PrfHmacJce}, with a
 * per-key pool instead of a {@code ThreadLocal} so that {@link #destroy()} reaches every thread's
 * copy of the key state).
 */
final class HmacSha256 {
  static final String ALGORITHM = "HmacSHA256";
  static final int TAG_BYTES = 32;

  /** Re-keys a dropped {@link Mac}: overwrites the real key's inner and outer pads. */
  private static final SecretKeySpec SCRUB_KEY = new SecretKeySpec(new byte[32], ALGORITHM);

  private final BoundedPool<Mac> pool;

  HmacSha256(SecretKeySpec key) {
    this.pool = new BoundedPool<>(AesCbc.POOL_SLOTS, () -> newMac(key), HmacSha256::scrub);
  }

  /** The 32-byte tag over {@code data[off..off+len)}. */
  byte[] compute(byte[] data, int off, int len) {
    Mac m = pool.take();
    try {
      m.update(data, off, len);
      return m.doFinal();
    } finally {
      m.reset(); // doFinal has reset it; a failed update has not
      pool.give(m);
    }
  }

  /** The 32-byte tag over everything {@code in} yields, read once. */
  byte[] compute(InputStream in) throws IOException {
    Mac m = pool.take();
    try {
      byte[] buf = new byte[8192];
      for (int n; (n = in.read(buf)) != -1; ) {
        m.update(buf, 0, n);
      }
      return m.doFinal();
    } finally {
      // After a failed read the Mac is half-fed: reset it before anyone else uses it.
      m.reset();
      pool.give(m);
    }
  }

  /** Scrubs every pooled {@link Mac}; one in use is scrubbed when it is given back. */
  void destroy() {
    pool.close();
  }

  /** Pooled {@link Mac} objects (tests). */
  int pooled() {
    return pool.idle();
  }

  private static Mac newMac(SecretKeySpec key) {
    try {
      Mac m = Mac.getInstance(ALGORITHM);
      init(m, key);
      return m;
    } catch (NoSuchAlgorithmException e) {
      // Every Java SE implementation must provide HmacSHA256 (Mac Javadoc).
      throw new IllegalStateException(ALGORITHM + " is not available", e);
    }
  }

  /** Re-keys {@code m} with the constant scrub key. */
  static void scrub(Mac m) {
    init(m, SCRUB_KEY);
  }

  private static void init(Mac m, SecretKeySpec key) {
    try {
      m.init(key);
    } catch (InvalidKeyException e) {
      // HMAC takes keys of any length.
      throw new IllegalStateException(ALGORITHM + " refused the key", e);
    }
  }
}
