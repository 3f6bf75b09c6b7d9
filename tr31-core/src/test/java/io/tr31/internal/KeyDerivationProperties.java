/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.tr31.testing.Gens;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The batched derivation ({@link KeyDerivation#derivePair}: two cipher calls) against the
 * reference path ({@link KeyDerivation#derive}: one CMAC per PRF block) and the plain definitions
 * of the KBPK's check value sources (E(0) and CMAC(0)), for AES-128/192/256 and 2/3-key TDES KBPKs
 * and every pair of purposes.
 */
class KeyDerivationProperties {
  private static final KeyDerivation.Purpose[] PURPOSES = KeyDerivation.Purpose.values();

  /** Choice 0-2: AES-128/192/256; 3-4: TDES 2-key/3-key. */
  private static final int[] LENGTHS = {16, 24, 32, 16, 24};

  @Test
  void derivePair_equalsDeriveOfEachPurpose_andTheCheckValueDefinitions() {
    qt().forAll(
            integers().between(0, LENGTHS.length - 1),
            Gens.bytes(32),
            integers().between(0, PURPOSES.length - 1),
            integers().between(0, PURPOSES.length - 1))
        .check(
            (choice, bytes, p1, p2) -> {
              BlockCipher.Algorithm algorithm =
                  choice < 3 ? BlockCipher.Algorithm.AES : BlockCipher.Algorithm.TDES;
              byte[] key = Arrays.copyOf(bytes, LENGTHS[choice]);
              int bs = algorithm.blockSizeBytes();
              BlockCipher fast = BlockCipher.of(algorithm, key);
              BlockCipher plain = BlockCipher.of(algorithm, key);
              Cmac reference = Cmac.of(algorithm, key);
              try {
                byte[] first = new byte[key.length];
                byte[] second = new byte[key.length];
                byte[] encryptedZeros = new byte[bs];
                byte[] cmacOfZeros = new byte[bs];
                KeyDerivation.derivePair(
                    fast, PURPOSES[p1], PURPOSES[p2], first, second, encryptedZeros, cmacOfZeros);
                byte[] e0 = new byte[bs];
                plain.encryptEcb(new byte[bs], 0, bs, e0, 0);
                return Arrays.equals(first, KeyDerivation.derive(reference, PURPOSES[p1]))
                    && Arrays.equals(second, KeyDerivation.derive(reference, PURPOSES[p2]))
                    && Arrays.equals(encryptedZeros, e0)
                    && Arrays.equals(cmacOfZeros, reference.mac(new byte[bs]));
              } finally {
                fast.destroy();
                plain.destroy();
                reference.destroy();
              }
            });
  }
}
