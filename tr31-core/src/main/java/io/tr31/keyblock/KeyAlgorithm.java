/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Tr31FormatException;

/**
 * The algorithm of the wrapped key: header character 7 (ANSI X9.143:2022 6.2, Table 3).
 *
 * <h2>Security</h2>
 *
 * Immutable. The algorithm is authenticated as part of the header; it decides which key lengths are
 * allowed on wrap ({@link #permitsKeyLengthBytes}) and the length a key is padded to for key length
 * obfuscation (the algorithm's largest key).
 *
 * @since 0.1.0
 */
public enum KeyAlgorithm {
  /** {@code A}: AES, 128, 192 or 256-bit keys. */
  AES("A", "AES", 32),
  /** {@code D}: single DES (legacy; 8-byte keys). */
  DES("D", "DES", 8),
  /** {@code E}: elliptic curve (asymmetric; wrapped as opaque bytes). */
  EC("E", "Elliptic curve", 0),
  /** {@code H}: HMAC; X9.143 names the hash in optional block {@code HM} (ISO 20038: SHA-1). */
  HMAC("H", "HMAC", 0),
  /** {@code I}: HMAC-SHA-2 (ISO 20038:2017 only). */
  HMAC_SHA2("I", "HMAC-SHA-2 (ISO 20038)", 0),
  /** {@code J}: HMAC-SHA-3 (ISO 20038:2017 only). */
  HMAC_SHA3("J", "HMAC-SHA-3 (ISO 20038)", 0),
  /** {@code R}: RSA (asymmetric; wrapped as opaque bytes). */
  RSA("R", "RSA", 0),
  /** {@code S}: DSA (asymmetric; wrapped as opaque bytes). */
  DSA("S", "DSA", 0),
  /** {@code T}: triple DES, 2-key (16 bytes) or 3-key (24 bytes). */
  TDES("T", "Triple DES", 24);

  private static final Codes.Index<KeyAlgorithm> BY_CODE =
      Codes.index(values(), KeyAlgorithm::code);

  private final String code;
  private final String meaning;
  private final int obfuscatedLengthBytes;

  KeyAlgorithm(String code, String meaning, int obfuscatedLengthBytes) {
    this.code = code;
    this.meaning = meaning;
    this.obfuscatedLengthBytes = obfuscatedLengthBytes;
  }

  /** {@return the one-character header code (character 7)} */
  public String code() {
    return code;
  }

  /** {@return the standard's name for the algorithm} */
  public String meaning() {
    return meaning;
  }

  /**
   * {@return the length in bytes a key of this algorithm is padded to before block padding when key
   * length obfuscation is on} That is the algorithm's maximum key length (X9.143): 32 for AES, 24
   * for TDES; {@code 0} where the algorithm has no fixed maximum (HMAC and asymmetric keys), in
   * which case only block padding applies.
   */
  int obfuscatedLengthBytes() {
    return obfuscatedLengthBytes;
  }

  /**
   * Whether a key of {@code n} bytes may be wrapped under this algorithm: AES 16/24/32, TDES 16/24,
   * DES 8, HMAC at least 16, asymmetric at least 1 byte (opaque).
   *
   * @param n the key length in bytes
   * @return {@code true} if the length is allowed for this algorithm
   */
  public boolean permitsKeyLengthBytes(int n) {
    switch (this) {
      case AES:
        return n == 16 || n == 24 || n == 32;
      case TDES:
        return n == 16 || n == 24;
      case DES:
        return n == 8;
      case HMAC:
      case HMAC_SHA2:
      case HMAC_SHA3:
        return n >= 16;
      default:
        return n >= 1;
    }
  }

  /**
   * {@return whether keys of this algorithm are asymmetric (RSA, ECC, DSA)} A key block carries
   * them as opaque bytes, so {@link #securityStrengthBits} cannot tell their strength.
   */
  boolean isAsymmetric() {
    switch (this) {
      case RSA:
      case EC:
      case DSA:
        return true;
      default:
        return false;
    }
  }

  /**
   * The security strength in bits of a key of this algorithm and length (NIST SP 800-57 Part 1 Rev.
   * 5, Table 2): AES 128/192/256, 2-key TDES 80, 3-key TDES 112, DES 56, HMAC min(8 × length, 256).
   * {@code 0} for asymmetric keys, whose strength a key block cannot tell (they are wrapped as
   * opaque bytes), and for lengths the algorithm does not allow.
   *
   * @param keyLengthBytes the key length in bytes
   * @return the strength in bits, or {@code 0} as above
   */
  int securityStrengthBits(int keyLengthBytes) {
    if (!permitsKeyLengthBytes(keyLengthBytes)) {
      return 0;
    }
    switch (this) {
      case AES:
        return keyLengthBytes * 8;
      case TDES:
        return keyLengthBytes == 16 ? 80 : 112;
      case DES:
        return 56;
      case HMAC:
      case HMAC_SHA2:
      case HMAC_SHA3:
        return Math.min(keyLengthBytes * 8, 256);
      default:
        return 0;
    }
  }

  /**
   * Looks up a header code.
   *
   * @param code the one-character code
   * @param offset the code's offset in the input, for the error
   * @return the algorithm; never {@code null}
   * @throws Tr31FormatException {@link ErrorCode#INVALID_ALGORITHM} if unknown
   */
  static KeyAlgorithm fromCode(String code, int offset) throws Tr31FormatException {
    return BY_CODE.require(code, ErrorCode.INVALID_ALGORITHM, offset);
  }
}
