/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.tr31.testing.Gens;
import java.util.Arrays;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/** Our CMAC against BouncyCastle's {@link CMac} (an independent implementation). */
class CmacProperties {
  private static byte[] bouncyCastle(BlockCipher.Algorithm alg, byte[] key, byte[] msg) {
    CMac mac =
        new CMac(alg == BlockCipher.Algorithm.AES ? AESEngine.newInstance() : new DESedeEngine());
    mac.init(new KeyParameter(key));
    mac.update(msg, 0, msg.length);
    byte[] out = new byte[mac.getMacSize()];
    mac.doFinal(out, 0);
    return out;
  }

  private static void equalsBouncyCastle(BlockCipher.Algorithm alg, int keyLength) {
    qt().forAll(Gens.bytes(keyLength), Gens.bytes(0, 100))
        .check(
            (key, msg) -> Arrays.equals(Cmac.of(alg, key).mac(msg), bouncyCastle(alg, key, msg)));
  }

  @Test
  void aes128_equalsBouncyCastle() {
    equalsBouncyCastle(BlockCipher.Algorithm.AES, 16);
  }

  @Test
  void aes192_equalsBouncyCastle() {
    equalsBouncyCastle(BlockCipher.Algorithm.AES, 24);
  }

  @Test
  void aes256_equalsBouncyCastle() {
    equalsBouncyCastle(BlockCipher.Algorithm.AES, 32);
  }

  @Test
  void tdes2Key_equalsBouncyCastle() {
    equalsBouncyCastle(BlockCipher.Algorithm.TDES, 16);
  }

  @Test
  void tdes3Key_equalsBouncyCastle() {
    equalsBouncyCastle(BlockCipher.Algorithm.TDES, 24);
  }

  @Test
  void twoRanges_equalConcatenation() {
    qt().forAll(Gens.bytes(32), Gens.bytes(0, 70), Gens.bytes(0, 70))
        .check(
            (key, a, b) -> {
              byte[] ab = Arrays.copyOf(a, a.length + b.length);
              System.arraycopy(b, 0, ab, a.length, b.length);
              Cmac cmac = Cmac.aes(key);
              return Arrays.equals(
                  cmac.mac(a, b), bouncyCastle(BlockCipher.Algorithm.AES, key, ab));
            });
  }

  @Test
  void alignedOneCallMac_equalsBouncyCastle() {
    // Every whole number of blocks that fits the scratch area: 1..32 AES or 1..64 TDES blocks.
    qt().forAll(Gens.bytes(32), Gens.bytes(16, 24), integers().between(1, 64), Gens.bytes(8, 8))
        .check(
            (key, alg, blocks, fill) -> {
              BlockCipher.Algorithm a =
                  alg.length == 16 ? BlockCipher.Algorithm.AES : BlockCipher.Algorithm.TDES;
              int bs = a.blockSizeBytes();
              int len = Math.min(blocks * bs, Scratch.DATA_BYTES);
              byte[] msg = new byte[len];
              for (int i = 0; i < len; i++) {
                msg[i] = (byte) (fill[i % 8] + i);
              }
              byte[] k = Arrays.copyOf(key, a == BlockCipher.Algorithm.AES ? 32 : 24);
              Cmac cmac = Cmac.of(a, k);
              byte[] tag = new byte[cmac.macLengthBytes() + 2];
              Scratch s = Scratch.take();
              try {
                System.arraycopy(msg, 0, s.data(len), 0, len);
                cmac.macAligned(s, len, tag, 1);
              } finally {
                s.give();
              }
              byte[] expected = bouncyCastle(a, k, msg);
              return Arrays.equals(Arrays.copyOfRange(tag, 1, 1 + expected.length), expected);
            });
  }
}
