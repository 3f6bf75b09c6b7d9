/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import static io.tr31.keyblock.KeyAlgorithm.AES;
import static io.tr31.keyblock.KeyAlgorithm.EC;
import static io.tr31.keyblock.KeyAlgorithm.HMAC;
import static io.tr31.keyblock.KeyAlgorithm.HMAC_SHA2;
import static io.tr31.keyblock.KeyAlgorithm.HMAC_SHA3;
import static io.tr31.keyblock.KeyAlgorithm.RSA;
import static io.tr31.keyblock.KeyAlgorithm.TDES;
import static io.tr31.keyblock.ModeOfUse.CREATE_VARIANTS;
import static io.tr31.keyblock.ModeOfUse.DECRYPT_ONLY;
import static io.tr31.keyblock.ModeOfUse.DERIVE_KEYS;
import static io.tr31.keyblock.ModeOfUse.ENCRYPT_DECRYPT;
import static io.tr31.keyblock.ModeOfUse.ENCRYPT_ONLY;
import static io.tr31.keyblock.ModeOfUse.GENERATE_ONLY;
import static io.tr31.keyblock.ModeOfUse.GENERATE_VERIFY;
import static io.tr31.keyblock.ModeOfUse.NO_RESTRICTIONS;
import static io.tr31.keyblock.ModeOfUse.SIGNATURE_ONLY;
import static io.tr31.keyblock.ModeOfUse.SIGN_DECRYPT;
import static io.tr31.keyblock.ModeOfUse.VERIFY_ONLY;

