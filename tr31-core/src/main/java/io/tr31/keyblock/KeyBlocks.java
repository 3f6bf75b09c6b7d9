/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31Exception;
import io.tr31.Tr31PolicyException;


import java.util.Objects;

/**
 * One-shot wrap and unwrap: the KBPK is prepared inside the call and destroyed before it returns.
 *
 * <p>The KBPK's algorithm follows from the key block version (X9.143 clause 5: versions A, B, C and
 * the proprietary {@code 0} use a TDES KBPK, or under the lenient profile an 8-byte single-DES KBPK
 * for A, C and {@code 0} or a degenerate TDES KBPK; D and E an AES KBPK). For many blocks under one KBPK, prepare a {@link
 * KeyBlockProtectionKey} once instead.
 *
 * <h2>Security</h2>
 *
 * Same guarantees as {@link KeyBlockProtectionKey}; the caller's KBPK array is never kept or
 * modified. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class KeyBlocks {
  private KeyBlocks() {}

  /** Wrap/unwrap round trips {@link #warmUp()} runs: past HotSpot's C2 compile thresholds. */
  static final int WARM_UP_ROUNDS = 20_000;

  /**
   * Runs throwaway AES wrap/unwrap round trips under a public, immediately destroyed KBPK, so that
   * HotSpot compiles AES to its AES-NI intrinsics before real keys are used.
   *
   * <h4>Security</h4>
   *
   * Until the JIT compiles it, the JDK's AES runs table-based Java code whose memory accesses
   * depend on the key (a cache-timing side channel). Call this once at start-up, before serving
   * untrusted traffic, on servers where an attacker could time operations. It uses no caller key:
   * its KBPK and key are public constants (all zero, and the key one bit apart, since wrap refuses
   * the KBPK itself; which code gets compiled does not depend on the key's value), so there is no
   * secret to leave behind; it takes well under a second on current hardware. Thread-safe.
   *
   * <p>It helps AES only (versions D and E, AES KCVs). The JDK's TDES and DES (SunJCE {@code
   * DESede}) are table-based Java with no intrinsic, compiled or not: versions A, B, C and {@code
   * 0}, TDES and DES KCVs keep a key-dependent cache footprint after warm-up. Where operations can
   * be timed, migrate to AES KBPKs ({@link Rewrap}).
   */
  public static void warmUp() {
    try {
      KeyBlockProtectionKey kbpk = KeyBlockProtectionKey.prepare(KeyAlgorithm.AES, new byte[32]);
      try {
        KeyBlockHeader header = KeyBlockHeader.parse("D0000D0AB00N0000", Profile.STRICT);
        byte[] key = new byte[32];
        key[0] = 1; // public like the KBPK, but not the KBPK itself (KEY_IS_KBPK)
        for (int i = 0; i < WARM_UP_ROUNDS; i++) {
          kbpk.unwrap(kbpk.wrap(header, key)).destroy();
        }
      } finally {
        kbpk.destroy();
      }
    } catch (Tr31Exception e) {
      throw new IllegalStateException("warm-up failed: " + e.code(), e);
    }
  }

  /**
   * The KBPK algorithm a key block version needs (X9.143 clause 5).
   *
   * @param version the key block version; not {@code null}
   * @return {@link KeyAlgorithm#AES} for D and E, {@link KeyAlgorithm#TDES} for A, B, C and {@code
   *     0} (an 8-byte single-DES KBPK for A, C and {@code 0} is a lenient-only deviation, see
   *     {@link #prepareFor})
   * @throws NullPointerException if {@code version} is {@code null}
   */
  public static KeyAlgorithm kbpkAlgorithmFor(KeyBlockVersion version) {
    return version.kbpkAlgorithm();
  }

  /**
   * Prepares {@code kbpk} as the KBPK type {@code version} needs: AES for D and E, TDES for A, B, C
   * and {@code 0}; under {@link Profile#LENIENT} an 8-byte KBPK for A, C or {@code 0} is prepared
   * as {@link KeyBlockProtectionKey#prepareSingleDesLegacy single DES} (a field deviation), and a
   * degenerate TDES KBPK (K1 = K2 or K2 = K3) is prepared to unwrap under the lenient profile only,
   * never to wrap (each unwrap reports it in {@link UnwrappedKey#warnings()}).
   *
   * @param version the key block version the KBPK will serve; not {@code null}
   * @param kbpk the KBPK bytes; copied, never kept; not {@code null}
   * @param profile {@link Profile#LENIENT} admits an 8-byte single-DES KBPK for A, C and {@code 0};
   *     and a degenerate TDES KBPK (unwrap only); not {@code null}
   * @return the prepared KBPK (every binding of its algorithm), which the caller destroys when done
   * @throws NullPointerException if an argument is {@code null}
   * @throws Tr31Exception a {@link Tr31PolicyException} with {@link
   *     ErrorCode#INVALID_KBPK_LENGTH} when the length does not fit the version's KBPK, or {@link
   *     ErrorCode#DEGENERATE_TDES_KBPK} for a degenerate TDES KBPK under {@link Profile#STRICT}
   */
  public static KeyBlockProtectionKey prepareFor(
      KeyBlockVersion version, byte[] kbpk, Profile profile) throws Tr31Exception {
    return prepare(version, kbpk, profile, false);
  }

  /** {@link #prepareFor}, deriving only {@code version}'s binding: the one-shot calls' KBPK. */
  private static KeyBlockProtectionKey prepareOneShot(
      KeyBlockVersion version, byte[] kbpk, Profile profile) throws Tr31Exception {
    return prepare(version, kbpk, profile, true);
  }

  private static KeyBlockProtectionKey prepare(
      KeyBlockVersion version, byte[] kbpk, Profile profile, boolean oneShot) throws Tr31Exception {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(kbpk, "kbpk");
    Objects.requireNonNull(profile, "profile");
    boolean variant = version.bindingMethod() == KeyBlockVersion.BindingMethod.VARIANT;
    if (variant && kbpk.length == 8 && profile == Profile.LENIENT) {
      return KeyBlockProtectionKey.prepareSingleDesLegacy(kbpk);
    }
    if (kbpkAlgorithmFor(version) == KeyAlgorithm.TDES && kbpk.length != 16 && kbpk.length != 24) {
      throw new Tr31PolicyException(
          ErrorCode.INVALID_KBPK_LENGTH,
          "version "
              + version.id()
              + " needs "
              + KeyBlockProtectionKey.kbpkNeededBy(version)
              + ", not "
              + kbpk.length
              + " bytes");
    }
    return KeyBlockProtectionKey.prepareFor(
        kbpkAlgorithmFor(version), kbpk, profile, oneShot ? version : null);
  }

  /**
   * Unwraps {@code keyBlock} under {@code kbpk}, prepared as {@link #prepareFor} says.
   *
   * @param kbpk the KBPK bytes; copied, never kept, the copy destroyed before returning; not {@code
   *     null}
   * @param keyBlock the untrusted key block; {@code null} is reported as {@link
   *     ErrorCode#NULL_INPUT}
   * @param profile how strictly to read; not {@code null}
   * @return the key and its authenticated header; the caller destroys it
   * @throws NullPointerException if {@code kbpk} or {@code profile} is {@code null}
   * @throws Tr31Exception as {@link KeyBlockProtectionKey#unwrap(CharSequence, Profile)}, and
   *     {@link ErrorCode#INVALID_KBPK_LENGTH} when the KBPK's length does not fit the version,
   *     {@link ErrorCode#DEGENERATE_TDES_KBPK} for a degenerate TDES KBPK under {@link
   *     Profile#STRICT} (after the block's structure is checked, before decrypting)
   */
  public static UnwrappedKey unwrap(byte[] kbpk, CharSequence keyBlock, Profile profile)
      throws Tr31Exception {
    Objects.requireNonNull(kbpk, "kbpk");
    Objects.requireNonNull(profile, "profile");
    KeyBlock parsed = KeyBlock.parse(keyBlock, profile);
    KeyBlockProtectionKey key = prepareOneShot(parsed.header().version(), kbpk, profile);
    try {
      return key.unwrap(parsed, profile);
    } finally {
      key.destroy();
    }
  }

  /**
   * Wraps {@code key} with {@code header} under {@code kbpk}, whose algorithm follows from the
   * header's version ({@link #kbpkAlgorithmFor}).
   *
   * @param kbpk the KBPK bytes; copied, never kept, the copy destroyed before returning; not {@code
   *     null}
   * @param header the header of the key block to write; not {@code null}
   * @param key the key to wrap (only read); not {@code null}
   * @param options KCV blocks, key length obfuscation and legacy versions; not {@code null}
   * @return the key block text
   * @throws NullPointerException if an argument is {@code null}
   * @throws Tr31Exception as {@link KeyBlockProtectionKey#wrap(KeyBlockHeader, byte[],
   *     WrapOptions)}, and {@link ErrorCode#INVALID_KBPK_LENGTH}, {@link
   *     ErrorCode#DEGENERATE_TDES_KBPK}
   */
  public static String wrap(byte[] kbpk, KeyBlockHeader header, byte[] key, WrapOptions options)
      throws Tr31Exception {
    Objects.requireNonNull(kbpk, "kbpk");
    Objects.requireNonNull(header, "header");
    KeyBlockProtectionKey prepared =
        KeyBlockProtectionKey.prepareFor(
            kbpkAlgorithmFor(header.version()), kbpk, Profile.STRICT, header.version());
    try {
      return prepared.wrap(header, key, options);
    } finally {
      prepared.destroy();
    }
  }
}
