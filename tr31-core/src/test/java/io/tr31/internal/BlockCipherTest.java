/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.util.Arrays;
import java.util.Random;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class BlockCipherTest {
  @Test
  void encryptEcb_fips197AppendixC3_matchesPublishedCiphertext() throws Exception {
    // FIPS 197 Appendix C.3 (AES-256).
    BlockCipher aes =
        BlockCipher.aes(
            Hex.decode("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F"));
    byte[] out = new byte[16];
    aes.encryptEcb(Hex.decode("00112233445566778899AABBCCDDEEFF"), 0, 16, out, 0);
    assertEquals("8EA2B7CA516745BFEAFC49904B496089", Hex.encode(out));
  }

  @Test
  void cbc_foldedIv_equalsJdkCbc() throws Exception {
    byte[] key = Hex.decode("0123456789ABCDEFFEDCBA98765432100011223344556677");
    byte[] iv = Hex.decode("A0A1A2A3A4A5A6A7A8A9AAABACADAEAF");
    // Every length up to twice the 512-byte scratch area: one doFinal up to it, first block then
    // the rest beyond it.
    byte[] plain = new byte[1024];
    for (int i = 0; i < plain.length; i++) {
      plain[i] = (byte) (i * 13);
    }
    for (BlockCipher.Algorithm alg : BlockCipher.Algorithm.values()) {
      BlockCipher bc = BlockCipher.of(alg, key);
      int bs = bc.blockSizeBytes();
      String jce = alg == BlockCipher.Algorithm.AES ? "AES" : "DESede";
      Cipher jdk = Cipher.getInstance(jce + "/CBC/NoPadding");
      jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, jce), new IvParameterSpec(iv, 0, bs));
      for (int len = bs; len <= plain.length; len += bs) {
        byte[] expected = jdk.doFinal(plain, 0, len);
        byte[] ct = new byte[len];
        bc.encryptCbc(iv, 0, plain, 0, len, ct, 0);
        assertArrayEquals(expected, ct, alg + " encrypt " + len);
        byte[] back = new byte[len];
        bc.decryptCbc(iv, 0, ct, 0, len, back, 0);
        assertArrayEquals(Arrays.copyOf(plain, len), back, alg + " decrypt " + len);
      }
    }
  }

  @Test
  void tdesTwoKey_isUsedAsK1K2K1() throws Exception {
    byte[] k = Hex.decode("0123456789ABCDEFFEDCBA9876543210");
    byte[] k1k2k1 = Hex.decode("0123456789ABCDEFFEDCBA98765432100123456789ABCDEF");
    byte[] a = new byte[8];
    byte[] b = new byte[8];
    BlockCipher.tdes(k).encryptEcb(new byte[8], 0, 8, a, 0);
    BlockCipher.tdes(k1k2k1).encryptEcb(new byte[8], 0, 8, b, 0);
    assertArrayEquals(b, a);
    assertEquals("BlockCipher[TDES-128, destroyed=false]", BlockCipher.tdes(k).toString());
  }

  @Test
  void badLengths_throwIllegalArgument() {
    assertThrows(IllegalArgumentException.class, () -> BlockCipher.aes(new byte[8]));
    assertThrows(IllegalArgumentException.class, () -> BlockCipher.tdes(new byte[8]));
    BlockCipher aes = BlockCipher.aes(new byte[16]);
    byte[] b = new byte[32];
    byte[] iv = new byte[16];
    for (int len : new int[] {0, 8, 15, 17}) {
      assertThrows(IllegalArgumentException.class, () -> aes.encryptEcb(b, 0, len, b.clone(), 0));
      assertThrows(
          IllegalArgumentException.class, () -> aes.encryptCbc(iv, 0, b, 0, len, b.clone(), 0));
      assertThrows(
          IllegalArgumentException.class, () -> aes.decryptCbc(iv, 0, b, 0, len, b.clone(), 0));
    }
    assertThrows(IndexOutOfBoundsException.class, () -> aes.encryptEcb(b, 0, -16, b.clone(), 0));
    assertThrows(
        IndexOutOfBoundsException.class, () -> aes.decryptCbc(iv, 0, b, 16, 32, b.clone(), 0));
    assertThrows(
        IndexOutOfBoundsException.class, () -> aes.decryptCbc(iv, 1, b, 0, 16, b.clone(), 0));
    assertThrows(
        IndexOutOfBoundsException.class, () -> aes.encryptCbc(iv, 1, b, 0, 16, b.clone(), 0));
  }

  @Test
  void ecb_roundTrip_tdesTwoAndThreeKey() {
    byte[] in = new byte[24];
    for (int i = 0; i < in.length; i++) {
      in[i] = (byte) (i * 31);
    }
    for (int n : new int[] {16, 24}) {
      BlockCipher tdes = BlockCipher.tdes(Arrays.copyOf(in, n));
      byte[] ct = new byte[24];
      tdes.encryptEcb(in, 0, 24, ct, 0);
      byte[] back = new byte[24];
      for (int off = 0; off < 24; off += 8) { // ECB is CBC with a zero IV, block by block
        tdes.decryptCbc(new byte[8], 0, ct, off, 8, back, off);
      }
      assertArrayEquals(in, back);
      assertEquals(n, tdes.keyLengthBytes());
      assertEquals(8, tdes.blockSizeBytes());
      assertEquals(BlockCipher.Algorithm.TDES, tdes.algorithm());
    }
  }

  @Test
  void destroy_thenUse_throwsIllegalState() {
    BlockCipher aes = BlockCipher.aes(new byte[16]);
    assertFalse(aes.isDestroyed());
    aes.destroy();
    aes.destroy();
    assertTrue(aes.isDestroyed());
    assertEquals("BlockCipher[AES-128, destroyed=true]", aes.toString());
    assertThrows(
        IllegalStateException.class, () -> aes.encryptEcb(new byte[16], 0, 16, new byte[16], 0));
  }

  @Test
  void unreachableCipher_isCollectedWithItsStates() throws Exception {
    // Nothing outside the object (no thread-local map, no static pool) may keep a used cipher,
    // or its key schedule, alive.
    BlockCipher bc = BlockCipher.aes(new byte[16]);
    bc.encryptEcb(new byte[16], 0, 16, new byte[16], 0);
    WeakReference<BlockCipher> ref = new WeakReference<>(bc);
    bc = null;
    for (int i = 0; i < 50 && ref.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertNull(ref.get());
  }

  @Test
  void destroyedCiphersArePooled_nextKeyOnThisThreadEncryptsUnderItsOwnKey() throws Exception {
    for (int round = 0; round < 12; round++) {
      byte[] key = new byte[32];
      new Random(round).nextBytes(key);
      Cipher jdk = Cipher.getInstance("AES/ECB/NoPadding");
      jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
      byte[] in = new byte[32];
      in[0] = (byte) round;
      BlockCipher a = BlockCipher.aes(key);
      byte[] ecb = new byte[32];
      a.encryptEcb(in, 0, 32, ecb, 0);
      byte[] back = new byte[32];
      // ECB is CBC with a zero IV, one block at a time.
      a.decryptCbc(new byte[16], 0, ecb, 0, 16, back, 0);
      a.decryptCbc(new byte[16], 0, ecb, 16, 16, back, 16);
      byte[] cbc = new byte[32];
      a.encryptCbc(new byte[16], 0, in, 0, 32, cbc, 0);
      a.destroy();
      assertArrayEquals(jdk.doFinal(in), ecb);
      assertArrayEquals(in, back);
      assertArrayEquals(cbcExpected(jdk, in), cbc);
    }
  }

  /** CBC with a zero IV from raw ECB. */
  private static byte[] cbcExpected(Cipher ecb, byte[] in) throws Exception {
    byte[] out = new byte[in.length];
    byte[] prev = new byte[16];
    for (int off = 0; off < in.length; off += 16) {
      byte[] x = new byte[16];
      for (int i = 0; i < 16; i++) {
        x[i] = (byte) (in[off + i] ^ prev[i]);
      }
      prev = ecb.doFinal(x);
      System.arraycopy(prev, 0, out, off, 16);
    }
    return out;
  }
}
