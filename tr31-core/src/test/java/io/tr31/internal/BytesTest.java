/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

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
}
