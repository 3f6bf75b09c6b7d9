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
 * {@link CipherState#handOver} (the derivation's KBPK cipher re-keyed straight into the KBEK's
 * decryptor) against freshly keyed ciphers: the target computes under its own key, and the source
 * still computes under its own afterwards (it keys another cipher).
 */
class CipherStateHandOverProperties {
  private static final int[] LENGTHS = {16, 24, 32, 16, 24}; // AES-128/192/256, TDES 2/3-key

  @Test
  void handOver_targetDecryptsUnderItsOwnKey_andSourceStillEncryptsUnderItsOwn() {
    qt().forAll(
            integers().between(0, LENGTHS.length - 1),
            Gens.bytes(32),
            Gens.bytes(32),
            integers().between(1, 4))
        .check(
            (choice, a, b, blocks) -> {
              BlockCipher.Algorithm alg =
                  choice < 3 ? BlockCipher.Algorithm.AES : BlockCipher.Algorithm.TDES;
              byte[] sourceKey = Arrays.copyOf(a, LENGTHS[choice]);
              byte[] targetKey = Arrays.copyOf(b, LENGTHS[choice]);
              int n = blocks * alg.blockSizeBytes();
              byte[] data = Arrays.copyOf(b, n);
              BlockCipher source = BlockCipher.of(alg, sourceKey);
              BlockCipher target = BlockCipher.of(alg, targetKey);
              BlockCipher sourceRef = BlockCipher.of(alg, sourceKey);
              BlockCipher targetRef = BlockCipher.of(alg, targetKey);
              try {
                byte[] got = new byte[n];
                byte[] want = new byte[n];
                source.encryptEcb(data, 0, n, got, 0); // keys the source's ECB encryptor
                target.state().handOver(
                    source.state(), CipherState.ECB_ENCRYPT, CipherState.ECB_DECRYPT);
                target.decryptEcb(data, 0, n, got, 0);
                targetRef.decryptEcb(data, 0, n, want, 0);
                boolean targetOk = Arrays.equals(got, want);
                source.encryptEcb(data, 0, n, got, 0);
                sourceRef.encryptEcb(data, 0, n, want, 0);
                return targetOk && Arrays.equals(got, want);
              } finally {
                source.destroy();
                target.destroy();
                sourceRef.destroy();
                targetRef.destroy();
              }
            });
  }
}
