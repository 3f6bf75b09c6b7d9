/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import java.security.MessageDigest;

/**
 * The one check of a TDES key's 8-byte parts (issue 12, F2), used for KBPKs, keys to wrap, unwrapped
 * keys and key strength alike.
 *
 * <p>TDES computes {@code E_K3(D_K2(E_K1(x)))} (2-key: K3 = K1). With K1 = K2 the first two steps
 * cancel and with K2 = K3 the last two do: the key computes single DES (56-bit strength) whatever
 * its length claims. With K1 = K3 in a 3-key key, it is a 2-key key (80 bits, NIST SP 800-57 Part 1
 * Table 2). HSMs refuse the first two shapes on import and count the third as 2-key.
 *
 * <h2>Security</h2>
 *
 * <ul>
 *   <li>Parts are compared with their DES parity bits (the low bit of each byte) cleared, because
 *       DES ignores them: parts that differ only in parity are the same DES key, and comparing
 *       them with parity would let a flipped parity bit pass a single-DES key as TDES. HSMs compare
 *       the same way.
 *   <li>The comparison is {@link MessageDigest#isEqual} on masked copies (constant time for equal
 *       lengths), always over every pair, so its time does not tell which bytes or parts agree; the
 *       copies are wiped in {@code finally}.
 *   <li>Stateless and thread-safe; the key is only read.
 * </ul>
 */
public final class TdesKeys {
  /** The three shapes of a 16- or 24-byte TDES key that matter for its strength. */
  public enum Shape {
    /** K1 ≠ K2 and, in a 3-key key, K2 ≠ K3 and K1 ≠ K3: the strength its length says. */
    DISTINCT,
    /** A 3-key key with K1 = K3 (and K1 ≠ K2): a 2-key key, 80-bit strength. */
    TWO_KEY,
    /** K1 = K2, or K2 = K3 in a 3-key key: single DES, 56-bit strength. */
    DEGENERATE
  }

  private static final int PART = 8;

  private TdesKeys() {}

  /**
   * The shape of a TDES key.
   *
   * @param key 16 or 24 bytes (only read)
   * @return the key's shape
   * @throws IllegalArgumentException for any other length (a caller bug: check the length first)
   */
  public static Shape shape(byte[] key) {
    if (key.length != 2 * PART && key.length != 3 * PART) {
      throw new IllegalArgumentException("a TDES key has 16 or 24 bytes, not " + key.length);
    }
    byte[] k1 = part(key, 0);
    byte[] k2 = part(key, 1);
    // A 2-key key is K1 K2 K1: its K3 is K1.
    byte[] k3 = key.length == 3 * PART ? part(key, 2) : k1.clone();
    try {
      // Every comparison runs, whatever the earlier ones found (no early exit on key data).
      boolean k1k2 = MessageDigest.isEqual(k1, k2);
      boolean k2k3 = MessageDigest.isEqual(k2, k3);
      boolean k1k3 = MessageDigest.isEqual(k1, k3);
      if (k1k2 | k2k3) {
        return Shape.DEGENERATE;
      }
      return key.length == 3 * PART && k1k3 ? Shape.TWO_KEY : Shape.DISTINCT;
    } finally {
      Bytes.wipe(k1, k2, k3);
    }
  }

  /**
   * Whether a TDES key computes single DES.
   *
   * @param key 16 or 24 bytes (only read)
   * @return whether K1 = K2 or, 3-key, K2 = K3, parity bits ignored
   * @throws IllegalArgumentException for any other length
   */
  public static boolean isDegenerate(byte[] key) {
    return shape(key) == Shape.DEGENERATE;
  }

  /** Part {@code index} (0-2) of {@code key} with its parity bits cleared. */
  private static byte[] part(byte[] key, int index) {
    byte[] p = new byte[PART];
    for (int i = 0; i < PART; i++) {
      p[i] = (byte) (key[index * PART + i] & 0xFE);
    }
    return p;
  }
}