import io.tr31.ErrorCode;
import io.tr31.Tr31FormatException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which key usage × algorithm × mode of use combinations are permitted together.
 *
 * <p>ANSI X9.143:2022 Tables 2-4 define each field separately; which combinations make sense is
 * stated per key usage in the standard's usage descriptions. The table here is derived from the
 * public vendor documentation of those rules, and is listed with its sources in {@code
 * src/docs/KEY-ATTRIBUTES.md}:
 *
 * <ul>
 *   <li>AWS Payment Cryptography User Guide, "Understanding key attributes for AWS Payment
 *       Cryptography key" (docs.aws.amazon.com/payment-cryptography/latest/userguide/
 *       keys-validattributes.html): allowed algorithms and allowed combinations of modes of use per
 *       TR-31 key usage;
 *   <li>IBM CCA, TR31 Key Block Create (CSNBT31C) usage notes, Table 1 "Key usage keywords for a
 *       single key": TR-31 mode of key use per key usage;
 *   <li>the standards' own published examples, which must stay valid: ISO 20038:2017 B.2 ({@code B0
 *       T V}) and B.3 ({@code M3 T V}), ANSI X9.143:2021 8.5/8.6 ({@code S0 R/E S}).
 * </ul>
 *
 * Mode {@code N} (no special restrictions) is permitted wherever AWS lists "NoRestrictions". Single
 * DES ({@code D}) is permitted nowhere: neither source lists it for new keys.
 *
 * <h2>Security</h2>
 *
 * Stateless and thread-safe; the table is an immutable map built once. A combination outside the
 * table is rejected under the strict profile with {@link ErrorCode#INCOMPATIBLE_KEY_ATTRIBUTES};
 * the lenient profile reports it as a header warning. Proprietary (numeric) codes are never
 * permitted.
 *
 * @since 0.1.0
 */
public final class KeyAttributePolicy {
  private static final Set<KeyAlgorithm> SYMMETRIC = EnumSet.of(AES, TDES);
  private static final Set<KeyAlgorithm> ASYMMETRIC = asymmetric();
  private static final Set<KeyAlgorithm> HMACS = EnumSet.of(HMAC, HMAC_SHA2, HMAC_SHA3);
  private static final Set<ModeOfUse> DERIVE = EnumSet.of(DERIVE_KEYS, NO_RESTRICTIONS);
  private static final Set<ModeOfUse> CIPHER =
      EnumSet.of(ENCRYPT_DECRYPT, DECRYPT_ONLY, ENCRYPT_ONLY, NO_RESTRICTIONS);
  private static final Set<ModeOfUse> MAC =
      EnumSet.of(GENERATE_VERIFY, GENERATE_ONLY, VERIFY_ONLY, NO_RESTRICTIONS);
  private static final Set<ModeOfUse> SIGN =
      EnumSet.of(SIGNATURE_ONLY, VERIFY_ONLY, SIGN_DECRYPT, NO_RESTRICTIONS);

  private static final Map<KeyUsage, Map<KeyAlgorithm, Set<ModeOfUse>>> TABLE = build();

  private static final int ALGORITHMS = KeyAlgorithm.values().length;

  /**
   * {@link #TABLE} flattened for {@link #isPermitted}, which every header parse calls: the bit of
   * each permitted mode's ordinal, indexed by usage and algorithm ordinal (two map lookups and a
   * set lookup cost about 15 ns of an unwrap).
   */
  private static final long[] PERMITTED = flatten();

  private static long[] flatten() {
    if (ModeOfUse.values().length > Long.SIZE) {
      throw new AssertionError("a mode of use per bit");
    }
    long[] t = new long[KeyUsage.values().length * ALGORITHMS];
    for (Map.Entry<KeyUsage, Map<KeyAlgorithm, Set<ModeOfUse>>> u : TABLE.entrySet()) {
      for (Map.Entry<KeyAlgorithm, Set<ModeOfUse>> a : u.getValue().entrySet()) {
        for (ModeOfUse m : a.getValue()) {
          t[u.getKey().ordinal() * ALGORITHMS + a.getKey().ordinal()] |= 1L << m.ordinal();
        }
      }
    }
    return t;
  }

  private KeyAttributePolicy() {}

  private static Map<KeyUsage, Map<KeyAlgorithm, Set<ModeOfUse>>> build() {
    Map<KeyUsage, Map<KeyAlgorithm, Set<ModeOfUse>>> t = new EnumMap<>(KeyUsage.class);
    // B: DUKPT and derivation keys derive (AWS: DeriveKey / NoRestrictions; IBM: X).
    permit(t, KeyUsage.BDK, SYMMETRIC, DERIVE);
    permit(t, KeyUsage.BDK, EnumSet.of(TDES), EnumSet.of(VERIFY_ONLY)); // ISO 20038:2017 B.2
    permit(t, KeyUsage.INITIAL_DUKPT_KEY, SYMMETRIC, DERIVE);
    permit(t, KeyUsage.BASE_KEY_VARIANT_KEY, EnumSet.of(TDES), EnumSet.of(CREATE_VARIANTS));
    permit(t, KeyUsage.BASE_KEY_VARIANT_KEY, EnumSet.of(TDES), DERIVE);
    permit(t, KeyUsage.KEY_DERIVATION_KEY, SYMMETRIC, DERIVE);
    // C0: card verification (AWS: Generate / Verify / both / NoRestrictions; IBM: C, G, V).
    permit(t, KeyUsage.CARD_VERIFICATION_KEY, SYMMETRIC, MAC);
    // D: data encryption (AWS: Encrypt+Decrypt / Encrypt / Decrypt / NoRestrictions; IBM B, D, E).
    permit(t, KeyUsage.DATA_ENCRYPTION_SYMMETRIC, SYMMETRIC, CIPHER);
    permit(t, KeyUsage.DATA_ENCRYPTION_ASYMMETRIC, EnumSet.of(RSA, EC), CIPHER);
    permit(t, KeyUsage.DECIMALIZATION_TABLE, SYMMETRIC, CIPHER);
    permit(t, KeyUsage.SENSITIVE_DATA_ENCRYPTION, SYMMETRIC, CIPHER);
    // E0-E6: EMV issuer master keys derive card keys (AWS: DeriveKey / NoRestrictions; IBM: X).
    for (KeyUsage u :
        EnumSet.of(
            KeyUsage.EMV_MK_APP_CRYPTOGRAMS,
            KeyUsage.EMV_MK_SM_CONFIDENTIALITY,
            KeyUsage.EMV_MK_SM_INTEGRITY,
            KeyUsage.EMV_MK_DAC,
            KeyUsage.EMV_MK_DYNAMIC_NUMBERS,
            KeyUsage.EMV_MK_CARD_PERSONALIZATION,
            KeyUsage.EMV_MK_OTHER)) {
      permit(t, u, SYMMETRIC, DERIVE);
    }
    permit(t, KeyUsage.EMV_ASYMMETRIC_PIN, EnumSet.of(RSA, EC), CIPHER);
    permit(t, KeyUsage.INITIALIZATION_VECTOR, SYMMETRIC, EnumSet.of(NO_RESTRICTIONS));
    // K: key encryption / wrapping (AWS: Encrypt+Decrypt+Wrap+Unwrap / Wrap / Unwrap / N).
    permit(t, KeyUsage.KEY_ENCRYPTION, SYMMETRIC, CIPHER);
    permit(t, KeyUsage.KEY_BLOCK_PROTECTION, SYMMETRIC, CIPHER);
    permit(t, KeyUsage.TR34_ASYMMETRIC, EnumSet.of(RSA), CIPHER);
    permit(t, KeyUsage.ASYMMETRIC_KEY_AGREEMENT, EnumSet.of(RSA, EC), CIPHER);
    permit(t, KeyUsage.ASYMMETRIC_KEY_AGREEMENT, EnumSet.of(EC), EnumSet.of(DERIVE_KEYS));
    permit(t, KeyUsage.ISO20038_KEY_BLOCK_PROTECTION, SYMMETRIC, CIPHER);
    // M: MAC keys (AWS: Generate / Verify / both / NoRestrictions; IBM: C, G, V).
    permit(t, KeyUsage.MAC_ISO16609, EnumSet.of(TDES), MAC);
    permit(t, KeyUsage.MAC_ISO9797_1_ALG1, SYMMETRIC, MAC);
    permit(t, KeyUsage.MAC_ISO9797_1_ALG2, EnumSet.of(TDES), MAC);
    permit(t, KeyUsage.MAC_ISO9797_1_ALG3, EnumSet.of(TDES), MAC);
    permit(t, KeyUsage.MAC_ISO9797_1_ALG4, EnumSet.of(TDES), MAC);
    permit(t, KeyUsage.MAC_ISO9797_1_1999_ALG5, SYMMETRIC, MAC);
    permit(t, KeyUsage.MAC_CMAC, SYMMETRIC, MAC);
    permit(t, KeyUsage.MAC_HMAC, HMACS, MAC);
    permit(t, KeyUsage.MAC_ISO9797_1_ALG6, SYMMETRIC, MAC);
    // P0: PIN encryption (AWS: Encrypt+Decrypt / Encrypt / Decrypt / N); P1 and V: PIN
    // generation and verification (AWS: Generate / Verify / both / NoRestrictions).
    permit(t, KeyUsage.PIN_ENCRYPTION, SYMMETRIC, CIPHER);
    permit(t, KeyUsage.PIN_GENERATION, SYMMETRIC, MAC);
    for (KeyUsage u :
        EnumSet.of(
            KeyUsage.PIN_VERIFICATION_OTHER,
            KeyUsage.PIN_VERIFICATION_IBM3624,
            KeyUsage.PIN_VERIFICATION_VISA_PVV,
            KeyUsage.PIN_VERIFICATION_X9132_ALG1,
            KeyUsage.PIN_VERIFICATION_X9132_ALG2,
            KeyUsage.PIN_VERIFICATION_X9132_ALG3)) {
      permit(t, u, SYMMETRIC, MAC);
    }
    // S: asymmetric signature keys (AWS: Sign / Verify; X9.143:2021 8.5, 8.6 examples: S).
    permit(t, KeyUsage.ASYMMETRIC_SIGNATURE, ASYMMETRIC, SIGN);
    permit(t, KeyUsage.ASYMMETRIC_CA, ASYMMETRIC, SIGN);
    permit(t, KeyUsage.ASYMMETRIC_NON_X924, ASYMMETRIC, SIGN);

    Map<KeyUsage, Map<KeyAlgorithm, Set<ModeOfUse>>> frozen = new EnumMap<>(KeyUsage.class);
    for (Map.Entry<KeyUsage, Map<KeyAlgorithm, Set<ModeOfUse>>> e : t.entrySet()) {
      Map<KeyAlgorithm, Set<ModeOfUse>> inner = new EnumMap<>(KeyAlgorithm.class);
      for (Map.Entry<KeyAlgorithm, Set<ModeOfUse>> a : e.getValue().entrySet()) {
        inner.put(a.getKey(), Collections.unmodifiableSet(EnumSet.copyOf(a.getValue())));
      }
      frozen.put(e.getKey(), Collections.unmodifiableMap(inner));
    }
    return Collections.unmodifiableMap(frozen);
  }

  private static void permit(
      Map<KeyUsage, Map<KeyAlgorithm, Set<ModeOfUse>>> t,
      KeyUsage usage,
      Set<KeyAlgorithm> algorithms,
      Set<ModeOfUse> modes) {
    Map<KeyAlgorithm, Set<ModeOfUse>> byAlg =
        t.computeIfAbsent(usage, u -> new EnumMap<>(KeyAlgorithm.class));
    for (KeyAlgorithm a : algorithms) {
      byAlg.computeIfAbsent(a, x -> EnumSet.noneOf(ModeOfUse.class)).addAll(modes);
    }
  }

  /**
   * Whether the three attributes are permitted together; proprietary codes never are.
   *
   * @param usage the key usage; not {@code null}
   * @param algorithm the key's algorithm; not {@code null}
   * @param mode the mode of use; not {@code null}
   * @return {@code true} if this class's table permits the combination
   * @throws NullPointerException if an argument is {@code null}
   */
  static boolean isPermitted(KeyUsage usage, KeyAlgorithm algorithm, ModeOfUse mode) {
    Objects.requireNonNull(usage, "usage");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(mode, "mode");
    return (PERMITTED[usage.ordinal() * ALGORITHMS + algorithm.ordinal()] & (1L << mode.ordinal()))
        != 0;
  }

  /**
   * The permitted modes of use for a usage and algorithm.
   *
   * @param usage the key usage
   * @param algorithm the key's algorithm
   * @return the permitted modes (unmodifiable); empty when the table permits none, as for
   *     proprietary codes
   */
  public static Set<ModeOfUse> permittedModes(KeyUsage usage, KeyAlgorithm algorithm) {
    Map<KeyAlgorithm, Set<ModeOfUse>> byAlg = TABLE.get(usage);
    Set<ModeOfUse> modes = byAlg == null ? null : byAlg.get(algorithm);
    return modes == null ? Collections.emptySet() : modes;
  }

  /**
   * Checks a header's usage, algorithm and mode of use.
   *
   * @param h the header; not {@code null}
   * @throws NullPointerException if {@code h} is {@code null}
   * @throws Tr31FormatException {@link ErrorCode#INCOMPATIBLE_KEY_ATTRIBUTES} at offset 5 (the key
   *     usage field) when not permitted
   */
  static void check(KeyBlockHeader h) throws Tr31FormatException {
    if (!isPermitted(h.keyUsage(), h.algorithm(), h.modeOfUse())) {
      throw new Tr31FormatException(
          ErrorCode.INCOMPATIBLE_KEY_ATTRIBUTES,
          5,
          h.keyUsageCode() + " " + h.algorithm().code() + " " + h.modeOfUseCode());
    }
  }

  private static Set<KeyAlgorithm> asymmetric() {
    Set<KeyAlgorithm> set = EnumSet.noneOf(KeyAlgorithm.class);
    for (KeyAlgorithm a : KeyAlgorithm.values()) {
      if (a.isAsymmetric()) {
        set.add(a);
      }
    }
    return set;
  }
}
