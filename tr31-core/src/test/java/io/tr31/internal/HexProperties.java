/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.quicktheories.QuickTheory.qt;

import io.tr31.Tr31FormatException;
import io.tr31.testing.Gens;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

class HexProperties {
  @Test
  void decodeOfEncode_isIdentity() {
    qt().forAll(Gens.bytes(0, 64))
        .check(
            b -> {
              try {
                return Arrays.equals(b, Hex.decode(Hex.encode(b)));
              } catch (Exception e) {
                return false;
              }
            });
  }

  /** Text mostly of hex digits in both cases, with some other ASCII and non-ASCII characters. */
  private static Gen<String> hexLike() {
    String alphabet = "0123456789ABCDEFabcdef0123456789ABCDEFgG:@`/ \u0000\u00C1\u0130\u0141\u01FF";
    return in -> {
      int n = (int) in.next(Constraint.between(0, 40));
      StringBuilder sb = new StringBuilder(n);
      for (int i = 0; i < n; i++) {
        sb.append(alphabet.charAt((int) in.next(Constraint.between(0, alphabet.length() - 1))));
      }
      return sb.toString();
    };
  }

  /** The outcome of a decode as one comparable string: the bytes, or the error code and offset. */
  private interface Decoder {
    byte[] decode(String s) throws Tr31FormatException;
  }

  private static String outcome(Decoder d, String s) {
    try {
      return Arrays.toString(d.decode(s));
    } catch (Tr31FormatException e) {
      return e.code() + "@" + e.offset();
    }
  }

  @Test
  void decodePublic_agreesWithBranchFreeDecode_onValuesErrorsAndOffsets() {
    qt().forAll(hexLike(), Gens.bytes(0, 1))
        .check(
            (s, lower) -> {
              boolean allowLower = lower.length == 1;
              String expected = outcome(t -> Hex.decode(t, 0, t.length(), allowLower), s);
              char[] padded = ("xx" + s + "y").toCharArray();
              return expected.equals(
                      outcome(t -> Hex.decodePublic(t, 0, t.length(), allowLower), s))
                  && expected.equals(
                      outcome(t -> Hex.decodePublic(padded, 2, t.length(), allowLower), s));
            });
  }
}
