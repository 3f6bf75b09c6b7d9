package io.tr31.envelope;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 (RFC 2104, FIPS 198-1) from the JDK provider with one {@link Mac} per thread,
 * initialised once with the prepared key (the pattern of Tink's {@code PrfHmacJce}).
 */
final class HmacSha256 {
  static final String ALGORITHM = "HmacSHA256";
  static final int TAG_BYTES = 32;

  private final ThreadLocal<Mac> mac;

  HmacSha256(SecretKeySpec key) {
    this.mac =
        ThreadLocal.withInitial(
            () -> {
              try {
                Mac m = Mac.getInstance(ALGORITHM);
                m.init(key);
                return m;
              } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                // Every Java SE implementation must provide HmacSHA256 (Mac Javadoc).
                throw new IllegalStateException(ALGORITHM + " is not available", e);
              }
            });
  }

  /** Returns the thread's {@link Mac}, reset and ready for {@code update}. */
  Mac mac() {
    Mac m = mac.get();
    m.reset();
    return m;
  }

  /** The 32-byte tag over {@code data[off..off+len)}. */
  byte[] compute(byte[] data, int off, int len) {
    Mac m = mac();
    m.update(data, off, len);
    return m.doFinal();
  }
}
