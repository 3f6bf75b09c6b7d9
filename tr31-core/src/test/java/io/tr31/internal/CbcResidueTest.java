/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;
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
      byte[] kept = new byte[8]; // the last plaintext block XOR the ciphertext block before it
      for (int i = 0; i < 8; i++) {
        kept[i] = (byte) (plain[24 + i] ^ ct[16 + i]);
      }
      List<Cipher> ciphers = ciphersOf(c);
      assertFalse(ciphers.isEmpty(), "the key's engine holds its JCE ciphers");
      for (Cipher cipher : ciphers) {
        assumeTrue(readable(cipher), "javax.crypto is not open to the tests here");
        assertFalse(
            holds(cipher, kept, Collections.newSetFromMap(new IdentityHashMap<>()), 0),
            cipher.getAlgorithm() + " keeps the last plaintext block (XOR public data)");
      }
    } finally {
      c.destroy();
    }
  }

  /** Every JCE cipher in the engines idle in {@code c}'s pool. */
  static List<Cipher> ciphersOf(BlockCipher c) throws Exception {
    Object pool = field(CipherState.class, "engines").get(c.state());
    AtomicReferenceArray<?> slots =
        (AtomicReferenceArray<?>) field(BoundedPool.class, "slots").get(pool);
    List<Cipher> out = new ArrayList<>();
    for (int i = 0; i < slots.length(); i++) {
      Object engine = slots.get(i);
      if (engine != null) {
        for (Cipher cipher : (Cipher[]) field(engine.getClass(), "ciphers").get(engine)) {
          if (cipher != null) {
            out.add(cipher);
          }
        }
      }
    }
    return out;
  }

  static boolean readable(Object o) {
    try {
      Field f = Cipher.class.getDeclaredField("spi");
      f.setAccessible(true);
      return f.get(o) != null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  /** Whether a byte array reachable from {@code o} (JCE objects only) contains {@code block}. */
  static boolean holds(Object o, byte[] block, Set<Object> seen, int depth)
      throws IllegalAccessException {
    if (o == null || depth > 6 || !seen.add(o)) {
      return false;
    }
    if (o instanceof byte[]) {
      return contains((byte[]) o, block);
    }
    String name = o.getClass().getName();
    if (!name.startsWith("javax.crypto.") && !name.startsWith("com.sun.crypto.provider.")) {
      return false;
    }
    for (Class<?> k = o.getClass(); k != null && k != Object.class; k = k.getSuperclass()) {
      for (Field f : k.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
          continue;
        }
        try {
          f.setAccessible(true);
        } catch (RuntimeException e) {
          continue; // a package not opened: not the JCE's cipher state
        }
        if (holds(f.get(o), block, seen, depth + 1)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean contains(byte[] haystack, byte[] block) {
    for (int i = 0; i + block.length <= haystack.length; i++) {
      if (Arrays.equals(Arrays.copyOfRange(haystack, i, i + block.length), block)) {
        return true;
      }
    }
    return false;
  }

  private static Field field(Class<?> k, String name) throws NoSuchFieldException {
    Field f = k.getDeclaredField(name);
    f.setAccessible(true);
    return f;
  }
}
