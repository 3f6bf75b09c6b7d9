/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import io.tr31.ErrorCode;
import io.tr31.Tr31FormatException;
import io.tr31.Tr31VerificationException;
import io.tr31.internal.BoundedPool;
import io.tr31.internal.Bytes;
import io.tr31.internal.Hex;
import io.tr31.internal.Lifecycle;
import java.io.IOException;
import java.io.InputStream;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 (RFC 2104, FIPS 198-1) from the JDK provider with a bounded pool of {@link Mac}
 * objects initialised once with the prepared key (the pattern of Tink's {@code PrfHmacJce}, with a
 * per-key pool instead of a {@code ThreadLocal} so that {@link #destroy()} reaches every thread's
 * copy of the key state), and the signature checks of the envelope: 64 hex digits in either case,
 * compared with {@link MessageDigest#isEqual}. Every call that touches a keyed {@code Mac} runs
 * inside the owner's {@link Lifecycle}.
 */
// "try": a Lifecycle.Use is held for its scope only, never referenced in the body.
@SuppressWarnings("try")
final class HmacSha256 {
  static final String ALGORITHM = "HmacSHA256";
  static final int TAG_BYTES = 32;
  private static final int BUFFER_BYTES = 8192;

  /** Re-keys a dropped {@link Mac}: overwrites the real key's inner and outer pads. */
  private static final SecretKeySpec SCRUB_KEY = new SecretKeySpec(new byte[32], ALGORITHM);

  private final Lifecycle life;
  private final BoundedPool<Mac> pool;

  HmacSha256(byte[] key, Lifecycle life) {
    SecretKeySpec spec = new SecretKeySpec(key, ALGORITHM);
    this.life = life;
    this.pool = new BoundedPool<>(AesCbc.POOL_SLOTS, () -> newMac(spec), HmacSha256::scrub);
  }

  /** The 32-byte tag over {@code data[off..off+len)}. */
  byte[] compute(byte[] data, int off, int len) {
    try (Lifecycle.Use u = life.use()) {
      Mac m = pool.take();
      try {
        m.update(data, off, len);
        return m.doFinal();
      } finally {
        release(m);
      }
    }
  }

  /** The 32-byte tag over everything {@code in} yields, read once. */
  byte[] compute(InputStream in) throws IOException {
    Mac m = begin();
    byte[] buf = new byte[BUFFER_BYTES];
    try {
      for (int n; (n = in.read(buf)) != -1; ) {
        update(m, buf, 0, n);
      }
      return finish(m);
    } finally {
      release(m);
      Bytes.wipe(buf);
    }
  }

  /**
   * A pooled {@link Mac} for a streamed computation (each step enters the lifecycle); give it back
   * with {@link #release(Mac)}.
   */
  Mac begin() {
    return pool.take();
  }

  /** Feeds {@code data[off..off+len)} to a {@code Mac} from {@link #begin()}. */
  void update(Mac m, byte[] data, int off, int len) {
    try (Lifecycle.Use u = life.use()) {
      m.update(data, off, len);
    }
  }

  /** {@return the tag of everything fed to {@code m}} */
  byte[] finish(Mac m) {
    try (Lifecycle.Use u = life.use()) {
      return m.doFinal();
    }
  }

  /**
   * Returns a {@code Mac} from {@link #begin()} to the pool, reset (a failed stream half-fed it).
   */
  void release(Mac m) {
    m.reset();
    pool.give(m);
  }

  /**
   * Throws unless {@code actual} equals the signature {@code expected} (constant time for equal
   * lengths); wipes both.
   */
  static void compare(byte[] actual, byte[] expected) throws Tr31VerificationException {
    try {
      if (!MessageDigest.isEqual(actual, expected)) {
        throw new Tr31VerificationException(ErrorCode.ENVELOPE_MAC_MISMATCH);
      }
    } finally {
      Bytes.wipe(actual, expected);
    }
  }

  /** Decodes a 64-digit signature in either case; public shape checks only. */
  static byte[] parseSignature(String signatureHex) throws Tr31FormatException {
    Objects.requireNonNull(signatureHex, "signatureHex");
    if (signatureHex.length() != 2 * TAG_BYTES) {
      throw new Tr31FormatException(
          ErrorCode.ENVELOPE_SIGNATURE_MALFORMED, -1, "length " + signatureHex.length());
    }
    try {
      return Hex.decode(signatureHex, 0, signatureHex.length(), true);
    } catch (Tr31FormatException e) {
      throw new Tr31FormatException(ErrorCode.ENVELOPE_SIGNATURE_MALFORMED, e.offset(), null);
    }
  }

  /**
   * Scrubs every pooled {@link Mac}; one in use is scrubbed when it is given back. Runs once,
   * inside {@link Lifecycle#destroy(Runnable)}.
   */
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
