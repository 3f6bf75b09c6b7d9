/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;

/**
 * The key set's times: RFC 3339 in UTC with {@code Z} and whole seconds, exactly {@code
 * YYYY-MM-DDThh:mm:ssZ} as in the seed ({@code 2025-12-13T14:25:30Z}). One spelling per instant, so
 * that the JSON can be compared with the authenticated {@code LB} and {@code TS} blocks.
 */
final class KeySetTime {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'")
          .withResolverStyle(ResolverStyle.STRICT);

  private KeySetTime() {}

  /**
   * Parses the exact form; {@code null} when the text is anything else or not a real date. With 20
   * characters, the strict formatter accepts exactly {@code dddd-dd-ddTdd:dd:ddZ}: ASCII digits
   * only, case-sensitive literals, no sign on the year (pinned by {@code KeySetTimeTest}).
   */
  static Instant parse(String s) {
    if (s.length() != 20) {
      return null;
    }
    try {
      return LocalDateTime.parse(s, FORMAT).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** Formats an instant (whole seconds) in the exact form. */
  static String format(Instant t) {
    if (t.getNano() != 0) {
      throw new IllegalArgumentException("key set times have whole seconds");
    }
    return FORMAT.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
  }

  /** Whether the instant can be written in the exact form (whole seconds, year 0000-9999). */
  static boolean representable(Instant t) {
    if (t.getNano() != 0) {
      return false;
    }
    int year = LocalDateTime.ofInstant(t, ZoneOffset.UTC).getYear();
    return year >= 0 && year <= 9999;
  }

  /** {@code t} truncated to whole seconds. */
  static Instant seconds(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS);
  }
}
