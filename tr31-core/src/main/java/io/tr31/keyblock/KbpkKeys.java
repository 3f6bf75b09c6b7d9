/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31PolicyException;
import io.tr31.internal.Binding;
import io.tr31.internal.Bytes;
import io.tr31.internal.KeyDerivationBinding;
import io.tr31.internal.KeyFingerprint;
import io.tr31.internal.TdesKeys;
import io.tr31.internal.VariantBinding;
import io.tr31.internal.VersionEBinding;
import java.util.Arrays;

/**
 * What a {@link KeyBlockProtectionKey} derives from its key, once: the bindings (KBEK and KBAK) of
 * the versions it serves, its check values (for {@code KP} blocks), its strength (for {@link
 * ErrorCode#KBPK_TOO_WEAK}) and a salted fingerprint (for {@link ErrorCode#KEY_IS_KBPK}). The key
 * itself is never kept. Package-private: the protection key guards every use with its lifecycle
 * and calls {@link #wipe()} exactly once.
 */
final class KbpkKeys {
  final KeyAlgorithm algorithm;
  final int lengthBytes;

  /** The KBPK's strength from its actual parts ({@link KeyStrength}), for KBPK_TOO_WEAK. */
  final int strengthBits;

  /** A TDES KBPK with K1 = K2 or K2 = K3: unwraps under {@link Profile#LENIENT} only. */
  final boolean degenerate;

  /** The one version a KBPK prepared for a version serves, or {@code null} for all its own. */
  final KeyBlockVersion only;

  private final Binding[] slots;
  private final byte[] kcvLegacy;
  private final byte[] kcvCmac;
  private final KeyFingerprint fingerprint;

  private static final int VARIANT = 0;
  private static final int VERSION_B = 1;
  private static final int VERSION_D = 2;
  private static final int VERSION_E = 3;
  private static final int SLOTS = 4;

  /**
   * Holds what {@link #derive} computed (or, in tests, what a forged KBPK claims): takes ownership
   * of every array and binding.
   */
  KbpkKeys(
      KeyAlgorithm algorithm,
      int lengthBytes,
      int strengthBits,
      boolean degenerate,
      KeyBlockVersion only,
      Binding[] slots,
      byte[] kcvLegacy,
      byte[] kcvCmac,
      KeyFingerprint fingerprint) {
    this.algorithm = algorithm;
    this.lengthBytes = lengthBytes;
    this.strengthBits = strengthBits;
    this.degenerate = degenerate;
    this.only = only;
    this.slots = slots;
    this.kcvLegacy = kcvLegacy;
    this.kcvCmac = kcvCmac;
    this.fingerprint = fingerprint;
  }

  /**
   * Derives the bindings of {@code only} (or of every version {@code algorithm} serves when it is
   * {@code null}), then the KCVs. A failure half-way (a JCE provider failure surfaces as an
   * unchecked exception) destroys every binding already derived and rethrows: a failed preparation
   * leaves no derived key keyed in a cipher. The caller checked the key's length.
   */
  static KbpkKeys derive(KeyAlgorithm algorithm, byte[] key, KeyBlockVersion only) {
    Binding[] slots = new Binding[SLOTS];
    byte[][] kcvs = new byte[2][];
    buildOrDestroy(slots, () -> derive(algorithm, key, only, slots, kcvs));
    return new KbpkKeys(
        algorithm,
        key.length,
        KeyStrength.bits(algorithm, key),
        algorithm == KeyAlgorithm.TDES && TdesKeys.isDegenerate(key),
        only,
        slots,
        kcvs[0],
        kcvs[1],
        KeyFingerprint.of(key, algorithm != KeyAlgorithm.AES));
  }

  /** A step of preparation that fills binding slots. */
  interface BuildStep<X extends Exception> {
    void run() throws X;
  }

  /**
   * Runs {@code step}; if it throws anything (a JCE provider failure surfaces as an unchecked
   * exception half-way through), destroys every binding it already put into {@code slots} and
   * rethrows: a failed preparation leaves no derived key keyed in a cipher.
   */
  static <X extends Exception> void buildOrDestroy(Binding[] slots, BuildStep<X> step) throws X {
    try {
      step.run();
    } catch (Throwable t) {
      destroy(slots);
      throw t;
    }
  }

