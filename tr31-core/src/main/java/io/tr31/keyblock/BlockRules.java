/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31FormatException;
import java.util.List;
import java.util.Locale;

/**
 * The data format rules of ANSI X9.143:2022 6.3 (Table 7 and the per-block clauses), enforced on
 * parse. openemv/tr31 0.6.6 intends these checks but never runs them; we do. The lenient profile
 * tolerates exactly what {@link Profile} documents and records each tolerance as a warning.
 */
final class BlockRules {
  private BlockRules() {}

  static boolean isUpperHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
  }

  static boolean isLowerHex(char c) {
    return c >= 'a' && c <= 'f';
  }

  static boolean isAlphanumeric(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }

  static boolean isPrintable(char c) {
    return c >= 0x20 && c <= 0x7E;
  }

  /**
   * Validates {@code data} of a known block. {@code offset} is the absolute offset of the data.
   * Under the lenient profile the tolerances of {@link Profile} are recorded in {@code warnings}.
   *
   * @throws Tr31FormatException {@link ErrorCode#INVALID_OPTIONAL_BLOCK_DATA}
   */
  static void validate(
      OptionalBlockId id, String data, Profile profile, int offset, List<String> warnings)
      throws Tr31FormatException {
    boolean lenient = profile == Profile.LENIENT;
    String d = data;
    switch (id.format()) {
      case HEX:
        int bad = firstNonHex(data, lenient);
        if (bad >= 0) {
          if (lenient && id == OptionalBlockId.KS) {
            // IBM and GBIC write printable ASCII in KS (KS10DE#GBIC#OPT1); the parser has already
            // checked that every character is printable.
            warnings.add("optional block KS holds non-hex data (tolerated)");
            return;
          }
          throw invalid(offset + bad, id, "not upper-case hex");
        }
        if (lenient && firstNonHex(data, false) >= 0) {
          warnings.add("optional block " + id + " holds lower-case hex (tolerated)");
        }
        d = data.toUpperCase(Locale.ROOT);
        break;
      case ALPHANUMERIC:
        for (int i = 0; i < data.length(); i++) {
          if (!isAlphanumeric(data.charAt(i))) {
            throw invalid(offset + i, id, "not alphanumeric");
          }
        }
        break;
      case ISO8601_UTC:
        if (Timestamps.parse(data, false) == null) {
          if (lenient && Timestamps.parse(data, true) != null) {
            // The ANSI X9.143:2021 8.2 sample writes TS without the trailing Z.
            warnings.add("optional block " + id + " time stamp lacks the trailing Z (tolerated)");
            return;
          }
          throw invalid(offset, id, "not an ISO 8601 UTC time stamp");
        }
        return;
      default:
        break; // printable ASCII: already checked character by character by the parser
    }
    BlockStructure.check(id, d, offset, lenient, warnings);
  }

  /** Index of the first non-hex character, or -1. */
  static int firstNonHex(String s, boolean allowLower) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isUpperHex(c) && !(allowLower && isLowerHex(c))) {
        return i;
      }
    }
    return -1;
  }

  /** Index of the first non-printable character, or -1. */
  static int printable(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (!isPrintable(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  static Tr31FormatException invalid(int offset, OptionalBlockId id, String why) {
    return new Tr31FormatException(ErrorCode.INVALID_OPTIONAL_BLOCK_DATA, offset, id + ": " + why);
  }
}
