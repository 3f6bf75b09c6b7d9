/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.pin;

import io.tr31.ErrorCode;
import io.tr31.Tr31Exception;
import io.tr31.Tr31FormatException;
import io.tr31.Tr31VerificationException;

/**
 * The plain reference of {@link PinKey#decipher}, written straight from ISO 9564-1 the way the
 * library did it before the speed round (a fresh PAN field, two separate decryptions, a fresh
 * clear block): BouncyCastle's AES and TDES for the cipher, and its own PAN field encoding and
 * check of the clear block, so that the differential property shares no code with the fast path
 * it checks.
 */
final class ReferencePinDecipher {
  private ReferencePinDecipher() {}

  /**
   * Deciphers {@code pinBlock} under {@code key} (AES for format 4, TDES otherwise) and checks it:
   * the PIN, or {@link ErrorCode#PIN_BLOCK_LENGTH}, {@link ErrorCode#PAN_INVALID} or the one
   * {@link ErrorCode#PIN_BLOCK_VERIFICATION_FAILED}, in that order.
   */
  static char[] decipher(PinFormat format, byte[] key, byte[] pinBlock, CharSequence pan)
      throws Tr31Exception {
    if (pinBlock.length != format.blockBytes()) {
      throw new Tr31FormatException(ErrorCode.PIN_BLOCK_LENGTH, -1);
    }
    byte[] panField = format.panBound() ? panField(format, pan) : new byte[pinBlock.length];
    byte[] block = PinTestKeys.ecb(format.aes(), false, key, pinBlock);
    for (int i = 0; i < block.length; i++) {
      block[i] ^= panField[i];
    }
    if (format.aes()) {
      block = PinTestKeys.ecb(true, false, key, block);
    }
    int length = nibble(block, 1);
    boolean ok = nibble(block, 0) == format.control() && length >= 4 && length <= 12;
    for (int i = 2; i < 16; i++) {
      int n = nibble(block, i);
      ok &= i < 2 + length ? n <= 9 : n >= format.fillLow() && n <= format.fillHigh();
    }
    if (!ok) {
      throw new Tr31VerificationException(ErrorCode.PIN_BLOCK_VERIFICATION_FAILED);
    }
    char[] pin = new char[length];
    for (int i = 0; i < length; i++) {
      pin[i] = (char) ('0' + nibble(block, 2 + i));
    }
    return pin;
  }

  /** ISO 9564-1 9.3.2 (formats 0, 3: 13-19 digits) and 9.4.2 (format 4: 1-19 digits). */
  static byte[] panField(PinFormat format, CharSequence pan) throws Tr31Exception {
    int n = pan.length();
    if (n < (format.aes() ? 1 : 13) || n > 19) {
      throw new Tr31FormatException(ErrorCode.PAN_INVALID, -1);
    }
    for (int i = 0; i < n; i++) {
      if (pan.charAt(i) < '0' || pan.charAt(i) > '9') {
        throw new Tr31FormatException(ErrorCode.PAN_INVALID, -1);
      }
    }
    StringBuilder hex = new StringBuilder();
    if (format.aes()) {
      hex.append(Integer.toHexString(Math.max(n, 12) - 12));
      for (int i = n; i < 12; i++) {
        hex.append('0');
      }
      hex.append(pan);
      while (hex.length() < 32) {
        hex.append('0');
      }
    } else {
      hex.append("0000").append(pan, n - 13, n - 1);
    }
    return PinTestKeys.hex(hex.toString());
  }

  private static int nibble(byte[] b, int i) {
    return (b[i >> 1] >> ((i & 1) == 0 ? 4 : 0)) & 0xF;
  }
}
