/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tr31.Tr31FormatException;

class HexFuzzTest {
  @FuzzTest(maxDuration = "15m")
  void decode_anyString_roundTripsOrThrowsChecked(String s) {
    if (s == null) {
      return;
    }
    try {
      byte[] b = Hex.decode(s, 0, s.length(), true);
      assertEquals(s.toUpperCase(java.util.Locale.ROOT), Hex.encode(b));
    } catch (Tr31FormatException expected) {
      // the only failure allowed
    }
  }
}
