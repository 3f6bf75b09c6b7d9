/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.Profile;


import io.tr31.ErrorCode;
import io.tr31.Tr31FormatException;
import java.util.Map;

/**
 * The key block version ID: header character 0 (ANSI X9.143:2022 6.2, Table 1; ISO 20038:2017 for
 * {@code E}).
 *
 * <p>The version names the binding method and fixes the cipher block size (header alignment,
 * payload padding) and the length of the authenticator.
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
  A('A', "TDES key variant binding (deprecated)", 8, 4, false),
  /** {@code B}: TDES key derivation binding. */
  B('B', "TDES key derivation binding", 8, 8, false),
  /** {@code C}: TDES key variant binding (TR-31:2010). */
  C('C', "TDES key variant binding", 8, 4, false),
  /** {@code D}: AES key derivation binding (TR-31:2018, X9.143). */
  D('D', "AES key derivation binding", 16, 16, true),
  /** {@code E}: AES key derivation binding with CTR encryption (ISO 20038). */
  E('E', "ISO 20038 AES key block", 16, 16, true),
  /** {@code 0}: Thales proprietary, variant binding as {@code A}/{@code C}; lenient only. */
  THALES_0('0', "Thales proprietary (variant binding)", 8, 4, false);

  private static final Map<String, KeyBlockVersion> BY_CODE =
      Codes.index(values(), KeyBlockVersion::code);

  private final char id;
  private final String meaning;
  private final int cipherBlockSizeBytes;
  private final int macLengthBytes;
  private final boolean aes;

  KeyBlockVersion(char id, String meaning, int cipherBlockSizeBytes, int macLength, boolean aes) {
    this.id = id;
    this.meaning = meaning;
    this.cipherBlockSizeBytes = cipherBlockSizeBytes;
    this.macLengthBytes = macLength;
    this.aes = aes;
  }

  /** {@return the one-character version ID (header character 0)} */
  public char id() {
    return id;
  }

  /** {@return the version ID as a one-character string} */
  public String code() {
    return String.valueOf(id);
  }

  /** {@return what the version means: its binding method, in English} */
  public String meaning() {
    return meaning;
  }

  /**
   * {@return the cipher block size in bytes of the key block protection algorithm: 8 (TDES) or 16
   * (AES)}
   */
  public int cipherBlockSizeBytes() {
    return cipherBlockSizeBytes;
  }

  /** {@return the length of the authenticator in bytes: A, C, 0: 4; B: 8; D, E: 16} */
  public int macLengthBytes() {
    return macLengthBytes;
  }

  /** {@return whether the key block protection key is an AES key (D, E)} */
  public boolean isAes() {
    return aes;
  }

  /**
   * {@return whether this is a proprietary (numeric) version, accepted only under the lenient
   * profile}
   */
  public boolean isProprietary() {
    return this == THALES_0;
  }

  /**
   * Looks up a version ID.
   *
   * @param code the one-character code
   * @param offset the code's offset in the input, for the error
   * @return the version; never {@code null}
   * @throws Tr31FormatException {@link ErrorCode#INVALID_VERSION} if unknown
   */
  public static KeyBlockVersion fromCode(String code, int offset) throws Tr31FormatException {
    KeyBlockVersion known = code == null ? null : BY_CODE.get(code);
    if (known != null) {
      return known;
    }
    throw new Tr31FormatException(ErrorCode.INVALID_VERSION, offset);
  }
}
