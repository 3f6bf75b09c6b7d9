/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tr31.Profile;
import io.tr31.Tr31Exception;

/**
 * Coverage-guided fuzzing of the header parser (X9.143 6.2, 6.3): the prefix parse the reader uses
 * and the exact {@link KeyBlockHeader#parse}. Untrusted text may only produce a checked exception;
 * an accepted header re-encodes to text that parses exactly to the same header; the exact parse
 * accepts precisely the texts the prefix parse reads to their end.
 */
class KeyBlockHeaderFuzzTest {
  @FuzzTest(maxDuration = "15m")
  void parse_anyString_onlyCheckedExceptions_andEncodeRoundTrips(String s) {
    if (s == null) {
      return;
    }
    for (Profile p : Profile.values()) {
      KeyBlockHeader prefix = null;
      try {
        prefix = KeyBlockHeader.parsePrefix(s, p);
        String text = prefix.encode(prefix.declaredKeyBlockLength());
        KeyBlockHeader back = KeyBlockHeader.parse(text, p); // the encoding is exactly one header
        assertEquals(prefix, back);
        assertEquals(text, back.encode(back.declaredKeyBlockLength()));
      } catch (Tr31Exception expected) {
        // the only failure allowed for untrusted input
      }
      // The exact parse is the prefix parse that used every character, and nothing else.
      KeyBlockHeader exact;
      try {
        exact = KeyBlockHeader.parse(s, p);
      } catch (Tr31Exception e) {
        assertTrue(prefix == null || prefix.parsedLengthChars() != s.length(), e::toString);
        continue;
      }
      assertEquals(prefix, exact);
      assertEquals(s.length(), exact.parsedLengthChars());
    }
  }
}
