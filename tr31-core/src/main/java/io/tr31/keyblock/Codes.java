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
   * Enum constants by header code: one array load for a code of one or two characters {@code 0-9
   * A-Z a-z} (every code X9.143 defines), a map for any other. Immutable.
   */
  static final class Index<E extends Enum<E>> {
    private static final int ALNUM = 62;
    private final Object[] byChars = new Object[ALNUM + ALNUM * ALNUM];
    private final Map<String, E> others = new HashMap<>();

    private Index(E[] values, Function<E, String> code) {
      for (E e : values) {
        String c = code.apply(e);
        if (c.isEmpty()) {
          continue;
        }
        int slot = slot(c);
        if (slot >= 0 ? byChars[slot] != null : others.containsKey(c)) {
          throw new AssertionError("duplicate header code " + c);
        }
        if (slot >= 0) {
          byChars[slot] = e;
        } else {
          others.put(c, e);
        }
      }
    }

    /** {@return the constant with this code, or {@code null} (also for a {@code null} code)} */
    @SuppressWarnings("unchecked") // byChars holds only constants of E
    E get(String code) {
      if (code == null) {
        return null;
      }
      int slot = slot(code);
      return slot >= 0 ? (E) byChars[slot] : others.get(code);
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

    /** The array slot of a one- or two-character alphanumeric code, else -1. */
    private static int slot(String code) {
      int n = code.length();
      int a = n >= 1 && n <= 2 ? alnum(code.charAt(0)) : -1;
      if (a < 0 || n == 1) {
        return a;
      }
      int b = alnum(code.charAt(1));
      return b < 0 ? -1 : ALNUM + a * ALNUM + b;
    }

    private static int alnum(char c) {
      return c < 0x80 ? ALNUM_INDEX[c] : -1;
    }
  }

  /** {@code 0-9} as 0-9, {@code A-Z} as 10-35, {@code a-z} as 36-61, -1 for other ASCII. */
  private static final byte[] ALNUM_INDEX = new byte[0x80];

  static {
    for (int c = 0; c < 0x80; c++) {
      ALNUM_INDEX[c] =
          (byte)
              (isDigit((char) c)
                  ? c - '0'
                  : c >= 'A' && c <= 'Z' ? 10 + c - 'A' : c >= 'a' && c <= 'z' ? 36 + c - 'a' : -1);
    }
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAlphanumeric(char c) {
    return isDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }
}
