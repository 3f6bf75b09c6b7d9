/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.Tr31FormatException;
import java.util.List;

/**
 * The structure each defined optional block's data must have (ANSI X9.143:2021 6.3.6.x as
 * openemv/tr31 cites it; TR31-NOTES 4), checked after the data format ({@link BlockRules}).
 *
 * <p>Two kinds of rule. The rules the project has always enforced (KCV method and maximum length,
 * HM, IK, AL, the DA framing, WP, a non-empty KS or BI) refuse under both profiles. The rules added
 * for review 1 #12 (KS length, BI, CT, DA entries, two-byte minimum KCV) refuse under the strict
 * profile and are recorded as warnings under the lenient one, because blocks written before X9.143
 * fixed these structures are still met in the field.
 */
final class BlockStructure {
  /** X9.143:2021 6.3.6.8 Table 16: the initial KSN is 10 bytes. */
  static final int KS_HEX_DIGITS = 20;

  /** The shortest KCV compared, as {@code KeyCheckValue#matches} (D13): one byte is 1/256. */
  static final int MIN_KCV_BYTES = 2;

  private BlockStructure() {}

  static void check(
      OptionalBlockId id, String d, int offset, boolean lenient, List<String> warnings)
      throws Tr31FormatException {
    switch (id) {
      case KC:
      case KP:
      case PK:
        kcv(id, d, offset, lenient, warnings);
        break;
      case HM:
        if (d.length() != 2 || HashAlgorithm.fromCode(d) == null) {
          throw BlockRules.invalid(offset, id, "unknown hash algorithm");
        }
        break;
      case IK:
        if (d.length() != 16) {
          throw BlockRules.invalid(offset, id, "initial key ID must be 16 hex digits");
        }
        break;
      case AL:
        // X9.143:2021 6.3.6.1 Table 8 as openemv/tr31 cites it: version 01, then 00 ephemeral or
        // 01 static.
        if (!(d.equals("0100") || d.equals("0101"))) {
          throw BlockRules.invalid(offset, id, "version 01 then 00 (ephemeral) or 01 (static)");
        }
        break;
      case DA:
        derivationsAllowed(d, offset, lenient, warnings);
        break;
      case WP:
        // X9.143:2021 6.3.6.15, Table 23: version 00, then pedigree 0 (equal or greater
        // strength), 1 (lesser), 2 (asymmetric at quantum risk), 3 (both).
        if (d.length() != 3 || !d.startsWith("00") || d.charAt(2) < '0' || d.charAt(2) > '3') {
          throw BlockRules.invalid(offset, id, "version 00 then pedigree 0-3 expected");
        }
        break;
      case KS:
        if (d.isEmpty()) {
          throw BlockRules.invalid(offset, id, "empty");
        }
        // X9.143:2021 6.3.6.8 Table 16: the initial key serial number, 10 bytes. openemv also
        // reads 16 digits (8 bytes) "for compatibility with other legacy implementations".
        if (d.length() != KS_HEX_DIGITS) {
          breach(lenient, warnings, offset, id, "initial key serial number is not 20 hex digits");
        }
        break;
      case BI:
        baseDerivationKeyId(d, offset, lenient, warnings);
        break;
      case CT:
        certificate(d, offset, lenient, warnings);
        break;
      default:
        break; // FL, KV, LB, PB: printable ASCII, no further structure (KV: see CONFORMANCE 4.10)
    }
  }

  /**
   * KC, KP, PK (X9.143:2021 6.3.6.7 Table 15, 6.3.6.12 Table 20): method {@code 00} (legacy, at
   * most 3 bytes) or {@code 01} (CMAC, at most 5 bytes), then the KCV in hex, whole bytes.
   */
  private static void kcv(
      OptionalBlockId id, String d, int offset, boolean lenient, List<String> warnings)
      throws Tr31FormatException {
    KcvMethod m = kcvMethod(d);
    if (m == null) {
      throw BlockRules.invalid(offset, id, "unknown KCV method");
    }
    int kcvChars = d.length() - 2;
    if (kcvChars == 0 || kcvChars % 2 != 0 || kcvChars / 2 > m.maxLengthBytes()) {
      throw BlockRules.invalid(offset + 2, id, "KCV length");
    }
    if (kcvChars / 2 < MIN_KCV_BYTES) {
      breach(lenient, warnings, offset + 2, id, "KCV shorter than 2 bytes");
    }
  }

