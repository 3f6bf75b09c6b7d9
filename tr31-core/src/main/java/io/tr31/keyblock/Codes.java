/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import java.util.Collections;
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
  static <E extends Enum<E>> Map<String, E> index(E[] values, Function<E, String> code) {
    Map<String, E> map = new HashMap<>();
    for (E e : values) {
      String c = code.apply(e);
      if (!c.isEmpty() && map.put(c, e) != null) {
        throw new AssertionError("duplicate header code " + c);
      }
    }
    return Collections.unmodifiableMap(map);
  }

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAlphanumeric(char c) {
    return isDigit(c) || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }
}
