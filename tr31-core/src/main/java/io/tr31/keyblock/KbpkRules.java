/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31PolicyException;
import io.tr31.internal.TdesKeys;

/**
 * The checks a {@link KeyBlockProtectionKey} makes before it derives anything or before it wraps:
 * which key of which length serves which version, which unwrapped key may become a KBPK and with
 * which authority, and which versions wrap may write. Public header data and lengths only; no key
 * bytes in any message.
 */
final class KbpkRules {
  private KbpkRules() {}

  /** A KBPK made from an unwrapped key may wrap. */
  static final int WRAP = 1;

  /** A KBPK made from an unwrapped key may unwrap. */
  static final int UNWRAP = 2;

  /** The KBPK algorithm a key block version needs (X9.143 clause 5): AES for D and E, else TDES. */
  static KeyAlgorithm algorithmFor(KeyBlockVersion version) {
    return version == KeyBlockVersion.D || version == KeyBlockVersion.E
        ? KeyAlgorithm.AES
        : KeyAlgorithm.TDES;
  }

  /** Whether {@code version} uses the key variant binding (A, C and the Thales {@code 0}). */
  static boolean isVariant(KeyBlockVersion version) {
    return version == KeyBlockVersion.A
        || version == KeyBlockVersion.C
        || version == KeyBlockVersion.THALES_0;
  }

  static boolean aesLength(int n) {
    return n == 16 || n == 24 || n == 32;
  }

  static boolean tdesLength(int n) {
    return n == 16 || n == 24;
  }

  /**
   * The algorithm of a KBPK of untrusted length for blocks of {@code version}: DES for an 8-byte
   * KBPK of a variant version under the lenient profile, else the version's.
   *
   * @throws Tr31PolicyException {@link ErrorCode#INVALID_KBPK_LENGTH}, or {@link
   *     ErrorCode#DEGENERATE_TDES_KBPK} for a degenerate TDES KBPK outside the lenient profile
   */
  static KeyAlgorithm forVersion(KeyBlockVersion version, byte[] key, Profile profile)
      throws Tr31PolicyException {
    KeyAlgorithm algorithm = algorithmFor(version);
    boolean lenient = profile == Profile.LENIENT;
    if (isVariant(version) && key.length == 8 && lenient) {
      return KeyAlgorithm.DES;
    }
    boolean aes = algorithm == KeyAlgorithm.AES;
    if (aes ? !aesLength(key.length) : !tdesLength(key.length)) {
      throw new Tr31PolicyException(
          ErrorCode.INVALID_KBPK_LENGTH,
          "version "
              + version.id()
              + " needs "
              + KbpkKeys.kbpkNeededBy(version)
              + ", not "
              + key.length
              + " bytes");
    }
    if (!aes && !lenient && TdesKeys.isDegenerate(key)) {
      throw degenerateKbpk();
    }
    return algorithm;
  }

  /**
   * The authority of a KBPK made from a key of header {@code h} and {@code lengthBytes} (X9.143:2022
   * Tables 2 and 4): {@link #WRAP} and/or {@link #UNWRAP}.
   *
   * @throws Tr31PolicyException {@link ErrorCode#KEYSET_NOT_A_PROTECTION_KEY} unless usage {@code
   *     K0}, {@code K1} or {@code K4}, algorithm AES or TDES of a KBPK length, mode {@code B},
   *     {@code D}, {@code E} or {@code N}
   */
  static int authority(KeyBlockHeader h, int lengthBytes) throws Tr31PolicyException {
    KeyUsage usage = h.keyUsage();
    boolean usageOk =
        usage == KeyUsage.KEY_ENCRYPTION
            || usage == KeyUsage.KEY_BLOCK_PROTECTION
            || usage == KeyUsage.ISO20038_KEY_BLOCK_PROTECTION;
    KeyAlgorithm a = h.algorithm();
    boolean lengthOk =
        a == KeyAlgorithm.AES
            ? aesLength(lengthBytes)
            : a == KeyAlgorithm.TDES && tdesLength(lengthBytes);
    int authority;
    switch (h.modeOfUse()) {
      case ENCRYPT_DECRYPT:
      case NO_RESTRICTIONS:
        authority = WRAP | UNWRAP;
        break;
      case ENCRYPT_ONLY:
        authority = WRAP;
        break;
      case DECRYPT_ONLY:
        authority = UNWRAP;
        break;
      default:
        authority = 0;
    }
    if (!usageOk || !lengthOk || authority == 0) {
      throw new Tr31PolicyException(
          ErrorCode.KEYSET_NOT_A_PROTECTION_KEY,
          "usage "
              + h.keyUsageCode()
              + ", algorithm "
              + a.code()
              + ", mode "
              + h.modeOfUseCode());
    }
    return authority;
  }

