package io.tr31.internal;

import io.tr31.ErrorCode;
import io.tr31.Tr31FormatException;

/**
 * Branch-free hexadecimal codec: the value of a digit never decides a branch, so decoding and
 * encoding key material does not leak it through timing. Errors are reported with the absolute
 * offset of the first offending character (an error path, which may branch on public data).
 */
public final class Hex {
  private Hex() {}

  /** Upper-case hex of {@code src[off..off+len)}. */
  public static String encode(byte[] src, int off, int len) {
    char[] out = new char[len * 2];
    encodeInto(src, off, len, out, 0);
    return new String(out);
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

  /**
   * Writes upper-case hex of {@code src[off..off+len)} as ASCII bytes into {@code dst} from {@code
   * dstOff} (for JSON written straight to a byte stream).
   */
  public static void encodeAsciiInto(byte[] src, int off, int len, byte[] dst, int dstOff) {
    for (int i = 0; i < len; i++) {
      int b = src[off + i] & 0xFF;
      dst[dstOff + 2 * i] = (byte) nibbleToChar(b >>> 4);
      dst[dstOff + 2 * i + 1] = (byte) nibbleToChar(b & 0x0F);
    }
  }

  /** Appends upper-case hex of {@code src[off..off+len)} to {@code sb}. */
  public static void encodeInto(byte[] src, int off, int len, StringBuilder sb) {
    for (int i = 0; i < len; i++) {
      int b = src[off + i] & 0xFF;
      sb.append(nibbleToChar(b >>> 4)).append(nibbleToChar(b & 0x0F));
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
   * @throws Tr31FormatException {@link ErrorCode#ODD_HEX_LENGTH}, {@link ErrorCode#INVALID_HEX}
   *     or {@link ErrorCode#LOWERCASE_HEX}, with the absolute offset in {@code s}
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
      java.util.Arrays.fill(out, (byte) 0);
      throw e;
    }
    return out;
  }

  /** Decodes all of {@code s}, upper case only. */
  public static byte[] decode(CharSequence s) throws Tr31FormatException {
    return decode(s, 0, s.length(), false);
  }

  /**
   * Decodes {@code s[start..end)} (an even number of digits) into {@code dst} from {@code
   * dstOff}. On error {@code dst} may hold partial output; callers wipe it.
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
      throw firstError(s, start, end, allowLowerCase);
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

  /** Error path only: finds the first rejected character. Branches on public, invalid input. */
  private static Tr31FormatException firstError(
      CharSequence s, int start, int end, boolean allowLowerCase) {
    for (int i = start; i < end; i++) {
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
    throw new AssertionError("no invalid character found");
  }

  /** Whether {@code s[start..end)} holds only upper-case hex digits (public data only). */
  public static boolean isUpperHex(CharSequence s, int start, int end) {
    for (int i = start; i < end; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }
}
