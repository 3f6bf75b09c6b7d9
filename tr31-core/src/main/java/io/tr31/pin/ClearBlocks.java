/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.pin;

import io.tr31.ErrorCode;
import io.tr31.Tr31FormatException;
import io.tr31.internal.BlockCipher;
import io.tr31.internal.Bytes;
import java.security.SecureRandom;

/**
 * The clear ISO 9564-1 PIN blocks and fields: encode from PIN digits, decode back with every check,
 * and the PAN fields. Package-private: callers see only enciphered blocks.
 *
 * <p>PIN digits travel as the {@code char[]} of the public API, which the caller wipes; every
 * temporary holding digits is wiped here or by the caller, as each method says. {@link #decode} evaluates every check before it answers and
 * answers one way for any failure ({@code null}), so the caller can raise one error.
 */
final class ClearBlocks {
  static final int MIN_PIN_DIGITS = 4;
  static final int MAX_PIN_DIGITS = 12;
  /** The longest PAN (ISO/IEC 7812-1). */
  static final int MAX_PAN_DIGITS = 19;
  /** Formats 0 and 3 take the 12 rightmost digits without the check digit: 13 digits at least. */
  static final int MIN_PAN_DIGITS_FORMAT_0_3 = 13;

  /** Lanes 1-7 of {@link #decode}'s words: bytes 1-7 (byte 0 is the top one). */
  private static final long LANES = 0x00FFFFFFFFFFFFFFL;
  /** The low nibble of lanes 1-7. */
  private static final long NIBBLES = 0x000F0F0F0F0F0F0FL;
  /** 1 in every lane. */
  private static final long LANE = 0x0101010101010101L;
  /** Bit 4 of every lane. */
  private static final long BIT4 = 0x0010101010101010L;

  private ClearBlocks() {}

  /**
   * Checks a PIN to encipher: 4 to 12 characters {@code 0}-{@code 9}.
   *
   * @throws Tr31FormatException {@link ErrorCode#PIN_INVALID}, no offset and no digit named
   */
  static void checkPin(char[] pin) throws Tr31FormatException {
    int bad = (pin.length - MIN_PIN_DIGITS) | (MAX_PIN_DIGITS - pin.length);
    for (char c : pin) {
      bad |= (c - '0') | ('9' - c);
    }
    if (bad < 0) {
      throw new Tr31FormatException(ErrorCode.PIN_INVALID, -1);
    }
  }

  /**
   * A fresh PIN buffer, as {@link BlockCipher#encryptXor} and {@link BlockCipher#decryptXor} take
   * it: a block of work space, then the PAN field XORed into the clear block, from a PAN checked
   * against what {@code format} allows: for formats 0 and 3 (13-19 digits), four zero nibbles and
   * the 12 rightmost PAN digits excluding the check digit (9.3.2); for format 4 (1-19 digits), the
   * PAN length minus 12 (0 when shorter, the PAN then left-padded with zeros to 12 digits), the
   * PAN and zero nibbles to 16 bytes (9.4.2); for format 1, which binds no PAN, zeros ({@code pan}
   * unread). The caller wipes the buffer.
   *
   * @throws Tr31FormatException {@link ErrorCode#PAN_INVALID}
   */
  static byte[] panBuffer(PinFormat format, CharSequence pan) throws Tr31FormatException {
    int size = format.blockBytes();
    byte[] buf = format.aes() ? new byte[32] : new byte[16]; // constant sizes allocate faster
    if (!format.panBound()) {
      return buf;
    }
    int n = pan.length();
    int min = format.aes() ? 1 : MIN_PAN_DIGITS_FORMAT_0_3;
    if (n < min || n > MAX_PAN_DIGITS) {
      throw new Tr31FormatException(ErrorCode.PAN_INVALID, -1, "length " + n);
    }
    // The PAN as a string of nibbles, one per digit, in two registers: its last 16 digits, and
    // the ones before (at most 3).
    int split = Math.max(0, n - 16);
    long tail = nibbles(pan, 0, split);
    long head = nibbles(pan, split, n);
    long high; // the field's first 8 bytes
    long low = 0; // format 4's last 8
    if (format.aes()) {
      // 9.4.2: nibble 0 is the PAN length - 12 (0 below 12), then the PAN padded to m >= 12 digits
      // with zeros on the left, then zeros: the PAN shifted left by 124 - 4m bits in 128.
      int m = Math.max(n, 12);
      int by = 124 - 4 * m; // 48 to 76; 64 and more only when the PAN has 15 digits or fewer
      if (by >= 64) {
        high = head << (by - 64);
      } else {
        high = tail << by | head >>> (64 - by);
        low = head << by;
      }
      high |= (long) (m - 12) << 60;
    } else {
      // 9.3.2: four zero nibbles, then the 12 digits before the check digit.
      high = (head >>> 4) & 0xFFFF_FFFF_FFFFL;
    }
    for (int k = 0; k < 8; k++) {
      buf[size + k] = (byte) (high >>> (56 - 8 * k));
    }
    for (int k = 8; k < size; k++) {
      buf[size + k] = (byte) (low >>> (120 - 8 * k));
    }
    return buf;
  }

