/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31FormatException;

/**
 * The intended function of the wrapped key: header characters 5-6 (ANSI X9.143:2022 6.2, Table 2).
 *
 * <p>{@link #PROPRIETARY} stands for any code whose first character is a digit (X9.143 reserves
 * numeric values for proprietary use; IBM CCA writes {@code 10}). It is accepted only under {@link
 * Profile#LENIENT}; the header keeps the raw code.
 *
 * <h2>Security</h2>
 *
 * Immutable. The usage is authenticated with the key; which algorithms and modes of use it may be
 * combined with is decided by {@link KeyAttributePolicy}.
 *
 * @since 0.1.0
 */
public enum KeyUsage {
  /** {@code B0}: base derivation key (BDK). */
  BDK("B0", "Base derivation key (BDK)"),
  /** {@code B1}: initial DUKPT key (IK/IPEK). */
  INITIAL_DUKPT_KEY("B1", "Initial DUKPT key"),
  /** {@code B2}: base key variant key (deprecated). */
  BASE_KEY_VARIANT_KEY("B2", "Base key variant key (deprecated)"),
  /** {@code B3}: key derivation key (non-X9.24). */
  KEY_DERIVATION_KEY("B3", "Key derivation key (non-X9.24)"),
  /** {@code C0}: card verification key (CVK). */
  CARD_VERIFICATION_KEY("C0", "Card verification key"),
  /** {@code D0}: symmetric data encryption key. */
  DATA_ENCRYPTION_SYMMETRIC("D0", "Symmetric key for data encryption"),
  /** {@code D1}: asymmetric key for data encryption. */
  DATA_ENCRYPTION_ASYMMETRIC("D1", "Asymmetric key for data encryption"),
  /** {@code D2}: data encryption key for decimalization tables. */
  DECIMALIZATION_TABLE("D2", "Data encryption key for decimalization table"),
  /** {@code D3}: data encryption key for sensitive data. */
  SENSITIVE_DATA_ENCRYPTION("D3", "Data encryption key for sensitive data"),
  /** {@code E0}: EMV/chip issuer master key, application cryptograms. */
  EMV_MK_APP_CRYPTOGRAMS("E0", "EMV/chip issuer master key: application cryptograms"),
  /** {@code E1}: EMV/chip issuer master key, secure messaging for confidentiality. */
  EMV_MK_SM_CONFIDENTIALITY("E1", "EMV/chip issuer master key: secure messaging confidentiality"),
  /** {@code E2}: EMV/chip issuer master key, secure messaging for integrity. */
  EMV_MK_SM_INTEGRITY("E2", "EMV/chip issuer master key: secure messaging integrity"),
  /** {@code E3}: EMV/chip issuer master key, data authentication code. */
  EMV_MK_DAC("E3", "EMV/chip issuer master key: data authentication code"),
  /** {@code E4}: EMV/chip issuer master key, dynamic numbers. */
  EMV_MK_DYNAMIC_NUMBERS("E4", "EMV/chip issuer master key: dynamic numbers"),
  /** {@code E5}: EMV/chip issuer master key, card personalization. */
  EMV_MK_CARD_PERSONALIZATION("E5", "EMV/chip issuer master key: card personalization"),
  /** {@code E6}: EMV/chip issuer master key, other. */
  EMV_MK_OTHER("E6", "EMV/chip issuer master key: other"),
  /** {@code E7}: EMV asymmetric key pair for PIN encryption. */
  EMV_ASYMMETRIC_PIN("E7", "EMV/chip asymmetric key pair for PIN encryption"),
  /** {@code I0}: initialization vector. */
  INITIALIZATION_VECTOR("I0", "Initialization vector"),
  /** {@code K0}: key encryption or wrapping key. */
  KEY_ENCRYPTION("K0", "Key encryption or wrapping"),
  /** {@code K1}: TR-31/X9.143 key block protection key. */
  KEY_BLOCK_PROTECTION("K1", "X9.143 key block protection key"),
  /** {@code K2}: TR-34 asymmetric key pair. */
  TR34_ASYMMETRIC("K2", "TR-34 asymmetric key"),
  /** {@code K3}: asymmetric key pair for key wrapping or key agreement. */
  ASYMMETRIC_KEY_AGREEMENT("K3", "Asymmetric key for key agreement or key wrapping"),
  /** {@code K4}: ISO 20038 key block protection key. */
  ISO20038_KEY_BLOCK_PROTECTION("K4", "ISO 20038 key block protection key"),
  /** {@code M0}: ISO 16609 MAC algorithm 1 (TDES). */
  MAC_ISO16609("M0", "ISO 16609 MAC algorithm 1 (TDES)"),
  /** {@code M1}: ISO 9797-1 MAC algorithm 1. */
  MAC_ISO9797_1_ALG1("M1", "ISO 9797-1 MAC algorithm 1"),
  /** {@code M2}: ISO 9797-1 MAC algorithm 2. */
  MAC_ISO9797_1_ALG2("M2", "ISO 9797-1 MAC algorithm 2"),
  /** {@code M3}: ISO 9797-1 MAC algorithm 3 (retail MAC). */
  MAC_ISO9797_1_ALG3("M3", "ISO 9797-1 MAC algorithm 3"),
  /** {@code M4}: ISO 9797-1 MAC algorithm 4. */
  MAC_ISO9797_1_ALG4("M4", "ISO 9797-1 MAC algorithm 4"),
  /** {@code M5}: ISO 9797-1:1999 MAC algorithm 5 (legacy). */
  MAC_ISO9797_1_1999_ALG5("M5", "ISO 9797-1:1999 MAC algorithm 5 (legacy)"),
  /** {@code M6}: ISO 9797-1:2011 MAC algorithm 5 (CMAC). */
  MAC_CMAC("M6", "ISO 9797-1:2011 MAC algorithm 5 (CMAC)"),
  /** {@code M7}: HMAC key. */
  MAC_HMAC("M7", "HMAC key"),
  /** {@code M8}: ISO 9797-1:2011 MAC algorithm 6. */
  MAC_ISO9797_1_ALG6("M8", "ISO 9797-1:2011 MAC algorithm 6"),
  /** {@code P0}: PIN encryption key. */
  PIN_ENCRYPTION("P0", "PIN encryption"),
  /** {@code P1}: PIN generation key. */
  PIN_GENERATION("P1", "PIN generation"),
  /** {@code S0}: asymmetric key pair for digital signature. */
  ASYMMETRIC_SIGNATURE("S0", "Asymmetric key pair for digital signature"),
  /** {@code S1}: asymmetric key pair, CA key. */
  ASYMMETRIC_CA("S1", "Asymmetric key pair, CA key"),
  /** {@code S2}: asymmetric key pair, non-X9.24 key. */
  ASYMMETRIC_NON_X924("S2", "Asymmetric key pair, non-X9.24 key"),
  /** {@code V0}: PIN verification key, other algorithm. */
  PIN_VERIFICATION_OTHER("V0", "PIN verification, other algorithm"),
  /** {@code V1}: PIN verification key, IBM 3624. */
  PIN_VERIFICATION_IBM3624("V1", "PIN verification, IBM 3624"),
  /** {@code V2}: PIN verification key, VISA PVV. */
  PIN_VERIFICATION_VISA_PVV("V2", "PIN verification, VISA PVV"),
  /** {@code V3}: PIN verification key, X9.132 algorithm 1. */
  PIN_VERIFICATION_X9132_ALG1("V3", "PIN verification, X9.132 algorithm 1"),
  /** {@code V4}: PIN verification key, X9.132 algorithm 2. */
  PIN_VERIFICATION_X9132_ALG2("V4", "PIN verification, X9.132 algorithm 2"),
  /** {@code V5}: PIN verification key, X9.132 algorithm 3. */
  PIN_VERIFICATION_X9132_ALG3("V5", "PIN verification, X9.132 algorithm 3"),
  /** Any numeric-first code (IBM {@code 10}); the header keeps the raw code. Lenient only. */
  PROPRIETARY("", "Proprietary (numeric) key usage");

