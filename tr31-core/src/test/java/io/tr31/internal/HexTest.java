/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tr31.ErrorCode;
import io.tr31.Tr31FormatException;
import org.junit.jupiter.api.Test;

class HexTest {
  @Test
  void encode_allByteValues_matchesJdkFormat() {
    byte[] all = new byte[256];
    for (int i = 0; i < 256; i++) {
      all[i] = (byte) i;
    }
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 256; i++) {
      expected.append(String.format("%02X", i));
    }
    assertEquals(expected.toString(), Hex.encode(all));
  }

  private interface Decoder {
    byte[] decode(String s, boolean allowLowerCase) throws Tr31FormatException;
  }

  /** A decoder and how far its error offsets are shifted from the digit's index. */
  private record Case(Decoder decoder, int shift) {}

  /** The branch-free decoder and both table decoders (text and char[] from an offset). */
  private static final Case[] DECODERS = {
    new Case((s, lower) -> Hex.decode(s, 0, s.length(), lower), 0),
    new Case((s, lower) -> Hex.decodePublic("x" + s, 1, s.length() + 1, lower), 1),
    new Case((s, lower) -> Hex.decodePublic(("xy" + s).toCharArray(), 2, s.length(), lower), 0),
  };

  @Test
  void decode_everyCharacterInEitherPosition_acceptsExactlyHexDigits() throws Exception {
    // Up to 0x17F: characters above ASCII whose low seven bits are a hex digit included.
    for (char c = 0; c < 0x180; c++) {
      boolean upper = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
      boolean lower = c >= 'a' && c <= 'f';
      for (int position = 0; position < 2; position++) {
        String s = position == 0 ? c + "0" : "0" + c;
        byte value = (byte) (Character.digit(c, 16) << (position == 0 ? 4 : 0));
        for (Case k : DECODERS) {
          Decoder d = k.decoder();
          String where = (int) c + " at " + position;
          if (upper) {
            assertArrayEquals(new byte[] {value}, d.decode(s, false), where);
          } else if (lower) {
            Tr31FormatException e =
                assertThrows(Tr31FormatException.class, () -> d.decode(s, false), where);
            assertEquals(ErrorCode.LOWERCASE_HEX, e.code());
            assertEquals(position + k.shift(), e.offset(), where);
            assertArrayEquals(new byte[] {value}, d.decode(s, true), where);
          } else {
            Tr31FormatException e =
                assertThrows(Tr31FormatException.class, () -> d.decode(s, true), where);
            assertEquals(ErrorCode.INVALID_HEX, e.code());
            assertEquals(position + k.shift(), e.offset(), where);
          }
        }
        byte[] ascii = {(byte) s.charAt(0), (byte) s.charAt(1)};
        if (c < 0x80 && (upper || lower)) {
          assertArrayEquals(new byte[] {value}, Hex.decodePublicAsciiOrNull(ascii, 0, 2));
        } else if (c < 0x100) {
          assertNull(Hex.decodePublicAsciiOrNull(ascii, 0, 2), (int) c + " at " + position);
        }
      }
    }
  }

  @Test
  void decode_oddLength_throwsOddHexLengthAtEnd() {
    Tr31FormatException e =
        assertThrows(Tr31FormatException.class, () -> Hex.decode("xxABC", 2, 5, false));
    assertEquals(ErrorCode.ODD_HEX_LENGTH, e.code());
    assertEquals(5, e.offset());
  }

  @Test
  void decode_firstRejectedCharacter_isReportedAfterEveryBoundaryDigit() {
    // Each range boundary ('0', '9', 'A', 'F', 'a', 'f') precedes the offending character.
    Tr31FormatException e =
        assertThrows(Tr31FormatException.class, () -> Hex.decode("09AFaf:0", 0, 8, true));
    assertEquals(ErrorCode.INVALID_HEX, e.code());
    assertEquals(6, e.offset());
    e = assertThrows(Tr31FormatException.class, () -> Hex.decode("09AFaf", 0, 6, false));
    assertEquals(ErrorCode.LOWERCASE_HEX, e.code());
    assertEquals(4, e.offset());
    e = assertThrows(Tr31FormatException.class, () -> Hex.decodePublic("x09AFf/", 1, 7, true));
    assertEquals(ErrorCode.INVALID_HEX, e.code());
    assertEquals(6, e.offset());
  }

  @Test
  void decodePublicAsciiOrNull_decodesEitherCaseAndRefusesWithNull() {
    byte[] ascii = "--09afAF--".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertArrayEquals(
        new byte[] {0x09, (byte) 0xAF, (byte) 0xAF}, Hex.decodePublicAsciiOrNull(ascii, 2, 6));
    assertArrayEquals(new byte[0], Hex.decodePublicAsciiOrNull(ascii, 2, 0));
    assertNull(Hex.decodePublicAsciiOrNull(ascii, 2, 5));
    assertNull(Hex.decodePublicAsciiOrNull(ascii, 1, 2));
    assertNull(Hex.decodePublicAsciiOrNull(new byte[] {'0', (byte) 0xB0}, 0, 2));
  }

  @Test
  void decodePublic_fromAnOffset_decodesOnlyTheRange() throws Exception {
    assertArrayEquals(new byte[] {0x0A}, Hex.decodePublic("x0A", 1, 3, false));
    assertArrayEquals(new byte[] {0x0A}, Hex.decodePublic("x0AB".toCharArray(), 1, 2, false));
  }

  @Test
  void encodePublicAsciiInto_writesUpperCaseHexBytesAtTheOffset() {
    byte[] src = {0x00, 0x09, (byte) 0xAF, (byte) 0xF0, 0x5C};
    byte[] dst = "..............".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    Hex.encodePublicAsciiInto(src, 1, 4, dst, 3);
    assertEquals("...09AFF05C...", new String(dst, java.nio.charset.StandardCharsets.US_ASCII));
    char[] chars = new char[10];
    Hex.encodeInto(src, 0, 5, chars, 0);
    assertEquals("0009AFF05C", new String(chars));
  }
}