  private static void derive(
      KeyAlgorithm algorithm, byte[] key, KeyBlockVersion only, Binding[] slots, byte[][] kcvs) {
    boolean aes = algorithm == KeyAlgorithm.AES;
    boolean tdes = algorithm == KeyAlgorithm.TDES;
    boolean variantWanted =
        only == null
            || only == KeyBlockVersion.A
            || only == KeyBlockVersion.C
            || only == KeyBlockVersion.THALES_0;
    if (!aes && variantWanted) {
      slots[VARIANT] = VariantBinding.of(key);
    }
    KeyDerivationBinding derivation = null;
    if (aes && (only == null || only == KeyBlockVersion.D)) {
      // Prepared for D alone (forVersion: the one-shot): key the KBEK's decryptor from the PRF.
      derivation =
          only == KeyBlockVersion.D
              ? KeyDerivationBinding.versionDUnwrapFirst(key)
              : KeyDerivationBinding.versionD(key);
      slots[VERSION_D] = derivation;
    } else if (tdes && (only == null || only == KeyBlockVersion.B)) {
      derivation = KeyDerivationBinding.versionB(key);
      slots[VERSION_B] = derivation;
    }
    if (aes && (only == null || only == KeyBlockVersion.E)) {
      slots[VERSION_E] =
          only == KeyBlockVersion.E ? VersionEBinding.ofKeyed(key) : VersionEBinding.of(key);
    }
    if (derivation != null) {
      // X9.24-1 KCVs of the KBPK from the cipher the derivation already keyed (one key schedule
      // fewer): legacy = E(0), CMAC = CMAC(0 block); equal to KeyCheckValue.compute (tested).
      byte[] zeros = derivation.kbpkEncryptedZeros();
      byte[] cmac = derivation.kbpkCmacOfZeros();
      kcvs[0] = Arrays.copyOf(zeros, KcvMethod.LEGACY.maxLengthBytes());
      kcvs[1] = Arrays.copyOf(cmac, KcvMethod.CMAC.maxLengthBytes());
      Bytes.wipe(zeros, cmac);
    } else {
      kcvs[0] = KeyCheckValue.fullLength(algorithm, key, KcvMethod.LEGACY);
      kcvs[1] = KeyCheckValue.fullLength(algorithm, key, KcvMethod.CMAC);
    }
  }

  /** The KBPK's check value by {@code method}, at the method's full length (shared: only read). */
  byte[] kcv(KcvMethod method) {
    return method == KcvMethod.LEGACY ? kcvLegacy : kcvCmac;
  }

  /**
   * Whether {@code key}, used as {@code keyAlgorithm}, is this KBPK (constant time; the one rule
   * for {@link ErrorCode#KEY_IS_KBPK}, on wrap and on re-wrap). A DES-family key is compared in
   * canonical DES form whatever the KBPK's algorithm: an AES KBPK's bytes with flipped parity bits
   * are that KBPK up to 16 bits (review 4, finding 5).
   */
  boolean isKbpk(byte[] key, KeyAlgorithm keyAlgorithm) {
    return fingerprint.matches(
        key, keyAlgorithm == KeyAlgorithm.TDES || keyAlgorithm == KeyAlgorithm.DES);
  }

  /** Whether a binding serves {@code version} (other rules, such as the profile, still apply). */
  boolean serves(KeyBlockVersion version) {
    return bindingOrNull(version) != null;
  }

  /** The binding that serves {@code version}, or {@code null}. */
  Binding bindingOrNull(KeyBlockVersion version) {
    switch (version) {
      case A:
      case C:
      case THALES_0:
        return slots[VARIANT];
      case B:
        return slots[VERSION_B];
      case D:
        return slots[VERSION_D];
      case E:
        return slots[VERSION_E];
      default:
        return null;
    }
  }

  /** The binding that serves {@code version}, or {@link ErrorCode#WRONG_KBPK_FOR_VERSION}. */
  Binding bindingFor(KeyBlockVersion version) throws Tr31PolicyException {
    Binding b = bindingOrNull(version);
    if (b == null) {
      throw new Tr31PolicyException(
          ErrorCode.WRONG_KBPK_FOR_VERSION,
          "version "
              + version.id()
              + " needs "
              + kbpkNeededBy(version)
              + "; this KBPK is "
              + describe()
              + (only == null ? "" : ", prepared for version " + only.id()));
    }
    return b;
  }

  /** What KBPK a version needs, for error messages (users get this wrong; psec issue 8). */
  static String kbpkNeededBy(KeyBlockVersion version) {
    switch (version) {
      case D:
      case E:
        return "an AES KBPK (16, 24 or 32 bytes)";
      case B:
        return "a TDES KBPK (16 or 24 bytes)";
      default:
        return "a TDES KBPK (16 or 24 bytes; 8-byte single DES under the lenient profile)";
    }
  }

  /** The algorithm and size, never key material. */
  String describe() {
    return algorithm == KeyAlgorithm.DES
        ? "single DES (8 bytes)"
        : algorithm + "-" + (lengthBytes * 8);
  }

  /** Wipes every derived key, the KCVs and the fingerprint. Called once, under the lifecycle. */
  void wipe() {
    destroy(slots);
    Bytes.wipe(kcvLegacy, kcvCmac);
    fingerprint.destroy();
  }

  private static void destroy(Binding[] slots) {
    for (Binding b : slots) {
      if (b != null) {
        b.destroy();
      }
    }
  }
}