  /**
   * The digits {@code pan[from..to)}, at most 16, as a string of nibbles, the last one lowest.
   *
   * @throws Tr31FormatException {@link ErrorCode#PAN_INVALID} for a character other than {@code
   *     0}-{@code 9}
   */
  private static long nibbles(CharSequence pan, int from, int to) throws Tr31FormatException {
    long nibbles = 0;
    int bad = 0;
    for (int i = from; i < to; i++) {
      int d = pan.charAt(i) - '0';
      bad |= d | (9 - d);
      nibbles = nibbles << 4 | (d & 0xF);
    }
    if (bad < 0) {
      throw new Tr31FormatException(ErrorCode.PAN_INVALID, -1, "not decimal");
    }
    return nibbles;
  }

  /**
   * The clear PIN block of formats 0, 1 and 3 (before the PAN field is XORed in), or the plain PIN
   * field of format 4: control, length, digits, then the format's fill from {@code random}. The
   * PIN passed {@link #checkPin}; the caller wipes the block. When {@code random} throws, the
   * block (which holds the digits by then) is wiped before the exception leaves.
   */
  static byte[] encode(PinFormat format, char[] pin, SecureRandom random) {
    byte[] block = new byte[format.blockBytes()];
    boolean done = false;
    try {
      setNibble(block, 0, format.control());
      setNibble(block, 1, pin.length);
      for (int i = 0; i < pin.length; i++) {
        setNibble(block, 2 + i, pin[i] - '0');
      }
      formatFill(format, block, 2 + pin.length, random);
      done = true;
      return block;
    } finally {
      if (!done) {
        Bytes.wipe(block); // the caller's SecureRandom threw after the digits were written
      }
    }
  }

  /** The format's fill of {@code block} from nibble {@code fillFrom} on (1, 3, 4: random). */
  private static void formatFill(
      PinFormat format, byte[] block, int fillFrom, SecureRandom random) {
    switch (format) {
      case ISO_0:
        fill(block, fillFrom, 0xF);
        break;
      case ISO_4:
        fill(block, fillFrom, 0xA);
        byte[] tail = new byte[8];
        random.nextBytes(tail);
        System.arraycopy(tail, 0, block, 8, 8);
        Bytes.wipe(tail);
        break;
      case ISO_1:
        byte[] any = new byte[8];
        random.nextBytes(any);
        for (int i = fillFrom; i < 16; i++) {
          setNibble(block, i, any[i >> 1] >> shift(i));
        }
        Bytes.wipe(any);
        break;
      case ISO_3:
        fillAtoF(block, fillFrom, random);
        break;
      default:
        throw new AssertionError(format);
    }
  }

