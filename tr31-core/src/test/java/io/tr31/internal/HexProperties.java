/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

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

  /**
   * Upper-case hex of up to 40 digits in which, half of the time, one character is replaced by a
   * lower-case digit, another ASCII character, or a character past ASCII whose low 7 or 8 bits are
   * an upper-case digit ({@code U+00C1}, {@code U+0130}, {@code U+0141}): the inputs on which a
   * decoder that masks characters goes wrong.
   */
  private static Gen<String> upperHexWithOneOddCharacter() {
    String odd = "aFg:\u0000\u00C1\u00B0\u0130\u0141\u01FF\u8041";
    return in -> {
      int n = (int) in.next(Constraint.between(0, 40));
      StringBuilder sb = new StringBuilder(n);
      for (int i = 0; i < n; i++) {
        sb.append("0123456789ABCDEF".charAt((int) in.next(Constraint.between(0, 15))));
      }
      if (n > 0 && in.next(Constraint.between(0, 1)) == 1) {
        int at = (int) in.next(Constraint.between(0, n - 1));
        sb.setCharAt(at, odd.charAt((int) in.next(Constraint.between(0, odd.length() - 1))));
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

  /**
   * {@link Hex#decodePublicInto} (the unwrap fast path's decoder: pair table, counted by output
   * byte) against the branch-free decoder: the same bytes where that decodes upper-case hex, and
   * {@code false} wherever it fails (odd length, lower case, any other character, non-ASCII), from
   * a {@code String} (the pair table) and from a {@code StringBuilder} (the per-digit table), at an
   * offset in both the text and the destination.
   */
  @Test
  void decodePublicInto_agreesWithBranchFreeDecode() {
    qt().forAll(upperHexWithOneOddCharacter(), integers().between(0, 3))
        .check(
            (s, off) -> {
              String expected = outcome(t -> Hex.decode(t, 0, t.length(), false), s);
              String text = "QQQ".substring(0, off) + s + "Z";
              boolean ok = true;
              for (CharSequence cs : new CharSequence[] {text, new StringBuilder(text)}) {
                byte[] dst = new byte[s.length() / 2 + 2];
                Scratch scratch = Scratch.take();
                boolean decoded;
                try {
                  decoded = Hex.decodePublicInto(scratch, cs, off, off + s.length(), dst, 1);
                } finally {
                  scratch.give();
                }
                String got =
                    decoded
                        ? Arrays.toString(Arrays.copyOfRange(dst, 1, 1 + s.length() / 2))
                        : null;
                ok &= decoded ? expected.equals(got) : !expected.startsWith("[");
              }
              return ok;
            });
  }

  /**
   * {@link Hex#encodePublicAsciiInto} (table lookup: key block wrap, the envelope's ciphertext and
   * IVs) against the branch-free {@link Hex#encode}, at offsets in both arrays, leaving the bytes
   * around the range alone.
   */
  @Test
  void encodePublicAsciiInto_agreesWithBranchFreeEncode() {
    qt().forAll(Gens.bytes(0, 300), integers().between(0, 3))
        .check(
            (b, shift) -> {
              int off = Math.min(shift, b.length);
              int len = b.length - off;
              byte[] dst = new byte[2 * len + 4];
              Arrays.fill(dst, (byte) '.');
              Hex.encodePublicAsciiInto(b, off, len, dst, 2);
              String want = ".." + Hex.encode(b, off, len) + "..";
              return want.equals(new String(dst, java.nio.charset.StandardCharsets.US_ASCII));
            });
  }
}
