/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The one spelling of a key set time, and the years it can spell. */
class KeySetTimeTest {
  @Test
  void parse_theExactForm_isTheInstant() {
    assertEquals(KeySets.ISSUED, KeySetTime.parse("2025-12-13T14:25:30Z"));
    assertEquals(Instant.parse("0000-01-01T00:00:00Z"), KeySetTime.parse("0000-01-01T00:00:00Z"));
  }

  @Test
  void parse_twentyCharactersInAnyOtherShape_isNull() {
    for (String s :
        new String[] {
          "-999-12-13T14:25:30Z", // a sign instead of a fourth digit
          "+999-12-13T14:25:30Z",
          "2025-12-13t14:25:30Z", // literals are case-sensitive
          "2025-12-13T14:25:30z",
          "2025-1-13T14:25:30ZZ", // a one-digit month
          "\uFF12025-12-13T14:25:30Z", // a fullwidth digit
          "2025-12-13T14:25:60Z",
          "2025-12-13 14:25:30Z"
        }) {
      assertEquals(20, s.length(), s);
      assertNull(KeySetTime.parse(s), s);
    }
  }

  @Test
  void parse_anyOtherLength_isNull() {
    assertNull(KeySetTime.parse("2025-12-13T14:25:30.0Z"));
    assertNull(KeySetTime.parse("2025-12-13T14:25:3Z"));
    assertNull(KeySetTime.parse(""));
  }

  @Test
  void representable_isWholeSecondsInTheYears0000To9999() {
    assertTrue(KeySetTime.representable(Instant.parse("0000-01-01T00:00:00Z")));
    assertTrue(KeySetTime.representable(Instant.parse("9999-12-31T23:59:59Z")));
    assertFalse(KeySetTime.representable(Instant.parse("-0001-12-31T23:59:59Z")));
    assertFalse(KeySetTime.representable(Instant.parse("+10000-01-01T00:00:00Z")));
    assertFalse(KeySetTime.representable(KeySets.ISSUED.plusMillis(1)));
  }

  @Test
  void format_fractionalSeconds_throwsIllegalArgument() {
    assertThrows(IllegalArgumentException.class, () -> KeySetTime.format(Instant.ofEpochMilli(1)));
    assertEquals("2025-12-13T14:25:30Z", KeySetTime.format(KeySets.ISSUED));
  }
}
