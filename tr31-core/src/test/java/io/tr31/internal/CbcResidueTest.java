/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;

/**
 * SECURITY.md, "What SunJCE's CBC mode keeps": SunJCE's CBC mode keeps the last block it passed
 * through the block cipher in the cipher object (on encryption the last plaintext block XOR the
 * ciphertext block before it, on decryption the last block's decryption: the same value), and
 * nothing clears it. TDES always runs that Java path, so after a CBC encryption and decryption
 * under a key, no JCE cipher the key holds may contain that block anywhere. Reads the
 * JCE's private fields: the build opens {@code javax.crypto} and {@code com.sun.crypto.provider}
 * to the tests (surefire {@code argLine}); where they are not open (PIT's minions) it is skipped.
 */
class CbcResidueTest {
  @Test
  void tdesCbc_leavesNoBlockOfThePlaintextInTheKeysJceCiphers() throws Exception {
    byte[] key = new byte[24];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (17 * i + 3);
    }
    byte[] iv = {1, 2, 3, 4, 5, 6, 7, 8};
    byte[] plain = new byte[32];
    for (int i = 0; i < plain.length; i++) {
      plain[i] = (byte) (0xA0 + i);
    }
    BlockCipher c = BlockCipher.tdes(key);
    try {
      byte[] ct = new byte[32];
      c.encryptCbc(iv, 0, plain, 0, 32, ct, 0);
      byte[] back = new byte[32];
      c.decryptCbc(iv, 0, ct, 0, 32, back, 0);
      assertArrayEquals(plain, back);
      // The last plaintext block XOR the ciphertext block before it.
      byte[] kept = JceResidue.xor(plain, 24, ct, 16, 8);
      List<Cipher> ciphers = ciphersOf(c);
      assertFalse(ciphers.isEmpty(), "the key's engine holds its JCE ciphers");
      for (Cipher cipher : ciphers) {
        assumeTrue(JceResidue.readable(cipher), "javax.crypto is not open to the tests here");
        assertFalse(
            JceResidue.holds(cipher, kept),
            cipher.getAlgorithm() + " keeps the last plaintext block (XOR public data)");
      }
    } finally {
      c.destroy();
    }
  }

  /** Every JCE cipher in the engines idle in {@code c}'s pool. */
  static List<Cipher> ciphersOf(BlockCipher c) throws Exception {
    BoundedPool<?> pool =
        (BoundedPool<?>) JceResidue.field(CipherState.class, "engines").get(c.state());
    List<Cipher> out = new ArrayList<>();
    for (Object engine : JceResidue.idle(pool)) {
      for (Cipher cipher : (Cipher[]) JceResidue.field(engine.getClass(), "ciphers").get(engine)) {
        if (cipher != null) {
          out.add(cipher);
        }
      }
    }
    return out;
  }
}
