/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.testing;

import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/** Shared QuickTheories generators. */
public final class Gens {
  private Gens() {}

  /** Byte arrays of length {@code min..max} inclusive, shrinking towards short and zero. */
  public static Gen<byte[]> bytes(int min, int max) {
    return in -> {
      int n = (int) in.next(Constraint.between(min, max));
      byte[] b = new byte[n];
      for (int i = 0; i < n; i++) {
        b[i] = (byte) in.next(Constraint.between(0, 255).withShrinkPoint(0));
      }
      return b;
    };
  }

  /** Byte arrays of exactly {@code n} bytes. */
  public static Gen<byte[]> bytes(int n) {
    return bytes(n, n);
  }

  /**
   * Sets the high nibble of the first byte of each 8-byte part of {@code b} to the part's number
   * plus one, so that the parts are pairwise distinct even with parity bits ignored: a valid TDES
   * key (issue 12, F2: K1 = K2, K2 = K3 and, for strength, K1 = K3 are refused or downgraded)
   * whatever a generator or its shrinking produced. Harmless for AES and HMAC keys. Modifies and
   * returns {@code b}.
   */
  public static byte[] distinctTdesParts(byte[] b) {
    for (int j = 0; 8 * j < b.length; j++) {
      b[8 * j] = (byte) ((b[8 * j] & 0x0F) | ((j + 1) << 4));
    }
    return b;
  }

  /** {@code n} fixed bytes counting up from {@code start} (modulo 256): a recognisable test key. */
  public static byte[] counting(int n, int start) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (start + i);
    }
    return b;
  }

  /** A fixed key of {@code n} bytes whose TDES parts are distinct ({@link #distinctTdesParts}). */
  public static byte[] distinctTdesKey(int n) {
    return distinctTdesParts(new byte[n]);
  }
}