  private static final Codes.Index<KeyUsage> BY_CODE = Codes.index(values(), KeyUsage::code);

  private final String code;
  private final String meaning;

  KeyUsage(String code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  /**
   * {@return the two-character header code (characters 5-6); empty for {@link #PROPRIETARY} (see
   * the header's raw code)}
   */
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
   * @param code the two-character code from the header; {@code null} is reported as unknown
   * @param offset the code's offset in the input, reported in the exception
   * @return the key usage; never {@code null}
   * @throws Tr31FormatException {@link ErrorCode#INVALID_KEY_USAGE} if unknown
   */
  static KeyUsage fromCode(String code, int offset) throws Tr31FormatException {
    return fromCode(code, offset, Profile.STRICT);
  }

  /**
   * Looks up a header code; under {@link Profile#LENIENT} a two-character code whose first
   * character is a digit and second is alphanumeric yields {@link #PROPRIETARY}.
   *
   * @param code the two-character code from the header; {@code null} is reported as unknown
   * @param offset the code's offset in the input, reported in the exception
   * @param profile how strictly to read; only {@link Profile#LENIENT} admits proprietary codes
   * @return the key usage; never {@code null}
   * @throws Tr31FormatException {@link ErrorCode#INVALID_KEY_USAGE} if unknown or not allowed
   */
  static KeyUsage fromCode(String code, int offset, Profile profile) throws Tr31FormatException {
    return BY_CODE.requireOrProprietary(
        code, ErrorCode.INVALID_KEY_USAGE, offset, profile, PROPRIETARY, 2);
  }
}
