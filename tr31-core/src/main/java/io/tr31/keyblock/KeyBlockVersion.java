/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Tr31FormatException;

/**
 * The key block version ID: header character 0 (ANSI X9.143:2022 6.2, Table 1; ISO 20038:2017 for
 * {@code E}).
 *
 * <p>The version names the binding method and fixes the cipher block size (header alignment,
 * payload padding), the length of the authenticator and the KBPK algorithm. This enum is the one
 * owner of those per-version facts; the reader, the writer and the KBPK read them here.
 *
 * <h2>Security</h2>
 *
 * Immutable. {@link #A} and {@link #C} (variant binding) are deprecated by X9.143 and offered for
 * interoperability only. {@link #THALES_0} is a proprietary Thales payShield version (numeric IDs
 * are reserved for proprietary use, X9.143 6.2) that uses the variant binding of {@code A}/{@code
 * C}; it is accepted only under {@code Profile.LENIENT}.
 *
 * @since 0.1.0
 */
public enum KeyBlockVersion {
  /** {@code A}: TDES key variant binding (TR-31:2005, deprecated). */
  A('A', "TDES key variant binding (deprecated)", BindingMethod.VARIANT, true),
  /** {@code B}: TDES key derivation binding. */
  B('B', "TDES key derivation binding", BindingMethod.TDES_DERIVATION, false),
  /** {@code C}: TDES key variant binding (TR-31:2010, deprecated). */
  C('C', "TDES key variant binding", BindingMethod.VARIANT, true),
  /** {@code D}: AES key derivation binding (TR-31:2018, X9.143). */
  D('D', "AES key derivation binding", BindingMethod.AES_DERIVATION, false),
  /** {@code E}: AES key derivation binding with CTR encryption (ISO 20038). */
  E('E', "ISO 20038 AES key block", BindingMethod.ISO20038, false),
  /** {@code 0}: Thales proprietary, variant binding as {@code A}/{@code C}; lenient only. */
  THALES_0('0', "Thales proprietary (variant binding)", BindingMethod.VARIANT, false);

  /**
   * The binding method families (X9.143 clause 5, ISO 20038): which key, cipher and authenticator a
   * version uses. Package-private: the facts below are the one place the library reads them.
   */
  enum BindingMethod {
    /** A, C, 0: TDES, CBC, XOR variants of the KBPK, 4-byte MAC (X9.143 5.3.2). */
    VARIANT(KeyAlgorithm.TDES, 8, 4),
    /** B: TDES, CBC, CMAC-derived keys, 8-byte CMAC (X9.143 5.3.3). */
    TDES_DERIVATION(KeyAlgorithm.TDES, 8, 8),
    /** D: AES, CBC, CMAC-derived keys, 16-byte CMAC (X9.143 5.3.3). */
    AES_DERIVATION(KeyAlgorithm.AES, 16, 16),
    /** E: AES, CTR without padding, derived keys, 16-byte CMAC (ISO 20038). */
    ISO20038(KeyAlgorithm.AES, 16, 16);

    final KeyAlgorithm kbpkAlgorithm;
    final int cipherBlockSizeBytes;
    final int macLengthBytes;

    BindingMethod(KeyAlgorithm kbpkAlgorithm, int cipherBlockSizeBytes, int macLengthBytes) {
      this.kbpkAlgorithm = kbpkAlgorithm;
      this.cipherBlockSizeBytes = cipherBlockSizeBytes;
      this.macLengthBytes = macLengthBytes;
    }
  }

  private static final Codes.Index<KeyBlockVersion> BY_CODE =
      Codes.index(values(), KeyBlockVersion::code);

  private final char id;
  private final String meaning;
  private final BindingMethod binding;
  private final boolean deprecated;

  KeyBlockVersion(char id, String meaning, BindingMethod binding, boolean deprecated) {
    this.id = id;
    this.meaning = meaning;
    this.binding = binding;
    this.deprecated = deprecated;
  }

  /** {@return the version ID as a one-character string (header character 0)} */
  public String code() {
    return String.valueOf(id);
  }

  /** {@return what the version means: its binding method, in English} */
  public String meaning() {
    return meaning;
  }

  /** The one-character version ID. */
  char id() {
    return id;
  }

  /** The binding method family: which KBPK binding serves this version. */
  BindingMethod bindingMethod() {
    return binding;
  }

  /** The algorithm of the KBPK: {@link KeyAlgorithm#AES} for D and E, else TDES. */
  KeyAlgorithm kbpkAlgorithm() {
    return binding.kbpkAlgorithm;
  }

  /** The cipher block size in bytes: 8 (TDES) or 16 (AES); header alignment and padding. */
  int cipherBlockSizeBytes() {
    return binding.cipherBlockSizeBytes;
  }

  /** The length of the authenticator in bytes: A, C, 0: 4; B: 8; D, E: 16. */
  int macLengthBytes() {
    return binding.macLengthBytes;
  }

  /** Whether the KBPK is an AES key (D, E). */
  boolean isAes() {
    return binding.kbpkAlgorithm == KeyAlgorithm.AES;
  }

  /** Whether the payload is CBC-encrypted and padded to the cipher block (all but E). */
  boolean isPaddedPayload() {
    return binding != BindingMethod.ISO20038;
  }

  /** Whether X9.143 deprecates writing this version (A, C: the variant binding). */
  boolean isDeprecated() {
    return deprecated;
  }

  /** Whether this is a proprietary (numeric) version, read only under the lenient profile. */
  boolean isProprietary() {
    return this == THALES_0;
  }

  /** What KBPK this version needs, for error messages (users get this wrong; psec issue 8). */
  String kbpkNeeded() {
    switch (binding) {
      case AES_DERIVATION:
      case ISO20038:
        return "an AES KBPK (16, 24 or 32 bytes)";
      case TDES_DERIVATION:
        return "a TDES KBPK (16 or 24 bytes)";
      default:
        return "a TDES KBPK (16 or 24 bytes; 8-byte single DES under the lenient profile)";
    }
  }

  /**
   * Looks up a version ID read from untrusted text.
   *
   * @throws Tr31FormatException {@link ErrorCode#INVALID_VERSION} at {@code offset} if unknown
   */
  static KeyBlockVersion fromCode(String code, int offset) throws Tr31FormatException {
    return BY_CODE.require(code, ErrorCode.INVALID_VERSION, offset);
  }
}
