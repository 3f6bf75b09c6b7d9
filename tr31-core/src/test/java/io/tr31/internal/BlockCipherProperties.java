/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.tr31.testing.Gens;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The pooled fast paths of {@link BlockCipher} (IV folded into the first block and CBC computed in
 * place; CBC decryption as one ECB call plus XOR) against the plain JCE path: a fresh {@code
 * Cipher} initialised with the key and the IV, for every length up to beyond the 512-byte scratch.
 */
class BlockCipherProperties {
  private static byte[] jce(String transformation, int mode, byte[] key, byte[] iv, byte[] in)
      throws Exception {
    String algorithm = transformation.substring(0, transformation.indexOf('/'));
    Cipher c = Cipher.getInstance(transformation);
    SecretKeySpec k = new SecretKeySpec(key, algorithm);
    if (iv == null) {
      c.init(mode, k);
    } else {
      c.init(mode, k, new IvParameterSpec(iv));
    }
    return c.doFinal(in);
  }

  private static void cbcAndEcbEqualThePlainJce(BlockCipher.Algorithm alg, int keyLength) {
    int bs = alg.blockSizeBytes();
    String name = alg == BlockCipher.Algorithm.AES ? "AES" : "DESede";
    qt().forAll(Gens.bytes(keyLength), Gens.bytes(bs), integers().between(1, 80), Gens.bytes(4))
        .check(
            (key, iv, blocks, seed) -> {
              byte[] in = new byte[blocks * bs];
              for (int i = 0; i < in.length; i++) {
                in[i] = (byte) (seed[i % 4] * 31 + i);
              }
              byte[] jceKey = keyLength == 16 && alg == BlockCipher.Algorithm.TDES
                  ? BouncyCastleOracle.concat(key, Arrays.copyOf(key, 8)) : key;
              BlockCipher ours = BlockCipher.of(alg, key);
              try {
                // Offsets, so that a mix-up of ranges shows.
                byte[] ct = new byte[in.length + 3];
                ours.encryptCbc(iv, 0, in, 0, in.length, ct, 3);
                byte[] pt = new byte[in.length + 1];
                ours.decryptCbc(iv, 0, ct, 3, in.length, pt, 1);
                byte[] ecb = new byte[in.length];
                ours.encryptEcb(in, 0, in.length, ecb, 0);
                byte[] expected = jce(name + "/CBC/NoPadding", Cipher.ENCRYPT_MODE, jceKey, iv, in);
                return Arrays.equals(Arrays.copyOfRange(ct, 3, ct.length), expected)
                    && Arrays.equals(Arrays.copyOfRange(pt, 1, pt.length), in)
                    && Arrays.equals(
                        jce(name + "/CBC/NoPadding", Cipher.DECRYPT_MODE, jceKey, iv, expected), in)
                    && Arrays.equals(
                        ecb, jce(name + "/ECB/NoPadding", Cipher.ENCRYPT_MODE, jceKey, null, in));
              } catch (Exception e) {
                return false;
              } finally {
                ours.destroy();
              }
            });
  }

  @Test
  void aes128_equalsThePlainJce() {
    cbcAndEcbEqualThePlainJce(BlockCipher.Algorithm.AES, 16);
  }

  @Test
  void aes256_equalsThePlainJce() {
    cbcAndEcbEqualThePlainJce(BlockCipher.Algorithm.AES, 32);
  }

  @Test
  void tdesTwoKey_equalsThePlainJce() {
    cbcAndEcbEqualThePlainJce(BlockCipher.Algorithm.TDES, 16);
  }

  @Test
  void tdesThreeKey_equalsThePlainJce() {
    cbcAndEcbEqualThePlainJce(BlockCipher.Algorithm.TDES, 24);
  }

  /**
   * {@link BlockCipher#decryptCbc} with the ciphertext and its IV in one array, the IV behind the
   * ciphertext (the unwrap fast path decodes a key block's ciphertext and MAC so), against the plain
   * JCE; twice, so that state left behind by the first call shows.
   */
  @Test
  void decryptCbc_ivInTheCiphertextsArray_equalsThePlainJce() {
    qt().forAll(
            integers().between(0, LENGTHS.length - 1),
            Gens.bytes(32),
            Gens.bytes(16),
            integers().between(1, 31))
        .check(
            (choice, k, iv16, blocks) -> {
              BlockCipher.Algorithm alg =
                  choice < 3 ? BlockCipher.Algorithm.AES : BlockCipher.Algorithm.TDES;
              int bs = alg.blockSizeBytes();
              byte[] key = Arrays.copyOf(k, LENGTHS[choice]);
              byte[] jceKey = key.length == 16 && choice >= 3
                  ? BouncyCastleOracle.concat(key, Arrays.copyOf(key, 8)) : key;
              String name = choice < 3 ? "AES" : "DESede";
              int len = blocks * bs;
              byte[] in = new byte[len + bs]; // ciphertext || IV
              for (int i = 0; i < in.length; i++) {
                in[i] = (byte) (iv16[i % 16] * 31 + i);
              }
              byte[] ct = Arrays.copyOf(in, len);
              byte[] iv = Arrays.copyOfRange(in, len, len + bs);
              BlockCipher ours = BlockCipher.of(alg, key.clone());
              try {
                byte[] want = jce(name + "/CBC/NoPadding", Cipher.DECRYPT_MODE, jceKey, iv, ct);
                boolean ok = true;
                for (int round = 0; round < 2; round++) {
                  byte[] out = new byte[len + 5];
                  ours.decryptCbc(in, len, in, 0, len, out, 5);
                  ok &= Arrays.equals(Arrays.copyOfRange(out, 5, out.length), want);
                }
                return ok;
              } catch (Exception e) {
                return false;
              } finally {
                ours.destroy();
              }
            });
  }

  private static final int[] LENGTHS = {16, 24, 32, 16, 24}; // AES-128/192/256, TDES 2/3-key
}
