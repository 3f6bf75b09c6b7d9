/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31FormatException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the fixed header (ANSI X9.143:2022 6.2, Table 1) then the optional blocks (6.3) at the
 * start of untrusted text. Fields are checked in the order they appear, so the reported offset is
 * the first bad field; the usage × algorithm × mode policy is checked last because it is about
 * meaning, not shape.
 */
final class HeaderParser {
  /** A key block is at most 9999 characters, so no header reads further. */
  static final int MAX_KEY_BLOCK_LENGTH = 9999;

  /**
   * Every printable ASCII character as a one-character string, and every known key usage code:
   * field lookups on the unwrap path reuse these instead of allocating a substring per field (the
   * lookups then hash a string whose hash is already cached). Unknown codes still get a fresh
   * substring, so the error path is unchanged.
   */
  private static final String[] ONE_CHAR = new String[0x7F];

  private static final String[][] KEY_USAGE_CODES = new String[0x7F][];

  static {
    for (char c = 0x20; c < 0x7F; c++) {
      ONE_CHAR[c] = String.valueOf(c).intern();
    }
    for (KeyUsage u : KeyUsage.values()) {
      String code = u.code();
      if (code.length() == 2 && code.charAt(0) < 0x7F && code.charAt(1) < 0x7F) {
        if (KEY_USAGE_CODES[code.charAt(0)] == null) {
          KEY_USAGE_CODES[code.charAt(0)] = new String[0x7F];
        }
        KEY_USAGE_CODES[code.charAt(0)][code.charAt(1)] = code;
      }
    }
  }

  private HeaderParser() {}

  static KeyBlockHeader parse(CharSequence text, Profile profile) throws Tr31FormatException {
    int end = Math.min(text.length(), MAX_KEY_BLOCK_LENGTH);
    if (end < KeyBlockHeader.FIXED_LENGTH_CHARS) {
      throw new Tr31FormatException(ErrorCode.HEADER_TRUNCATED, text.length());
    }
    for (int i = 0; i < KeyBlockHeader.FIXED_LENGTH_CHARS; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        throw new Tr31FormatException(ErrorCode.INVALID_CHARACTER, i);
      }
    }
    List<String> warnings = null; // most headers have none: no list, no copy
    KeyBlockHeader.Builder b = KeyBlockHeader.builder();

    b.version = KeyBlockVersion.fromCode(oneChar(text, 0), 0);
    if (b.version.isProprietary()) {
      if (profile != Profile.LENIENT) {
        throw new Tr31FormatException(ErrorCode.INVALID_VERSION, 0, "proprietary version");
      }
      warnings =
          warn(warnings, "proprietary key block version '" + b.version.id() + "' (tolerated)");
    }
    int declaredLength = decimal(text, 1, 4, ErrorCode.INVALID_LENGTH_FIELD);

    b.keyUsageCode = keyUsageCode(text);
    b.keyUsage = KeyUsage.fromCode(b.keyUsageCode, 5, profile);
    if (b.keyUsage == KeyUsage.PROPRIETARY) {
      warnings = warn(warnings, "proprietary key usage '" + b.keyUsageCode + "' (tolerated)");
    }
    b.algorithm = KeyAlgorithm.fromCode(oneChar(text, 7), 7);
    b.modeOfUseCode = oneChar(text, 8);
    b.modeOfUse = ModeOfUse.fromCode(b.modeOfUseCode, 8, profile);
    if (b.modeOfUse == ModeOfUse.PROPRIETARY) {
      warnings = warn(warnings, "proprietary mode of use '" + b.modeOfUseCode + "' (tolerated)");
    }
    b.keyVersion = KeyVersion.parse(keyVersionCode(text), 9, profile);
    if (b.keyVersion.isMalformedComponent()) {
      warnings =
          warn(
              warnings,
              "key version '" + b.keyVersion.code() + "' names no key component (tolerated)");
    }
    b.exportability = Exportability.fromCode(oneChar(text, 11), 11);
    int count = decimal(text, 12, 2, ErrorCode.INVALID_OPTIONAL_BLOCK_COUNT);
    b.keyContext = KeyContext.fromCode(oneChar(text, 14), 14);
    if (text.charAt(15) != '0') {
      throw new Tr31FormatException(ErrorCode.INVALID_RESERVED_FIELD, 15);
    }

    OptionalBlocks blocks =
        OptionalBlocks.parse(
            text, KeyBlockHeader.FIXED_LENGTH_CHARS, end, count, profile, b.algorithm);
    b.optionalBlocks = blocks;
    for (int i = 0; i < blocks.warnings().size(); i++) {
      warnings = warn(warnings, blocks.warnings().get(i));
    }

    KeyBlockHeader h =
        new KeyBlockHeader(b, warnings == null ? List.of() : warnings, declaredLength);
    if (!KeyAttributePolicy.isPermitted(h.keyUsage(), h.algorithm(), h.modeOfUse())) {
      if (profile != Profile.LENIENT) {
        KeyAttributePolicy.check(h); // throws INCOMPATIBLE_KEY_ATTRIBUTES at offset 5
      }
      warnings =
          warn(
              warnings,
              "key usage "
                  + h.keyUsageCode()
                  + " with algorithm "
                  + h.algorithm().code()
                  + " and mode of use "
                  + h.modeOfUseCode()
                  + " is not a permitted combination (tolerated)");
      h = new KeyBlockHeader(b, warnings == null ? List.of() : warnings, declaredLength);
    }
    return h;
  }

  /** {@code warnings} (created on the first one) with {@code w} added. */
  private static List<String> warn(List<String> warnings, String w) {
    List<String> out = warnings == null ? new ArrayList<>() : warnings;
    out.add(w);
    return out;
  }

  /** Header characters 5-6 (checked printable), shared when they are a known key usage code. */
  private static String keyUsageCode(CharSequence text) {
    String[] row = KEY_USAGE_CODES[text.charAt(5)];
    String known = row == null ? null : row[text.charAt(6)];
    return known != null ? known : text.subSequence(5, 7).toString();
  }

  /** Header characters 9-10, shared for the common {@code 00}. */
  private static String keyVersionCode(CharSequence text) {
    return text.charAt(9) == '0' && text.charAt(10) == '0'
        ? "00"
        : text.subSequence(9, 11).toString();
  }

  /** One header character (already checked to be printable ASCII) as a shared string. */
  private static String oneChar(CharSequence text, int at) {
    return ONE_CHAR[text.charAt(at)];
  }

  private static int decimal(CharSequence text, int from, int digits, ErrorCode onBad)
      throws Tr31FormatException {
    int v = 0;
    for (int i = from; i < from + digits; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new Tr31FormatException(onBad, from);
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
