/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import io.tr31.ErrorCode;
import io.tr31.Tr31FormatException;
import java.nio.CharBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * Branch-free hexadecimal codec: the value of a digit never decides a branch, so decoding and
 * encoding key material does not leak it through timing. Errors are reported with the absolute
 * offset of the first offending character (an error path, which may branch on public data). The one
 * exception is {@code decodePublic}, a table-driven decoder for public data only (ciphertext, MACs,
 * IVs), whose memory access depends on the digit.
 */
public final class Hex {
  private Hex() {}

  /** Upper-case hex of {@code src[off..off+len)}. */
  public static String encode(byte[] src, int off, int len) {
    char[] out = new char[len * 2];
    try {
      encodeInto(src, off, len, out, 0);
      return new String(out);
    } finally {
      Arrays.fill(out, '\0'); // the CLI prints keys through this: no second copy left behind
    }
  }

  /** Upper-case hex of all of {@code src}. */
  public static String encode(byte[] src) {
    return encode(src, 0, src.length);
  }

  /** Writes upper-case hex of {@code src[off..off+len)} into {@code dst} from {@code dstOff}. */
  public static void encodeInto(byte[] src, int off, int len, char[] dst, int dstOff) {
    for (int i = 0; i < len; i++) {
      int b = src[off + i] & 0xFF;
      dst[dstOff + 2 * i] = nibbleToChar(b >>> 4);
      dst[dstOff + 2 * i + 1] = nibbleToChar(b & 0x0F);
    }
  }

  /** ASCII upper-case hex digits of each byte value, high and low (for public data only). */
  private static final byte[] PUBLIC_HIGH = new byte[256];

  private static final byte[] PUBLIC_LOW = new byte[256];

  static {
    for (int b = 0; b < 256; b++) {
      PUBLIC_HIGH[b] = (byte) nibbleToChar(b >>> 4);
      PUBLIC_LOW[b] = (byte) nibbleToChar(b & 0x0F);
    }
  }

  /**
   * Writes upper-case hex of PUBLIC bytes {@code src[off..off+len)} (ciphertext, IVs, MACs) as ASCII
   * into {@code dst} from {@code dstOff}, by table lookup: 2.8 times as fast as {@link #encodeInto}'s
   * branch-free arithmetic (64 KiB: 41 against 114 us), but the lookup's memory access depends on
   * the byte, so never give it secrets.
   */
  public static void encodePublicAsciiInto(byte[] src, int off, int len, byte[] dst, int dstOff) {
    Objects.checkFromIndexSize(off, len, src.length);
    Objects.checkFromIndexSize(dstOff, 2 * len, dst.length);
    byte[] high = PUBLIC_HIGH;
    byte[] low = PUBLIC_LOW;
    for (int i = off, o = dstOff, end = off + len; i < end; i++, o += 2) {
      int b = src[i] & 0xFF;
      dst[o] = high[b];
      dst[o + 1] = low[b];
    }
  }

  private static char nibbleToChar(int n) {
    // n + '0' for 0..9, n + 'A' - 10 for 10..15; ((9 - n) >> 31) is -1 exactly when n > 9.
    return (char) (n + 48 + (((9 - n) >> 31) & 7));
  }

  /**
   * Decodes {@code s[start..end)}.
   *
   * @param allowLowerCase whether {@code a-f} are accepted (the lenient profile)
   * @throws Tr31FormatException {@link ErrorCode#ODD_HEX_LENGTH}, {@link ErrorCode#INVALID_HEX} or
   *     {@link ErrorCode#LOWERCASE_HEX}, with the absolute offset in {@code s}
   */
  public static byte[] decode(CharSequence s, int start, int end, boolean allowLowerCase)
      throws Tr31FormatException {
    int len = end - start;
    if ((len & 1) != 0) {
      throw new Tr31FormatException(ErrorCode.ODD_HEX_LENGTH, end);
    }
    byte[] out = new byte[len / 2];
    try {
      decodeInto(s, start, end, allowLowerCase, out, 0);
    } catch (Tr31FormatException e) {
      // The input may be a key with one bad digit: do not leave its decoded prefix behind.
      Bytes.wipe(out);
      throw e;
    }
    return out;
  }

  /** Digit values of ASCII upper-case hex, -1 elsewhere (for {@link #decodePublic}). */
  private static final byte[] UPPER_VALUES = values(false);

  /** Digit values of ASCII hex in either case, -1 elsewhere. */
  private static final byte[] ANY_CASE_VALUES = values(true);

  private static byte[] values(boolean lowerCase) {
    byte[] t = new byte[128];
    for (int c = 0; c < 128; c++) {
      int v = value((char) c, lowerCase ? -1 : 0);
      t[c] = (byte) (v < 0 ? -1 : v);
    }
    return t;
  }

