package io.tr31.optblock;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31FormatException;
import io.tr31.kcv.KcvMethod;
import java.util.List;

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
   *
   * @throws Tr31FormatException {@link ErrorCode#INVALID_OPTIONAL_BLOCK_DATA}
   */
  static void validate(
      OptionalBlockId id, String data, Profile profile, int offset, List<String> warnings)
      throws Tr31FormatException {
    boolean lenient = profile == Profile.LENIENT;
    switch (id.format()) {
      case HEX:
        int bad = firstNonHex(data, lenient);
        if (bad >= 0) {
          if (lenient && id == OptionalBlockId.KS && printable(data) < 0) {
            // IBM and GBIC write printable ASCII in KS (KS10DE#GBIC#OPT1).
            warnings.add("optional block KS holds non-hex data (tolerated)");
            return;
          }
          throw invalid(offset + bad, id, "not upper-case hex");
        }
        if (lenient && firstNonHex(data, false) >= 0) {
          warnings.add("optional block " + id + " holds lower-case hex (tolerated)");
        }
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
    typed(id, data.toUpperCase(java.util.Locale.ROOT), offset);
  }

  /** The per-ID structure (X9.143:2022 6.3.x; TR31-NOTES 4). */
  private static void typed(OptionalBlockId id, String d, int offset) throws Tr31FormatException {
    switch (id) {
      case KC:
      case KP:
      case PK:
        KcvMethod m = d.length() < 2 ? null : KcvMethod.fromBlockCode(d.substring(0, 2));
        int kcvChars = d.length() - 2;
        if (m == null) {
          throw invalid(offset, id, "unknown KCV method");
        }
        if (kcvChars < 2 || kcvChars % 2 != 0 || kcvChars / 2 > m.maxLengthBytes()) {
          throw invalid(offset + 2, id, "KCV length");
        }
        break;
      case HM:
        if (d.length() != 2 || HashAlgorithm.fromCode(d) == null) {
          throw invalid(offset, id, "unknown hash algorithm");
        }
        break;
      case IK:
        if (d.length() != 16) {
          throw invalid(offset, id, "initial key ID must be 16 hex digits");
        }
        break;
      case AL:
        // X9.143:2021 6.3.6.1 Table 8 as openemv/tr31 cites it: version 01, then 00 ephemeral or
        // 01 static.
        if (!(d.equals("0100") || d.equals("0101"))) {
          throw invalid(offset, id, "version 01 then 00 (ephemeral) or 01 (static) expected");
        }
        break;
      case DA:
        if (d.length() < 7 || !d.startsWith("01") || (d.length() - 2) % 5 != 0) {
          throw invalid(offset, id, "version 01 then 5-character entries expected");
        }
        break;
      case WP:
        // X9.143:2021 6.3.6.15, Table 23: version 00, then pedigree 0 (equal or greater
        // strength), 1 (lesser), 2 (asymmetric at quantum risk), 3 (both).
        if (d.length() != 3 || !d.startsWith("00") || d.charAt(2) < '0' || d.charAt(2) > '3') {
          throw invalid(offset, id, "version 00 then pedigree 0-3 expected");
        }
        break;
      case KS:
      case BI:
        if (d.isEmpty()) {
          throw invalid(offset, id, "empty");
        }
        break;
      default:
        break;
    }
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
