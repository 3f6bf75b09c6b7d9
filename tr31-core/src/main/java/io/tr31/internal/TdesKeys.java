/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;


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
 *   <li>The comparison accumulates the XOR of every byte of a pair (no early exit), always over
 *       every pair, so its time does not tell which bytes or parts agree; the masked copies are
 *       wiped. {@link #canonical} is the one place that compares parts: the shape and the KBPK
 *       fingerprint ({@link KeyFingerprint}) both use it.
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
   * @param key a 16- or 24-byte TDES key (only read)
   * @return its shape
   * @throws IllegalArgumentException if the key is not 16 or 24 bytes
   */
  public static Shape shape(byte[] key) {
    if (key.length != 2 * PART && key.length != 3 * PART) {
      throw new IllegalArgumentException("a TDES key has 16 or 24 bytes, not " + key.length);
    }
    long range = canonicalRange(key); // no copy of the key: wrap checks every TDES key's shape
    int length = (int) range - (int) (range >>> 32);
    if (length == PART) {
      return Shape.DEGENERATE;
    }
    return length < key.length ? Shape.TWO_KEY : Shape.DISTINCT;
  }

  /**
   * Whether a TDES key computes single DES (K1 = K2, or K2 = K3 in a 3-key key).
   *
   * @param key a 16- or 24-byte TDES key (only read)
   * @return whether its shape is {@link Shape#DEGENERATE}
   * @throws IllegalArgumentException if the key is not 16 or 24 bytes
   */
  public static boolean isDegenerate(byte[] key) {
    return shape(key) == Shape.DEGENERATE;
  }

  /**
   * A fresh canonical copy of a DES-family key, the key it actually computes: parity bits cleared,
   * then the 24 bytes K1K2K1 as the 16 bytes K1K2, and K1K1K3, K1K2K2 (24 bytes) or K1K1 (16 bytes)
   * as the 8 bytes of the single DES key they compute. Other lengths are copied with parity
   * cleared. The caller wipes the copy.
   *
   * @param key the key (only read)
   * @return a new array
   */
  public static byte[] canonical(byte[] key) {
    long range = canonicalRange(key);
    byte[] out = new byte[(int) range - (int) (range >>> 32)];
    canonicalInto(key, out);
    return out;
  }

  /**
   * {@link #canonical} written into {@code out} (at least as long as {@code key}) from 0, without
   * a copy of its own; the caller wipes {@code out}.
   *
   * @param key the key (only read)
   * @param out where the canonical form goes
   * @return the canonical form's length
   */
  public static int canonicalInto(byte[] key, byte[] out) {
    long range = canonicalRange(key);
    int from = (int) (range >>> 32);
    int to = (int) range;
    for (int i = from; i < to; i++) {
      out[i - from] = (byte) (key[i] & 0xFE);
    }
    return to - from;
  }

  /** Where {@link #canonical} lies in {@code key}: {@code from << 32 | to}, parity bits ignored. */
  private static long canonicalRange(byte[] k) {
    int from = 0;
    int to = k.length;
    if (k.length == 3 * PART) {
      // Every comparison runs, whatever the others find (no early exit on key data).
      boolean k1k2 = samePart(k, 0, 1);
      boolean k2k3 = samePart(k, 1, 2);
      boolean k1k3 = samePart(k, 0, 2);
      if (k1k2) {
        from = 2 * PART; // E_K3(D_K1(E_K1(x))) = E_K3(x)
      } else if (k2k3) {
        to = PART; // E_K2(D_K2(E_K1(x))) = E_K1(x)
      } else if (k1k3) {
        to = 2 * PART; // the 2-key K1K2
      }
    } else if (k.length == 2 * PART && samePart(k, 0, 1)) {
      to = PART; // K1 = K2: single DES
    }
    return (long) from << 32 | to;
  }

  /** Whether 8-byte parts {@code a} and {@code b} are equal, in time independent of their bytes. */
  private static boolean samePart(byte[] k, int a, int b) {
    int diff = 0;
    for (int i = 0; i < PART; i++) {
      diff |= (k[a * PART + i] ^ k[b * PART + i]) & 0xFE; // parity bits ignored
    }
    return diff == 0;
  }
}
