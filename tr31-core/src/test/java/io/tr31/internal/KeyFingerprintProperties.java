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
 * {@link KeyFingerprint#matches} (the thread's reused digest and canonical-form buffer) against the
 * plain rule it implements: the same canonical DES key when either side is DES-family, the same
 * bytes otherwise. Candidates are the key itself, the key with parity bits flipped, a longer
 * keying option of it (K1K2K1), another key, or a key longer than the thread's buffer.
 */
class KeyFingerprintProperties {
  private static byte[] candidate(byte[] key, Random r) {
    switch (r.nextInt(5)) {
      case 0:
        return key.clone();
      case 1:
        byte[] flipped = key.clone();
        flipped[r.nextInt(flipped.length)] ^= 1;
        return flipped;
      case 2:
        if (key.length == 16) {
          byte[] k1k2k1 = Arrays.copyOf(key, 24);
          System.arraycopy(key, 0, k1k2k1, 16, 8);
          return k1k2k1;
        }
        return key.clone();
      case 3:
        byte[] other = new byte[key.length];
        r.nextBytes(other);
        return other;
      default:
        byte[] longer = new byte[33 + r.nextInt(40)];
        r.nextBytes(longer);
        return longer;
    }
  }

  @Test
  void matches_equalsThePlainRule_reusedOnOneThread() {
    qt().withExamples(2000)
        .forAll(integers().all())
        .check(
            seed -> {
              Random r = new Random(seed);
              byte[] key = new byte[8 * (2 + r.nextInt(3))];
              r.nextBytes(key);
              boolean keyDes = key.length != 32 && r.nextBoolean();
              byte[] candidate = candidate(key, r);
              boolean candidateDes = r.nextBoolean();
              boolean expected =
                  keyDes || candidateDes
                      ? Arrays.equals(TdesKeys.canonical(key), TdesKeys.canonical(candidate))
                      : Arrays.equals(key, candidate);
              KeyFingerprint f = KeyFingerprint.of(key, keyDes);
              try {
                // Twice: the second use of the thread's digest must answer the same.
                return f.matches(candidate, candidateDes) == expected
                    && f.matches(candidate, candidateDes) == expected;
              } finally {
                f.destroy();
              }
            });
  }
}
