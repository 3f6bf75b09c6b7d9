/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PaddingRandomTest {
  @Test
  void nextBytes_twoThousandDraws_neverRepeatNorStayZero() {
    // A reused or unfilled source would repeat (or zero) a draw.
    Set<String> seen = new HashSet<>();
    byte[] zeros = new byte[46];
    for (int i = 0; i < 2000; i++) {
      byte[] out = new byte[46];
      PaddingRandom.nextBytes(out);
      assertFalse(Arrays.equals(zeros, out), "all-zero padding at draw " + i);
      seen.add(Hex.encode(out));
    }
    assertEquals(2000, seen.size());
    byte[] big = new byte[1000];
    PaddingRandom.nextBytes(big);
    int zeroBytes = 0;
    for (byte b : big) {
      zeroBytes += b == 0 ? 1 : 0;
    }
    // 1000 random bytes hold about 4 zeros; hundreds would mean unfilled or wiped output.
    assertFalse(zeroBytes > 40, "zero bytes: " + zeroBytes);
  }
}