  /**
   * Decodes a clear block of formats 0, 1, 3 (the PAN field already XORed out) or a format 4 PIN
   * field, at {@code block[off..)}, checked in full: control field, PIN length 4-12, decimal PIN
   * digits and the fill (all {@code F} for 0, any for 1, {@code A}-{@code F} for 3, all {@code A}
   * for 4). Every check is evaluated before the answer, which is the same for any failure: no
   * branch and no memory access depends on the block before it.
   *
   * @return the PIN as characters (the caller wipes them), or {@code null} when any check fails
   */
  static char[] decode(PinFormat format, byte[] block, int off) {
    long x = 0; // the 16 nibbles, nibble 0 in the top bits
    for (int k = 0; k < 8; k++) {
      x |= (block[off + k] & 0xFFL) << (56 - 8 * k);
    }
    int length = (int) (x >>> 56) & 0xF;
    // A check fails when its term is negative.
    long bad = -((int) (x >>> 60) ^ format.control());
    bad |= (length - MIN_PIN_DIGITS) | (MAX_PIN_DIGITS - length);
    // Nibbles 2-15 spread over bytes ("lanes") 1-7 of two words, one nibble per lane: even holds
    // nibble 2k in lane k, odd nibble 2k + 1. No sum below carries out of its lane.
    long even = (x >>> 4) & NIBBLES;
    long odd = x & NIBBLES;
    // The lanes of PIN digits (nibbles 2 to length + 1): even lanes 1 to (length + 1) / 2, odd
    // lanes 1 to length / 2. Length 15 would shift by 64, which Java takes as 0 (no PIN lane): it
    // fails the length check anyway.
    long pinEven = LANES & ~(LANES >>> (8 * ((length + 1) >> 1)));
    long pinOdd = LANES & ~(LANES >>> (8 * (length >> 1)));
    int low = format.fillLow();
    int high = format.fillHigh();
    bad |= -(lanesWrong(even, pinEven, low, high) | lanesWrong(odd, pinOdd, low, high));
    if (bad < 0) {
      return null;
    }
    char[] pin = new char[length];
    for (int i = 0; i < length; i++) {
      pin[i] = (char) ('0' + ((x >>> (52 - 4 * i)) & 0xF));
    }
    return pin;
  }

  /**
   * Bit 4 of a lane set where its nibble is a PIN digit above 9 or a fill digit outside {@code
   * [low, high]}: adding 6 carries into bit 4 exactly above 9, adding {@code 16 - low} exactly
   * from {@code low}, adding {@code 15 - high} exactly above {@code high}.
   */
  private static long lanesWrong(long lanes, long pin, int low, int high) {
    long over9 = (lanes + 6 * LANE) & BIT4;
    long belowLow = ~(lanes + (16 - low) * LANE) & BIT4;
    long overHigh = (lanes + (15 - high) * LANE) & BIT4;
    return (pin & over9) | (~pin & LANES & (belowLow | overHigh));
  }

  private static void fill(byte[] block, int from, int nibble) {
    for (int i = from; i < 16; i++) {
      setNibble(block, i, nibble);
    }
  }

  /** Random nibbles {@code A}-{@code F}, unbiased: bytes from 252 up are drawn again. */
  private static void fillAtoF(byte[] block, int from, SecureRandom random) {
    byte[] r = new byte[16];
    int used = r.length;
    try {
      for (int i = from; i < 16; i++) {
        int b;
        do {
          if (used == r.length) {
            random.nextBytes(r);
            used = 0;
          }
          b = r[used++] & 0xFF;
        } while (b >= 252);
        setNibble(block, i, 0xA + b % 6);
      }
    } finally {
      Bytes.wipe(r);
    }
  }

  static void setNibble(byte[] b, int i, int v) {
    int shift = shift(i);
    b[i >> 1] = (byte) ((b[i >> 1] & ~(0xF << shift)) | ((v & 0xF) << shift));
  }

  /** Nibble {@code i}'s bit offset in its byte: 4 for the high (even) nibble, 0 for the low. */
  private static int shift(int i) {
    return (~i & 1) << 2;
  }
}
