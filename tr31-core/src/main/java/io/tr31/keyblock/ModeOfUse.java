/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31FormatException;

/**
 * The operations the wrapped key may perform: header character 8 (ANSI X9.143:2022 6.2, Table 4).
 *
 * <p>{@link #PROPRIETARY} stands for a numeric mode (X9.143 reserves numeric values for proprietary
 * use); accepted only under {@link Profile#LENIENT}, the header keeps the raw code.
 *
 * <h2>Security</h2>
 *
 * Immutable. Authenticated with the key; enforcing it is the key user's duty.
 *
 * @since 0.1.0
 */
public enum ModeOfUse {
  /** {@code B}: both encrypt and decrypt / wrap and unwrap. */
  ENCRYPT_DECRYPT("B", "Encrypt/wrap and decrypt/unwrap"),
  /** {@code C}: MAC generate and verify (both). */
  GENERATE_VERIFY("C", "MAC calculate (generate and verify)"),
  /** {@code D}: decrypt / unwrap only. */
  DECRYPT_ONLY("D", "Decrypt/unwrap only"),
  /** {@code E}: encrypt / wrap only. */
  ENCRYPT_ONLY("E", "Encrypt/wrap only"),
  /** {@code G}: MAC generate only. */
  GENERATE_ONLY("G", "MAC generate only"),
  /** {@code N}: no special restrictions (other than those of the key usage). */
  NO_RESTRICTIONS("N", "No special restrictions"),
  /** {@code S}: signature only. */
  SIGNATURE_ONLY("S", "Signature only"),
  /** {@code T}: both sign and decrypt. */
  SIGN_DECRYPT("T", "Sign and decrypt"),
  /** {@code V}: MAC verify only. */
  VERIFY_ONLY("V", "MAC verify only"),
  /** {@code X}: key used to derive other keys. */
  DERIVE_KEYS("X", "Key derivation"),
  /** {@code Y}: key used to create key variants. */
  CREATE_VARIANTS("Y", "Create key variants"),
  /** A numeric code (IBM {@code 1}); the header keeps the raw code. Lenient only. */
  PROPRIETARY("", "Proprietary (numeric) mode of use");

  private static final Codes.Index<ModeOfUse> BY_CODE = Codes.index(values(), ModeOfUse::code);

  private final String code;
  private final String meaning;

  ModeOfUse(String code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  /** {@return the one-character header code (character 8); empty for {@link #PROPRIETARY}} */
  public String code() {
    return code;
  }

  /** {@return the standard's meaning, in English} */
  public String meaning() {
    return meaning;
  }

  /**
   * Looks up a header code under the strict profile (proprietary codes rejected).
   *
   * @param code the one-character code from the header; {@code null} is reported as unknown
   * @param offset the code's offset in the input, reported in the exception
   * @return the mode of use; never {@code null}
   * @throws Tr31FormatException {@link ErrorCode#INVALID_MODE_OF_USE} if unknown
   */
  static ModeOfUse fromCode(String code, int offset) throws Tr31FormatException {
    return fromCode(code, offset, Profile.STRICT);
  }

  /**
   * Looks up a header code; a digit yields {@link #PROPRIETARY} under {@link Profile#LENIENT}.
   *
   * @param code the one-character code from the header; {@code null} is reported as unknown
   * @param offset the code's offset in the input, reported in the exception
   * @param profile how strictly to read; only {@link Profile#LENIENT} admits proprietary codes
   * @return the mode of use; never {@code null}
   * @throws Tr31FormatException {@link ErrorCode#INVALID_MODE_OF_USE} if unknown or not allowed
   */
  static ModeOfUse fromCode(String code, int offset, Profile profile) throws Tr31FormatException {
    return BY_CODE.requireOrProprietary(
        code, ErrorCode.INVALID_MODE_OF_USE, offset, profile, PROPRIETARY, 1);
  }
}
