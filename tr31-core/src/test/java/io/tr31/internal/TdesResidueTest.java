/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tr31.keyblock.KcvMethod;
import io.tr31.keyblock.KeyAlgorithm;
import io.tr31.keyblock.KeyCheckValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import org.bouncycastle.crypto.engines.DESEngine;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/**
 * Review of session 5, finding 1: SunJCE's TDES block cipher ({@code DESedeCrypt}) keeps the two
 * intermediate DES states of the last block it processed in fields of its own ({@code buf1}, {@code
 * buf2}), in ECB mode too, and neither re-keying nor anything else clears them. So the ECB + XOR
 * CBC of 936368f moved the residue of {@link CbcResidueTest} from {@code CipherBlockChaining.k}
 * into {@code DESedeCrypt}: with the key (in the same cipher object while the key lives) one DES
 * operation turns it back into the last plaintext block XOR the public block before it; after the
 * key is destroyed the zero-keyed spare keeps it, and the pairs (public input, buf1), (buf1, buf2)
 * give the key's DES parts to 2^56 searches each. Each test computes the intermediates with
 * BouncyCastle's DES and looks for them in the JCE ciphers (reads private JCE state: skipped where
 * the packages are not open). Each failed on the code before the fix (released ciphers run one zero
 * block after re-keying; a TDES operation on secret data one after its own: {@code
 * CipherState.Engine.rinse}).
 */
class TdesResidueTest {
  private static final byte[] KEY = new byte[16]; // 2-key TDES: K1 K2 (K3 = K1)

  static {
    for (int i = 0; i < KEY.length; i++) {
      KEY[i] = (byte) (29 * i + 7);
    }
  }

  @Test
  void tdesCbcDecrypt_leavesNoIntermediateOfTheLastBlockInTheKeysCiphersNorTheSpares()
      throws Exception {
    byte[] iv = {1, 2, 3, 4, 5, 6, 7, 8};
    byte[] plain = new byte[24];
    for (int i = 0; i < plain.length; i++) {
      plain[i] = (byte) (0x40 + 3 * i);
    }
    BlockCipher c = BlockCipher.tdes(KEY);
    byte[] ct = new byte[24];
    byte[] back = new byte[24];
    byte[] buf2;
    try {
      c.encryptCbc(iv, 0, plain, 0, 24, ct, 0);
      c.decryptCbc(iv, 0, ct, 0, 24, back, 0);
      assertArrayEquals(plain, back);
      // Decryption of the last block C3: buf1 = D_K3(C3), buf2 = E_K2(buf1), P3 ^ C2 = D_K1(buf2).
      byte[] buf1 = des(false, k(0), ct, 16);
      buf2 = des(true, k(1), buf1, 0);
      byte[] last = des(false, k(0), buf2, 0);
      for (int i = 0; i < 8; i++) {
        last[i] ^= ct[8 + i];
      }
      assertArrayEquals(Arrays.copyOfRange(plain, 16, 24), last, "what buf2 tells");
      assertNoneHolds(CbcResidueTest.ciphersOf(c), buf2, "the live key's pooled cipher");
    } finally {
      c.destroy();
    }
    assertNoneHolds(spares(), buf2, "a zero-keyed spare after destroy");
  }

  @Test
  void tdesKcv_leavesNoIntermediateOfTheKeyInTheSpares() throws Exception {
    KeyCheckValue.compute(KeyAlgorithm.TDES, KEY, KcvMethod.LEGACY, 3);
    // E_K(0): buf1 = E_K1(0), a known-plaintext pair for K1 (2^56); (buf1, buf2) one for K2.
    byte[] buf1 = des(true, k(0), new byte[8], 0);
    assertNoneHolds(spares(), buf1, "a zero-keyed spare after the KCV's cipher was destroyed");
  }

  @Test
  void tdesCmacKcv_leavesNeitherTheSubkeyNorAnIntermediateInTheSpares() throws Exception {
    KeyCheckValue.compute(KeyAlgorithm.TDES, KEY, KcvMethod.CMAC, 5);
    // CMAC(0 block) = E_K(0 XOR K1): the CBC mode keeps K1 (k), DESedeCrypt keeps E_K1(K1).
    byte[] sub = subkeyK1(KEY);
    assertNoneHolds(spares(), sub, "a zero-keyed spare after the CMAC KCV (the CMAC subkey)");
    assertNoneHolds(spares(), des(true, k(0), sub, 0), "a zero-keyed spare after the CMAC KCV");
  }

