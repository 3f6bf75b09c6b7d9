/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31FormatException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/** Code lookup and character classes of X9.143 header fields (public data; branching is fine). */
final class Codes {
  private Codes() {}

  /**
   * Indexes enum constants by their header code, once per enum: {@code fromCode} is on the unwrap
   * path and must not scan a table per call. Constants with an empty code (PROPRIETARY) are left
   * out.
   */
  static <E extends Enum<E>> Index<E> index(E[] values, Function<E, String> code) {
    return new Index<>(values, code);
  }

  /**
   * Enum constants by header code: for a code of one or two ASCII characters (every code X9.143
   * defines) one or two array loads indexed by the characters themselves, a map for any other.
   * Immutable.
   */
  static final class Index<E extends Enum<E>> {
    private static final int ASCII = 0x80;
    /** One-character codes by their character. */
    private final Object[] byChar = new Object[ASCII];
    /** Two-character codes by first character (a row only where a code starts), then second. */
    private final Object[][] byPair = new Object[ASCII][];
    private final Map<String, E> others = new HashMap<>();

    private Index(E[] values, Function<E, String> code) {
      for (E e : values) {
        String c = code.apply(e);
        if (c.isEmpty()) {
          continue;
        }
        if (get(c) != null) {
          throw new AssertionError("duplicate header code " + c);
        }
        if (c.length() == 1 && c.charAt(0) < ASCII) {
          byChar[c.charAt(0)] = e;
        } else if (c.length() == 2 && c.charAt(0) < ASCII && c.charAt(1) < ASCII) {
          if (byPair[c.charAt(0)] == null) {
            byPair[c.charAt(0)] = new Object[ASCII];
          }
          byPair[c.charAt(0)][c.charAt(1)] = e;
        } else {
          others.put(c, e);
        }
      }
    }

    /** {@return the constant with this code, or {@code null} (also for a {@code null} code)} */
    @SuppressWarnings("unchecked") // the arrays hold only constants of E
    E get(String code) {
      if (code == null) {
        return null;
      }
      int n = code.length();
      if (n == 1 && code.charAt(0) < ASCII) {
        return (E) byChar[code.charAt(0)];
      }
      if (n == 2 && code.charAt(0) < ASCII && code.charAt(1) < ASCII) {
        Object[] row = byPair[code.charAt(0)];
        return row == null ? null : (E) row[code.charAt(1)];
      }
      return others.get(code); // any other length, or a character from U+0080 up
    }

    /**
     * The constant with this code: the {@code fromCode} of a header field.
     *
     * @param code the code read from the header; {@code null} is reported as unknown
     * @param error the field's error code
     * @param offset the code's offset in the input
     * @return the constant; never {@code null}
     * @throws Tr31FormatException {@code error} at {@code offset} if no constant has the code
     */
    E require(String code, ErrorCode error, int offset) throws Tr31FormatException {
      E known = get(code);
      if (known == null) {
        throw new Tr31FormatException(error, offset);
      }
      return known;
    }

    /**
     * As {@link #require}, but under {@link Profile#LENIENT} a code of {@code width} characters
     * whose first is a digit and the others alphanumeric yields {@code proprietary} (X9.143 reserves
     * numeric values for proprietary use).
     *
     * @param code the code read from the header; {@code null} is reported as unknown
     * @param error the field's error code
     * @param offset the code's offset in the input
     * @param profile only {@link Profile#LENIENT} admits proprietary codes
     * @param proprietary the constant standing for any proprietary code
     * @param width the field's width in characters
     * @return the constant; never {@code null}
     * @throws Tr31FormatException {@code error} at {@code offset} if unknown or not allowed
     */
    E requireOrProprietary(
        String code, ErrorCode error, int offset, Profile profile, E proprietary, int width)
        throws Tr31FormatException {
      E known = get(code);
      if (known != null) {
        return known;
      }
      if (profile == Profile.LENIENT && isProprietary(code, width)) {
        return proprietary;
      }
      throw new Tr31FormatException(error, offset);
    }

    private static boolean isProprietary(String code, int width) {
      if (code == null || code.length() != width || !isDigit(code.charAt(0))) {
        return false;
      }
      for (int i = 1; i < width; i++) {
        if (!isAlphanumeric(code.charAt(i))) {
          return false;
        }
      }
      return true;
    }
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAlphanumeric(char c) {
    return isDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }
}
