/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.pin;

import io.tr31.ErrorCode;
import io.tr31.Tr31FormatException;
import io.tr31.internal.Bytes;
import java.security.SecureRandom;

/**
 * The clear ISO 9564-1 PIN blocks and fields: encode from PIN digits, decode back with every check,
 * and the PAN fields. Package-private: callers see only enciphered blocks.
 *
 * <p>PIN digits travel as a {@code byte[]} of values 0-9 that the caller wipes; every temporary
 * holding digits is wiped here. {@link #decode} evaluates every check before it answers and
 * answers one way for any failure ({@code null}), so the caller can raise one error.
 */
final class ClearBlocks {
  static final int MIN_PIN_DIGITS = 4;
  static final int MAX_PIN_DIGITS = 12;
  /** The longest PAN (ISO/IEC 7812-1). */
  static final int MAX_PAN_DIGITS = 19;
  /** Formats 0 and 3 take the 12 rightmost digits without the check digit: 13 digits at least. */
  static final int MIN_PAN_DIGITS_FORMAT_0_3 = 13;

  private ClearBlocks() {}

  /**
   * The PIN as digit values, checked: 4 to 12 characters {@code 0}-{@code 9}. The caller wipes the
   * result.
   *
   * @throws Tr31FormatException {@link ErrorCode#PIN_INVALID}, no offset and no digit named
   */
  static byte[] pinDigits(char[] pin) throws Tr31FormatException {
    if (pin.length < MIN_PIN_DIGITS || pin.length > MAX_PIN_DIGITS) {
      throw new Tr31FormatException(ErrorCode.PIN_INVALID, -1);
    }
    byte[] digits = new byte[pin.length];
    int bad = 0;
    for (int i = 0; i < pin.length; i++) {
      int d = pin[i] - '0';
      bad |= d | (9 - d);
      digits[i] = (byte) d;
    }
    if (bad < 0) {
      Bytes.wipe(digits);
      throw new Tr31FormatException(ErrorCode.PIN_INVALID, -1);
    }
    return digits;
  }

  /**
   * The PAN field XORed into the clear block, from a PAN checked against what {@code format}
   * allows: for formats 0 and 3 (13-19 digits), four zero nibbles and the 12 rightmost PAN digits
   * excluding the check digit (9.3.2); for format 4 (1-19 digits), the PAN length minus 12 (0 when
   * shorter, the PAN then left-padded with zeros to 12 digits), the PAN and zero nibbles to 16
   * bytes (9.4.2). The caller wipes the result.
   *
   * @throws Tr31FormatException {@link ErrorCode#PAN_INVALID}
   */
  static byte[] panField(PinFormat format, CharSequence pan) throws Tr31FormatException {
    int n = pan.length();
    int min = format.aes() ? 1 : MIN_PAN_DIGITS_FORMAT_0_3;
    if (n < min || n > MAX_PAN_DIGITS) {
      throw new Tr31FormatException(ErrorCode.PAN_INVALID, -1, "length " + n);
    }
    byte[] field = new byte[format.blockBytes()];
    int from;
    int to;
    int at;
    if (format.aes()) {
      int padded = Math.max(n, 12);
      setNibble(field, 0, padded - 12);
      from = 0;
      to = n;
      at = 1 + padded - n;
    } else {
      from = n - 13;
      to = n - 1;
      at = 4;
    }
    int bad = 0;
    for (int i = 0; i < n; i++) {
      int d = pan.charAt(i) - '0';
      bad |= d | (9 - d);
      if (i >= from && i < to) {
        setNibble(field, at + i - from, d);
      }
    }
    if (bad < 0) {
      Bytes.wipe(field);
      throw new Tr31FormatException(ErrorCode.PAN_INVALID, -1, "not decimal");
    }
    return field;
  }

  /**
   * The clear PIN block of formats 0, 1 and 3 (before the PAN field is XORed in), or the plain PIN
   * field of format 4: control, length, digits, then the format's fill from {@code random}.
   */
  static byte[] encode(PinFormat format, byte[] digits, SecureRandom random) {
    byte[] block = new byte[format.blockBytes()];
    setNibble(block, 0, format.control());
    setNibble(block, 1, digits.length);
    for (int i = 0; i < digits.length; i++) {
      setNibble(block, 2 + i, digits[i]);
    }
    int fillFrom = 2 + digits.length;
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
          setNibble(block, i, any[i >> 1] >> ((i & 1) == 0 ? 4 : 0));
        }
        Bytes.wipe(any);
        break;
      case ISO_3:
        fillAtoF(block, fillFrom, random);
        break;
      default:
        throw new AssertionError(format);
    }
    return block;
  }

  /**
   * Decodes a clear block of formats 0, 1, 3 (the PAN field already XORed out) or a format 4 PIN
   * field: control field, PIN length 4-12, decimal PIN digits and the fill (all {@code F} for 0,
   * any for 1, {@code A}-{@code F} for 3, all {@code A} for 4) are all checked before the answer.
   *
   * @return the PIN digits (the caller wipes them), or {@code null} when any check fails
   */
  static byte[] decode(PinFormat format, byte[] block) {
    int length = nibble(block, 1);
    // A check fails when its term is negative; every nibble is examined whatever the length, with
    // no early exit on the first failure.
    int bad = -(nibble(block, 0) ^ format.control());
    bad |= (length - MIN_PIN_DIGITS) | (MAX_PIN_DIGITS - length);
    int low = format.fillLow();
    int high = format.fillHigh();
    for (int i = 2; i < 16; i++) {
      int n = nibble(block, i);
      // inPin is -1 (all ones) at a PIN digit position, 0 at a fill position.
      int inPin = (i - 2 - length) >> 31;
      bad |= (inPin & (9 - n)) | (~inPin & ((n - low) | (high - n)));
    }
    if (bad < 0) {
      return null;
    }
    byte[] pin = new byte[length];
    for (int i = 0; i < length; i++) {
      pin[i] = (byte) nibble(block, 2 + i);
    }
    return pin;
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

  static int nibble(byte[] b, int i) {
    return (b[i >> 1] >> ((i & 1) == 0 ? 4 : 0)) & 0xF;
  }

  static void setNibble(byte[] b, int i, int v) {
    int shift = (i & 1) == 0 ? 4 : 0;
    b[i >> 1] = (byte) ((b[i >> 1] & ~(0xF << shift)) | ((v & 0xF) << shift));
  }
}
