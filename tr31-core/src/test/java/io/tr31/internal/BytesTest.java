/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class BytesTest {
  @Test
  void wipe_zeroesEveryArrayAndSkipsNull() {
    byte[] a = {1, 2, 3};
    byte[] b = {4};
    Bytes.wipe(a, null, b);
    assertArrayEquals(new byte[3], a);
    assertArrayEquals(new byte[1], b);
  }

  @Test
  void wipeRange_zeroesOnlyTheRange() {
    byte[] a = {1, 2, 3, 4, 5};
    Bytes.wipe(a, 1, 4);
    assertArrayEquals(new byte[] {1, 0, 0, 0, 5}, a);
  }

  @Test
  void wipeRange_longerThanTheZeroSource_zeroesEveryChunkAndNothingAround() {
    for (int len : new int[] {0, 1, 63, 1023, 1024, 1025, 2048, 3000}) {
      byte[] a = new byte[len + 2];
      Arrays.fill(a, (byte) 7);
      Bytes.wipe(a, 1, len + 1);
      assertEquals(7, a[0]);
      assertEquals(7, a[len + 1]);
      assertArrayEquals(new byte[len], Arrays.copyOfRange(a, 1, len + 1), "length " + len);
    }
  }

  @Test
  void wipeRange_outOfBounds_throwsAndWritesNothing() {
    byte[] a = {1, 2, 3};
    assertThrows(IndexOutOfBoundsException.class, () -> Bytes.wipe(a, -1, 2));
    assertThrows(IndexOutOfBoundsException.class, () -> Bytes.wipe(a, 2, 1));
    assertThrows(IndexOutOfBoundsException.class, () -> Bytes.wipe(a, 0, 4));
    assertArrayEquals(new byte[] {1, 2, 3}, a);
  }
}
