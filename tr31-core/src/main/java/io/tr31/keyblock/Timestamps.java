/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * ISO 8601 UTC time stamps of optional blocks {@code TC} and {@code TS} (ANSI X9.143:2022 6.3,
 * Table 7): basic {@code YYYYMMDDhhmmss[cc]Z}, extended {@code YYYY-MM-DDThh:mm:ss[.cc]Z} ({@code
 * cc} = hundredths of a second). Hand-parsed: every character is checked, nothing is tolerated
 * silently.
 */
final class Timestamps {
  /** 0000-01-01T00:00:00Z, the first second a four-digit year can write. */
  private static final long FIRST_SECOND =
      LocalDateTime.of(0, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);

  /** 9999-12-31T23:59:59Z, the last second a four-digit year can write. */
  private static final long LAST_SECOND =
      LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC);

  private Timestamps() {}

  /**
   * Parses a time stamp; returns {@code null} when malformed. With {@code zOptional}, a missing
   * trailing {@code Z} is accepted (the ANSI X9.143:2021 8.2 sample omits it; lenient only).
   */
  static Instant parse(String s, boolean zOptional) {
    String t = s;
    if (t.endsWith("Z")) {
      t = t.substring(0, t.length() - 1);
    } else if (!zOptional) {
      return null;
    }
    int[] f;
    switch (t.length()) {
      case 14: // YYYYMMDDhhmmss
      case 16: // YYYYMMDDhhmmsscc
        f = fields(t, new int[] {0, 4, 6, 8, 10, 12, 14}, false);
        break;
      case 19: // YYYY-MM-DDThh:mm:ss
      case 22: // YYYY-MM-DDThh:mm:ss.cc
        f = fields(t, new int[] {0, 5, 8, 11, 14, 17, 20}, true);
        break;
      default:
        return null;
    }
    if (f == null) {
      return null;
    }
    try {
      return LocalDateTime.of(f[0], f[1], f[2], f[3], f[4], f[5], f[6] * 10_000_000)
          .toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** Extracts year, month, day, hour, minute, second, centiseconds; null if not digits. */
  private static int[] fields(String t, int[] starts, boolean extended) {
    int[] out = new int[7];
    for (int i = 0; i < 7; i++) {
      int len = i == 0 ? 4 : 2;
      int start = starts[i];
      if (start >= t.length()) {
        out[i] = 0; // no centiseconds
        continue;
      }
      if (extended && i > 0) {
        char expected = i < 3 ? '-' : i == 3 ? 'T' : i < 6 ? ':' : '.';
        if (t.charAt(start - 1) != expected) {
          return null;
        }
      }
      int v = 0;
      for (int k = start; k < start + len; k++) {
        char c = t.charAt(k);
        if (c < '0' || c > '9') {
          return null;
        }
        v = v * 10 + (c - '0');
      }
      out[i] = v;
    }
    return out;
  }

  /** The basic form: {@code YYYYMMDDhhmmssZ}, or {@code YYYYMMDDhhmmssccZ} with sub-seconds. */
  static String format(Instant instant) {
    // Checked on the epoch second first: LocalDateTime cannot hold Instant.MIN or Instant.MAX.
    if (instant.getEpochSecond() < FIRST_SECOND || instant.getEpochSecond() > LAST_SECOND) {
      throw new IllegalArgumentException("year must be 0000..9999");
    }
    LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    StringBuilder sb = new StringBuilder(17);
    pad(sb, t.getYear(), 4);
    pad(sb, t.getMonthValue(), 2);
    pad(sb, t.getDayOfMonth(), 2);
    pad(sb, t.getHour(), 2);
    pad(sb, t.getMinute(), 2);
    pad(sb, t.getSecond(), 2);
    int centis = t.getNano() / 10_000_000;
    if (centis != 0) {
      pad(sb, centis, 2);
    }
    return sb.append('Z').toString();
  }

  private static void pad(StringBuilder sb, int v, int width) {
    String s = Integer.toString(v);
    for (int i = s.length(); i < width; i++) {
      sb.append('0');
    }
    sb.append(s);
  }
}
