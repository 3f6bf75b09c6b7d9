/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link TdesKeys#shape} (read from the key's parts without a copy) and {@link
 * TdesKeys#canonicalInto} against a plain reference: clear the parity bits of a copy, compare its
 * 8-byte parts, cut. Keys are drawn with parts made equal up to their parity bits, so every shape
 * and keying option occurs.
 */
class TdesKeysCanonicalProperties {
  /** The plain path: a parity-cleared copy, then the shortest equivalent keying option. */
  private static byte[] reference(byte[] key) {
    byte[] k = key.clone();
    for (int i = 0; i < k.length; i++) {
      k[i] &= (byte) 0xFE;
    }
    if (k.length == 24) {
      if (Arrays.equals(k, 0, 8, k, 8, 16)) {
        return Arrays.copyOfRange(k, 16, 24);
      }
      if (Arrays.equals(k, 8, 16, k, 16, 24)) {
        return Arrays.copyOfRange(k, 0, 8);
      }
      if (Arrays.equals(k, 0, 8, k, 16, 24)) {
        return Arrays.copyOfRange(k, 0, 16);
      }
    } else if (k.length == 16 && Arrays.equals(k, 0, 8, k, 8, 16)) {
      return Arrays.copyOfRange(k, 0, 8);
    }
    return k;
  }

  /** A 16- or 24-byte key whose parts are copied over one another (parity bits flipped) by seed. */
  private static byte[] key(int seed) {
    Random r = new Random(seed);
    byte[] k = new byte[r.nextBoolean() ? 16 : 24];
    r.nextBytes(k);
    int parts = k.length / 8;
    for (int copies = r.nextInt(3); copies > 0; copies--) {
      int from = r.nextInt(parts);
      int to = r.nextInt(parts);
      for (int i = 0; i < 8; i++) {
        k[8 * to + i] = (byte) (k[8 * from + i] ^ (r.nextBoolean() ? 1 : 0));
      }
    }
    return k;
  }

  @Test
  void shapeAndCanonicalForm_equalThePlainPath() {
    qt().withExamples(3000)
        .forAll(integers().all())
        .check(
            seed -> {
              byte[] key = key(seed);
              byte[] expected = reference(key);
              TdesKeys.Shape shape =
                  expected.length == 8
                      ? TdesKeys.Shape.DEGENERATE
                      : expected.length < key.length
                          ? TdesKeys.Shape.TWO_KEY
                          : TdesKeys.Shape.DISTINCT;
              byte[] into = new byte[key.length];
              int n = TdesKeys.canonicalInto(key, into);
              return TdesKeys.shape(key) == shape
                  && Arrays.equals(expected, TdesKeys.canonical(key))
                  && Arrays.equals(expected, Arrays.copyOf(into, n));
            });
  }
}
