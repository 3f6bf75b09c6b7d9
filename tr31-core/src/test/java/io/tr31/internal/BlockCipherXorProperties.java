/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;

import io.tr31.testing.Gens;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * {@link BlockCipher#encryptXor} and {@link BlockCipher#decryptXor} (the PIN block shapes, one
 * pooled engine for both cipher calls) against the plain JCE composition of the same steps, for
 * AES and TDES under every key length, once and twice, with the input at an offset.
 */
class BlockCipherXorProperties {
  private static final int[][] KEYS = {{1, 16}, {1, 24}, {1, 32}, {0, 16}, {0, 24}};

  private static byte[] ecb(boolean aes, int mode, byte[] key, byte[] in) throws Exception {
    Cipher c = Cipher.getInstance(aes ? "AES/ECB/NoPadding" : "DESede/ECB/NoPadding");
    byte[] k = !aes && key.length == 16 ? BouncyCastleOracle.concat(key, Arrays.copyOf(key, 8)) : key;
    c.init(mode, new SecretKeySpec(k, aes ? "AES" : "DESede"));
    return c.doFinal(in);
  }

  private static byte[] xor(byte[] a, byte[] b) {
    byte[] out = a.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] ^= b[i];
    }
    return out;
  }

  @Test
  void encryptXor_isTheJceComposition_andDecryptXorInvertsIt() {
    qt().forAll(integers().between(0, KEYS.length - 1), booleans().all(), Gens.bytes(32 + 16 + 3))
        .check(
            (k, twice, seed) -> {
              boolean aes = KEYS[k][0] == 1;
              int bs = aes ? 16 : 8;
              byte[] key = Arrays.copyOf(seed, KEYS[k][1]);
              byte[] mask = Arrays.copyOfRange(seed, 32, 32 + bs);
              byte[] in = Arrays.copyOfRange(seed, 32 + 16 - bs, seed.length); // at offset 3
              byte[] block = Arrays.copyOfRange(in, 3, 3 + bs);
              BlockCipher ours = BlockCipher.of(aes ? BlockCipher.Algorithm.AES
                  : BlockCipher.Algorithm.TDES, key);
              try {
                byte[] buf = new byte[2 * bs];
                System.arraycopy(mask, 0, buf, bs, bs);
                ours.encryptXor(in, 3, twice, buf);
                byte[] enciphered = Arrays.copyOfRange(buf, bs, 2 * bs);
                byte[] first = twice ? ecb(aes, Cipher.ENCRYPT_MODE, key, block) : block;
                byte[] expected = ecb(aes, Cipher.ENCRYPT_MODE, key, xor(first, mask));
                byte[] back = new byte[2 * bs];
                System.arraycopy(mask, 0, back, bs, bs);
                ours.decryptXor(enciphered, 0, twice, back);
                return Arrays.equals(expected, enciphered)
                    && Arrays.equals(block, Arrays.copyOfRange(back, bs, 2 * bs));
              } catch (Exception e) {
                return false;
              } finally {
                ours.destroy();
              }
            });
  }

  @Test
  void aBufferOfTheWrongSize_orTheInputAsBuffer_isACallerBug() {
    BlockCipher aes = BlockCipher.aes(new byte[16]);
    try {
      assertThrows(
          IllegalArgumentException.class, () -> aes.decryptXor(new byte[16], 0, true, new byte[16]));
      byte[] buf = new byte[32];
      assertThrows(IllegalArgumentException.class, () -> aes.encryptXor(buf, 0, true, buf));
      assertThrows(
          IndexOutOfBoundsException.class, () -> aes.encryptXor(new byte[16], 1, true, new byte[32]));
    } finally {
      aes.destroy();
    }
  }
}