  /**
   * Decodes {@code s[start..end)} holding PUBLIC data only (ciphertext, MACs): a table lookup
   * indexed by the character, about four times faster than {@link #decode}, but the memory access
   * depends on the digit, so this must never see key material or plaintext. Same errors and offsets
   * as {@link #decode(CharSequence, int, int, boolean)}.
   */
  public static byte[] decodePublic(CharSequence s, int start, int end, boolean allowLowerCase)
      throws Tr31FormatException {
    int len = end - start;
    if ((len & 1) != 0) {
      throw new Tr31FormatException(ErrorCode.ODD_HEX_LENGTH, end);
    }
    byte[] out = new byte[len / 2];
    if (decodeTable(s, start, end, allowLowerCase ? ANY_CASE_VALUES : UPPER_VALUES, out, 0) < 0) {
      throw firstError(s, start, allowLowerCase);
    }
    return out;
  }

  /**
   * The table-driven loop over {@code s[start..end)} (an even number of characters) into {@code
   * dst} from {@code dstOff}; negative when any character is not a digit of {@code t}.
   */
  private static int decodeTable(
      CharSequence s, int start, int end, byte[] t, byte[] dst, int dstOff) {
    int bad = 0;
    for (int i = start, o = dstOff; i < end; i += 2, o++) {
      int c1 = s.charAt(i);
      int c2 = s.charAt(i + 1);
      // Characters past ASCII read entry 0 masked to negative: ((127 - c) >> 31) is -1 for c > 127.
      int hi = t[c1 & 0x7F] | ((127 - c1) >> 31);
      int lo = t[c2 & 0x7F] | ((127 - c2) >> 31);
      bad |= hi | lo;
      dst[o] = (byte) ((hi << 4) | (lo & 0x0F));
    }
    return bad;
  }

  /**
   * {@link #decodePublic(CharSequence, int, int, boolean)} of {@code chars[off..off+len)}; error
   * offsets are relative to {@code off}. For parsers that hold text in a {@code char[]} (Jackson).
   */
  public static byte[] decodePublic(char[] chars, int off, int len, boolean allowLowerCase)
      throws Tr31FormatException {
    Objects.checkFromIndexSize(off, len, chars.length);
    if ((len & 1) != 0) {
      throw new Tr31FormatException(ErrorCode.ODD_HEX_LENGTH, len);
    }
    byte[] t = allowLowerCase ? ANY_CASE_VALUES : UPPER_VALUES;
    byte[] out = new byte[len / 2];
    int bad = 0;
    for (int i = off, o = 0; o < out.length; i += 2, o++) {
      int c1 = chars[i];
      int c2 = chars[i + 1];
      int hi = t[c1 & 0x7F] | ((127 - c1) >> 31);
      int lo = t[c2 & 0x7F] | ((127 - c2) >> 31);
      bad |= hi | lo;
      out[o] = (byte) ((hi << 4) | (lo & 0x0F));
    }
    if (bad < 0) {
      throw firstError(CharBuffer.wrap(chars, off, len), 0, allowLowerCase);
    }
    return out;
  }

  /**
   * Decodes the PUBLIC ASCII hex {@code ascii[off..off+len)} in either case (table-driven, see
   * {@link #decodePublic(CharSequence, int, int, boolean)}), or returns {@code null} when the
   * length is odd or any byte is not a hex digit: for fast paths whose caller then runs the full,
   * error-reporting parser.
   */
  public static byte[] decodePublicAsciiOrNull(byte[] ascii, int off, int len) {
    Objects.checkFromIndexSize(off, len, ascii.length);
    if ((len & 1) != 0) {
      return null;
    }
    byte[] out = new byte[len / 2];
    int bad = 0;
    for (int i = off, o = 0; o < out.length; i += 2, o++) {
      int hi = ANY_CASE_VALUES[ascii[i] & 0x7F] | (ascii[i] >> 31);
      int lo = ANY_CASE_VALUES[ascii[i + 1] & 0x7F] | (ascii[i + 1] >> 31);
      bad |= hi | lo;
      out[o] = (byte) ((hi << 4) | (lo & 0x0F));
    }
    return bad < 0 ? null : out;
  }

