/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.tr31.testing.Gens;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The KBPK check values {@link KbpkKeys#derive} takes from the batched derivation (two cipher
 * calls) against the reference path, {@link KeyCheckValue#fullLength} (a cipher of its own), for
 * AES and TDES KBPKs prepared for every version or for one.
 */
class KbpkKeysProperties {
  private static final int[] LENGTHS = {16, 24, 32, 16, 24}; // AES-128/192/256, TDES 2/3-key

  @Test
  void kcvsOfEveryPreparation_equalTheReferenceCheckValues() {
    qt().forAll(integers().between(0, LENGTHS.length - 1), Gens.bytes(32), integers().between(0, 1))
        .check(
            (choice, bytes, forOneVersion) -> {
              boolean aes = choice < 3;
              KeyAlgorithm algorithm = aes ? KeyAlgorithm.AES : KeyAlgorithm.TDES;
              byte[] key = Gens.distinctTdesParts(Arrays.copyOf(bytes, LENGTHS[choice]));
              KeyBlockVersion only =
                  forOneVersion == 0 ? null : aes ? KeyBlockVersion.D : KeyBlockVersion.B;
              KbpkKeys keys = KbpkKeys.derive(algorithm, key, only);
              try {
                return Arrays.equals(
                        keys.kcv(KcvMethod.LEGACY),
                        KeyCheckValue.fullLength(algorithm, key, KcvMethod.LEGACY))
                    && Arrays.equals(
                        keys.kcv(KcvMethod.CMAC),
                        KeyCheckValue.fullLength(algorithm, key, KcvMethod.CMAC));
              } finally {
                keys.wipe();
              }
            });
  }
}
