/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;


import io.tr31.internal.TdesKeys;

/**
 * The security strength of an actual key, for the {@link ErrorCode#KBPK_TOO_WEAK} rule (ANSI
 * X9.24-1: a key is protected only by a key of equal or greater strength).
 *
 * <p>{@link KeyAlgorithm#securityStrengthBits} judges by length alone; a TDES key's strength also
 * depends on its parts ({@link TdesKeys}): a 3-key key with K1 = K3 is a 2-key key (80 bits), and a
 * degenerate key (K1 = K2 or K2 = K3) is single DES (56 bits). Wrap refuses degenerate keys and
 * KBPKs before this matters; the value is here so that no path can count one as TDES.
 */
final class KeyStrength {
  private KeyStrength() {}

  /** The strength in bits of {@code key} used as {@code algorithm} (only read). */
  static int bits(KeyAlgorithm algorithm, byte[] key) {
    if (algorithm != KeyAlgorithm.TDES || !algorithm.permitsKeyLengthBytes(key.length)) {
      return algorithm.securityStrengthBits(key.length);
    }
    switch (TdesKeys.shape(key)) {
      case DEGENERATE:
        return KeyAlgorithm.DES.securityStrengthBits(8);
      case TWO_KEY:
        return KeyAlgorithm.TDES.securityStrengthBits(16);
      default:
        return KeyAlgorithm.TDES.securityStrengthBits(key.length);
    }
  }
}