  /**
   * Decodes the PUBLIC upper-case hex {@code s[start..end)} (an even number of characters) into
   * {@code dst} from {@code dstOff}, table-driven like {@link #decodePublic(CharSequence, int, int,
   * boolean)}: for fast paths, whose caller runs the error-reporting parser when this answers
   * {@code false}. A {@code String} is first copied into the scratch's character buffer in one call
   * (cheaper than a {@code charAt} per character).
   *
   * @return whether every character was a digit {@code 0-9} or {@code A-F}; when not, {@code dst}
   *     holds partial output (public data)
   */
  static boolean decodePublicInto(
      Scratch s, CharSequence text, int start, int end, byte[] dst, int dstOff) {
    int len = end - start;
    Objects.checkFromIndexSize(dstOff, len / 2, dst.length);
    int bad = -(len & 1); // an odd length is never well formed
    if (text instanceof String && len <= Scratch.CHARS) {
      char[] chars = s.chars();
      ((String) text).getChars(start, end, chars, 0);
      int wide = 0; // any character from 128 up: the pair index below drops its high bits
      // Counted by output byte: C2 then drops the bounds checks (twice as fast as counting by
      // character with "i + 1 < len").
      for (int o = 0, n = len >> 1; o < n; o++) {
        int c1 = chars[2 * o];
        int c2 = chars[2 * o + 1];
        wide |= c1 | c2;
        int v = UPPER_PAIRS[((c1 & 0x7F) << 7) | (c2 & 0x7F)];
        bad |= v;
        dst[dstOff + o] = (byte) v;
      }
      return bad >= 0 && wide < 0x80;
    }
    return bad >= 0 && decodeTable(text, start, end, UPPER_VALUES, dst, dstOff) >= 0;
  }

  /**
   * The byte of every pair of ASCII upper-case hex digits, indexed by {@code c1 << 7 | c2}, -1 for
   * any other pair (for {@link #decodePublicInto}: one load per byte; 32 KiB, of which a decode
   * touches about 2 KiB).
   */
  private static final short[] UPPER_PAIRS = pairs();

  private static short[] pairs() {
    short[] p = new short[1 << 14];
    for (int i = 0; i < p.length; i++) {
      int hi = UPPER_VALUES[i >> 7];
      int lo = UPPER_VALUES[i & 0x7F];
      p[i] = (short) ((hi | lo) < 0 ? -1 : (hi << 4) | lo);
    }
    return p;
  }

  /**
   * Writes {@code text[0..len)} into {@code dst[0..len)}, one byte per character: for a key block
   * header whose characters the parser checked to be printable ASCII (the MAC input, beside the
   * hex of the body). Not in {@link Bytes}, whose calls PIT does not mutate: a wrong copy here
   * must be seen by the tests.
   */
  public static void asciiInto(CharSequence text, int len, byte[] dst) {
    for (int i = 0; i < len; i++) {
      dst[i] = (byte) text.charAt(i);
    }
  }

  /** Decodes all of {@code s}, upper case only. */
  public static byte[] decode(CharSequence s) throws Tr31FormatException {
    return decode(s, 0, s.length(), false);
  }

  /**
   * Decodes {@code s[start..end)} (an even number of digits) into {@code dst} from {@code dstOff}.
   * On error {@code dst} may hold partial output; callers wipe it.
   */
  public static void decodeInto(
      CharSequence s, int start, int end, boolean allowLowerCase, byte[] dst, int dstOff)
      throws Tr31FormatException {
    int lowerMask = allowLowerCase ? -1 : 0;
    int bad = 0;
    for (int i = start, o = dstOff; i < end; i += 2, o++) {
      int hi = value(s.charAt(i), lowerMask);
      int lo = value(s.charAt(i + 1), lowerMask);
      bad |= hi | lo;
      dst[o] = (byte) ((hi << 4) | (lo & 0x0F));
    }
    if (bad < 0) {
      throw firstError(s, start, allowLowerCase);
    }
  }

  /** Returns the digit's value 0..15, or a negative number when it is not an accepted digit. */
  private static int value(char ch, int lowerMask) {
    int c = ch;
    int isDigit = ((47 - c) & (c - 58)) >> 31; // -1 iff '0' <= c <= '9'
    int isUpper = ((64 - c) & (c - 71)) >> 31; // -1 iff 'A' <= c <= 'F'
    int isLower = ((96 - c) & (c - 103)) >> 31 & lowerMask; // -1 iff 'a' <= c <= 'f' and allowed
    int v = ((c - 48) & isDigit) | ((c - 55) & isUpper) | ((c - 87) & isLower);
    return v | ~(isDigit | isUpper | isLower);
  }

  /**
   * Error path only: finds the first rejected character from {@code start}; the caller found one
   * before its end, so the loop needs no bound. Branches on public, invalid input.
   */
  private static Tr31FormatException firstError(CharSequence s, int start, boolean allowLowerCase) {
    for (int i = start; ; i++) {
      char c = s.charAt(i);
      boolean digit = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
      boolean lower = c >= 'a' && c <= 'f';
      if (lower && !allowLowerCase) {
        return new Tr31FormatException(ErrorCode.LOWERCASE_HEX, i);
      }
      if (!digit && !lower) {
        return new Tr31FormatException(ErrorCode.INVALID_HEX, i);
      }
    }
  }
}
