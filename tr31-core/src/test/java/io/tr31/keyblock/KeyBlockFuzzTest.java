/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.Profile;
import io.tr31.Tr31Exception;


import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;

class KeyBlockFuzzTest {
  @FuzzTest(maxDuration = "15m")
  void parse_anyString_onlyCheckedExceptions_andHeaderRoundTrips(String s) {
    if (s == null) {
      return;
    }
    for (Profile p : Profile.values()) {
      try {
        KeyBlock b = KeyBlock.parse(s, p);
        KeyBlockHeader h = b.header();
        assertEquals(h, KeyBlockHeader.parse(h.encode(b.text().length()), p));
        assertEquals(b.text().length(), h.declaredKeyBlockLength());
      } catch (Tr31Exception expected) {
        // the only failure allowed for untrusted input
      }
    }
  }
}