  @Test
  void aesCmacKcv_leavesNoSubkeyInTheSpares() throws Exception {
    byte[] key = new byte[16];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (11 * i + 5);
    }
    KeyCheckValue.compute(KeyAlgorithm.AES, key, KcvMethod.CMAC, 5);
    // CMAC(0 block) = E_K(0 XOR K1): the Java path of the CBC mode keeps K1 = dbl(E_K(0)).
    org.bouncycastle.crypto.BlockCipher aes =
        org.bouncycastle.crypto.engines.AESEngine.newInstance();
    aes.init(true, new KeyParameter(key));
    byte[] l = new byte[16];
    aes.processBlock(new byte[16], 0, l, 0);
    byte[] sub = new byte[16];
    Cmac.dbl(l, 0, 16, sub, 0);
    assertNoneHolds(spares(), sub, "a zero-keyed spare after the AES CMAC KCV (the subkey)");
  }

  @Test
  void versionBKbpk_leavesNoIntermediateOfTheKbpkInTheSpares() throws Exception {
    // The derivation's last ECB block is K1 (the KBPK's CMAC subkey), encrypted to CMAC(0 block):
    // buf1 = E_K1(K1), buf2 = D_K2(buf1). The prepared binding never keeps the KBPK, yet these
    // give its K2 to one 2^56 search and then K1 to another (K1 checked through L = E_K(0)).
    KeyDerivationBinding b = KeyDerivationBinding.versionB(KEY);
    try {
      assertNoneHolds(spares(), des(true, k(0), subkeyK1(KEY), 0), "a spare after preparing B");
    } finally {
      b.destroy();
    }
  }

  @Test
  void tdesPinBlockEncipherment_leavesNoIntermediateOfThePinBlockInTheKeysCiphers()
      throws Exception {
    byte[] pinBlock = {0x04, 0x12, 0x34, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF}; // ISO 9564 format 0, PIN 1234, PAN field zero
    BlockCipher c = BlockCipher.tdes(KEY);
    try {
      byte[] buf = new byte[16];
      c.encryptXor(pinBlock, 0, false, buf); // E(pinBlock XOR 0), as PinKey.encipher does
      byte[] buf1 = des(true, k(0), pinBlock, 0); // D_K1 of it is the clear PIN block
      assertNoneHolds(CbcResidueTest.ciphersOf(c), buf1, "the live PIN key's pooled cipher");
    } finally {
      c.destroy();
    }
  }

  @Test
  void tdesCbcEncrypt_leavesNoIntermediateOfTheLastBlockInTheKeysCiphers() throws Exception {
    byte[] iv = {8, 7, 6, 5, 4, 3, 2, 1};
    byte[] plain = new byte[24];
    for (int i = 0; i < plain.length; i++) {
      plain[i] = (byte) (0x21 + 5 * i);
    }
    BlockCipher c = BlockCipher.tdes(KEY);
    byte[] ct = new byte[24];
    try {
      c.encryptCbc(iv, 0, plain, 0, 24, ct, 0);
      // Encryption of the last block X3 = P3 ^ C2: buf1 = E_K1(X3), buf2 = D_K2(buf1).
      byte[] x3 = JceResidue.xor(plain, 16, ct, 8, 8);
      byte[] buf1 = des(true, k(0), x3, 0);
      byte[] buf2 = des(false, k(1), buf1, 0);
      List<Cipher> live = CbcResidueTest.ciphersOf(c);
      assertNoneHolds(live, buf1, "the live key's pooled cipher");
      assertNoneHolds(live, buf2, "the live key's pooled cipher");
    } finally {
      c.destroy();
    }
  }

  /** The CMAC subkey K1 of a 2-key TDES key: dbl(E_K(0)), computed with BouncyCastle. */
  private static byte[] subkeyK1(byte[] key) {
    DESedeEngine e = new DESedeEngine();
    e.init(true, new KeyParameter(key));
    byte[] l = new byte[8];
    e.processBlock(new byte[8], 0, l, 0);
    byte[] k1 = new byte[8];
    Cmac.dbl(l, 0, 8, k1, 0);
    return k1;
  }

  private static byte[] k(int part) {
    return Arrays.copyOfRange(KEY, 8 * part, 8 * part + 8);
  }

  private static byte[] des(boolean encrypt, byte[] key, byte[] in, int off) {
    DESEngine d = new DESEngine();
    d.init(encrypt, new KeyParameter(key));
    byte[] out = new byte[8];
    d.processBlock(in, off, out, 0);
    return out;
  }

  private static void assertNoneHolds(List<Cipher> ciphers, byte[] block, String where)
      throws Exception {
    assertFalse(ciphers.isEmpty(), "there are ciphers to search");
    for (Cipher cipher : ciphers) {
      assumeTrue(JceResidue.readable(cipher), "javax.crypto is not open to the tests here");
      assertFalse(
          JceResidue.holds(cipher, block),
          where + " (" + cipher.getAlgorithm() + ") keeps an intermediate of secret data");
    }
  }

  /** Every zero-keyed spare cipher (all algorithms and kinds). */
  @SuppressWarnings("unchecked")
  static List<Cipher> spares() throws Exception {
    List<Cipher> out = new ArrayList<>();
    for (BoundedPool<Cipher> pool :
        (List<BoundedPool<Cipher>>) JceResidue.field(CipherState.class, "SPARES").get(null)) {
      out.addAll(JceResidue.idle(pool));
    }
    return out;
  }
}