  /** The KCV method named by the first two characters of KC, KP or PK data, or null. */
  static KcvMethod kcvMethod(String d) {
    return d.length() < 2 ? null : KcvMethod.fromBlockCode(d.substring(0, 2));
  }

  /**
   * BI (X9.143:2021 6.3.6.2 Table 9): {@code 00} then the 5-byte key set identifier (TDES DUKPT),
   * or {@code 01} then the 4-byte BDK ID (AES DUKPT), in hex.
   */
  private static void baseDerivationKeyId(
      String d, int offset, boolean lenient, List<String> warnings) throws Tr31FormatException {
    if (d.isEmpty()) {
      throw BlockRules.invalid(offset, OptionalBlockId.BI, "empty");
    }
    if (d.startsWith("00")) {
      if (d.length() != 12) {
        breach(lenient, warnings, offset + 2, OptionalBlockId.BI, "KSI is not 10 hex digits");
      }
    } else if (d.startsWith("01")) {
      if (d.length() != 10) {
        breach(lenient, warnings, offset + 2, OptionalBlockId.BI, "BDK ID is not 8 hex digits");
      }
    } else {
      breach(lenient, warnings, offset, OptionalBlockId.BI, "key type is not 00 or 01");
    }
  }

  /**
   * CT (X9.143:2021 6.3.6.3 Tables 10 and 11): format {@code 00} (X.509) or {@code 01} (EMV) then
   * the certificate; or {@code 02} (chain) then, per certificate, its format, its length in 4 hex
   * digits and the certificate, filling the block exactly.
   */
  private static void certificate(String d, int offset, boolean lenient, List<String> warnings)
      throws Tr31FormatException {
    OptionalBlockId ct = OptionalBlockId.CT;
    if (d.startsWith("00") || d.startsWith("01")) {
      if (d.length() == 2) {
        breach(lenient, warnings, offset + 2, ct, "no certificate");
      }
      return;
    }
    if (!d.startsWith("02")) {
      breach(lenient, warnings, offset, ct, "certificate format is not 00, 01 or 02");
      return;
    }
    int pos = 2;
    do {
      int length = d.length() - pos < 6 ? 0 : hex4(d, pos + 2);
      if (!(d.startsWith("00", pos) || d.startsWith("01", pos))
          || length <= 0
          || length > d.length() - pos - 6) {
        breach(lenient, warnings, offset + pos, ct, "malformed certificate chain entry");
        return;
      }
      pos += 6 + length;
    } while (pos < d.length());
  }

  /**
   * Four upper-case hex digits at {@code at} (the caller checked they exist), or 0 when they are
   * not hex: a zero length is refused as well, so the caller needs no second marker.
   */
  private static int hex4(String d, int at) {
    int v = 0;
    for (int k = at; k < at + 4; k++) {
      char c = d.charAt(k);
      if (!BlockRules.isUpperHex(c)) {
        return 0;
      }
      v = (v << 4) | Character.digit(c, 16);
    }
    return v;
  }

  /**
   * DA (X9.143:2021 6.3.6.4 Table 12): version {@code 01}, then 5-character entries: key usage
   * (Table 2), algorithm (Table 3), mode of use (Table 4), exportability (Table 5).
   */
  private static void derivationsAllowed(
      String d, int offset, boolean lenient, List<String> warnings) throws Tr31FormatException {
    if (d.length() < 7 || !d.startsWith("01") || (d.length() - 2) % 5 != 0) {
      throw BlockRules.invalid(offset, OptionalBlockId.DA, "version 01 then 5-character entries");
    }
    for (int i = 2; i < d.length(); i += 5) {
      int at = offset + i;
      try {
        KeyUsage.fromCode(d.substring(i, i + 2), at);
        KeyAlgorithm.fromCode(d.substring(i + 2, i + 3), at + 2);
        ModeOfUse.fromCode(d.substring(i + 3, i + 4), at + 3);
        Exportability.fromCode(d.substring(i + 4, i + 5), at + 4);
      } catch (Tr31FormatException e) {
        breach(
            lenient, warnings, e.offset(), OptionalBlockId.DA, "entry: " + e.code().description());
      }
    }
  }

  /** A rule the strict profile enforces and the lenient profile reports as a warning. */
  private static void breach(
      boolean lenient, List<String> warnings, int offset, OptionalBlockId id, String why)
      throws Tr31FormatException {
    if (!lenient) {
      throw BlockRules.invalid(offset, id, why);
    }
    warnings.add("optional block " + id + ": " + why + " (tolerated)");
  }
}
