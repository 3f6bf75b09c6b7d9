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

  @Test
  void decode_everyCharacter_acceptsExactlyHexDigits() throws Exception {
    for (char c = 0; c < 0x180; c++) {
      String s = "0" + c;
      boolean upper = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
      boolean lower = c >= 'a' && c <= 'f';
      if (upper) {
        assertArrayEquals(new byte[] {(byte) Character.digit(c, 16)}, Hex.decode(s, 0, 2, false));
      } else if (lower) {
        Tr31FormatException e =
            assertThrows(Tr31FormatException.class, () -> Hex.decode(s, 0, 2, false));
        assertEquals(ErrorCode.LOWERCASE_HEX, e.code());
        assertEquals(1, e.offset());
        assertArrayEquals(new byte[] {(byte) Character.digit(c, 16)}, Hex.decode(s, 0, 2, true));
      } else {
        Tr31FormatException e =
            assertThrows(Tr31FormatException.class, () -> Hex.decode(s, 0, 2, true));
        assertEquals(ErrorCode.INVALID_HEX, e.code());
        assertEquals(1, e.offset());
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
}
