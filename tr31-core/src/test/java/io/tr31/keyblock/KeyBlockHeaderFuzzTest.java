/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.Profile;
import io.tr31.Tr31Exception;


import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;

class KeyBlockHeaderFuzzTest {
  @FuzzTest(maxDuration = "15m")
  void parse_anyString_onlyCheckedExceptions_andEncodeRoundTrips(String s) {
    if (s == null) {
      return;
    }
    for (Profile p : Profile.values()) {
      try {
        KeyBlockHeader h = KeyBlockHeader.parse(s, p);
        String text = h.encode(h.declaredKeyBlockLength());
        KeyBlockHeader back = KeyBlockHeader.parse(text, p);
        assertEquals(h, back);
        assertEquals(text, back.encode(back.declaredKeyBlockLength()));
      } catch (Tr31Exception expected) {
        // the only failure allowed for untrusted input
      }
    }
  }
}
