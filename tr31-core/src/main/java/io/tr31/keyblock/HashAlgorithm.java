/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

/**
 * The hash of an HMAC key, as named in optional block {@code HM} (ANSI X9.143:2021 6.3.6.5, Table
 * 13; TR-31:2018 A.5.9).
 *
 * <h2>Security</h2>
 *
 * Immutable. SHA-1 is listed because the standard lists it; choosing it is the caller's decision.
 *
 * @since 0.1.0
 */
public enum HashAlgorithm {
  /** {@code 10}: SHA-1. */
  SHA_1("10", "SHA-1"),
  /** {@code 20}: SHA-224. */
  SHA_224("20", "SHA-224"),
  /** {@code 21}: SHA-256. */
  SHA_256("21", "SHA-256"),
  /** {@code 22}: SHA-384. */
  SHA_384("22", "SHA-384"),
  /** {@code 23}: SHA-512. */
  SHA_512("23", "SHA-512"),
  /** {@code 24}: SHA-512/224. */
  SHA_512_224("24", "SHA-512/224"),
  /** {@code 25}: SHA-512/256. */
  SHA_512_256("25", "SHA-512/256"),
  /** {@code 30}: SHA3-224. */
  SHA3_224("30", "SHA3-224"),
  /** {@code 31}: SHA3-256. */
  SHA3_256("31", "SHA3-256"),
  /** {@code 32}: SHA3-384. */
  SHA3_384("32", "SHA3-384"),
  /** {@code 33}: SHA3-512. */
  SHA3_512("33", "SHA3-512"),
  /** {@code 40}: SHAKE128. */
  SHAKE128("40", "SHAKE128"),
  /** {@code 41}: SHAKE256. */
  SHAKE256("41", "SHAKE256");

  private final String code;
  private final String standardName;

  HashAlgorithm(String code, String standardName) {
    this.code = code;
    this.standardName = standardName;
  }

  /** {@return the two hex digits written in the {@code HM} block} */
  public String code() {
    return code;
  }

  /**
   * {@return the standard name, which is also the JCA name of the SHA-1, SHA-2 and SHA-3 hashes}
   */
  public String standardName() {
    return standardName;
  }

  /**
   * Looks up an {@code HM} code.
   *
   * @param code two upper-case hex digits; {@code null} finds nothing
   * @return the constant, or {@code null} if the code is not in X9.143 Table 13; callers report the
   *     error
   */
  static HashAlgorithm fromCode(String code) {
    for (HashAlgorithm h : values()) {
      if (h.code.equals(code)) {
        return h;
      }
    }
    return null;
  }
}