  /**
   * What wrap refuses before it looks at the key: the proprietary {@code 0}, A and C without
   * {@link WrapOptions.Builder#allowDeprecatedVersions()}, a single-DES or degenerate TDES KBPK.
   */
  static void checkWritable(KeyBlockVersion version, WrapOptions options, KbpkKeys keys)
      throws Tr31PolicyException {
    if (version.isProprietary()) {
      throw new Tr31PolicyException(
          ErrorCode.UNSUPPORTED_OPERATION,
          "version "
              + version.id()
              + " is proprietary: read under the lenient profile, never written");
    }
    if ((version == KeyBlockVersion.A || version == KeyBlockVersion.C)
        && !options.allowDeprecatedVersions()) {
      // X9.143 deprecates the variant binding: writing it is an explicit, visible choice.
      throw new Tr31PolicyException(
          ErrorCode.UNSUPPORTED_OPERATION,
          "version "
              + version.id()
              + " is deprecated by X9.143; wrap it only with allowDeprecatedVersions()");
    }
    if (keys.algorithm == KeyAlgorithm.DES) {
      throw new Tr31PolicyException(
          ErrorCode.UNSUPPORTED_OPERATION, "a single-DES KBPK is for reading legacy blocks only");
    }
    if (keys.degenerate) {
      throw degenerateKbpk(); // wrap writes strict X9.143 only
    }
  }

  /**
   * What unwrap refuses before it parses the payload: a single-DES or degenerate TDES KBPK outside
   * the lenient profile, and an ISO 20038-only algorithm outside version E under the strict one.
   */
  static void checkReadable(KeyBlockHeader header, Profile profile, KbpkKeys keys)
      throws Tr31PolicyException, io.tr31.Tr31FormatException {
    if (keys.algorithm == KeyAlgorithm.DES && profile != Profile.LENIENT) {
      throw new Tr31PolicyException(
          ErrorCode.INVALID_KBPK_LENGTH,
          "a single-DES (8-byte) KBPK is a field deviation accepted only under the lenient"
              + " profile");
    }
    if (keys.degenerate && profile != Profile.LENIENT) {
      throw degenerateKbpk();
    }
    UnwrapWarnings.checkAlgorithmForVersion(header, profile);
  }

  /** Whether {@link #checkReadable} passes (for the unwrap fast path, which falls back if not). */
  static boolean isReadable(KeyBlockHeader header, Profile profile, KbpkKeys keys) {
    try {
      checkReadable(header, profile, keys);
      return true;
    } catch (Tr31PolicyException | io.tr31.Tr31FormatException e) {
      return false;
    }
  }

  /** The refusal of a degenerate TDES KBPK; names no key part. */
  static Tr31PolicyException degenerateKbpk() {
    return new Tr31PolicyException(
        ErrorCode.DEGENERATE_TDES_KBPK,
        "a TDES KBPK needs K1 != K2 and K2 != K3 (parity bits ignored); this one computes single"
            + " DES");
  }
}
