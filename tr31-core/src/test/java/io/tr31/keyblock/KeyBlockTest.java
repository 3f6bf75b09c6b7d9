/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31FormatException;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Bad input to {@link KeyBlock#parse}: each with its own code and offset. */
class KeyBlockTest {
  /** TR-31:2018 A.7.4 (version D, AES-128 PIN key). */
  private static final String D_BLOCK =
      "D0112P0AE00E0000B82679114F470F540165EDFBF7E250FCEA43F810D215F8D207E2E417C07156A2"
          + "7E8E31DA05F7425509593D03A457DC34";

  private static Tr31FormatException reject(CharSequence s, Profile p) {
    return assertThrows(Tr31FormatException.class, () -> KeyBlock.parse(s, p));
  }

  private static void assertRejected(CharSequence s, ErrorCode code, int offset) {
    Tr31FormatException e = reject(s, Profile.STRICT);
    assertEquals(code, e.code(), e::getMessage);
    assertEquals(offset, e.offset(), e::getMessage);
  }

  /** {@link #D_BLOCK} with character {@code i} replaced by {@code c}. */
  private static String at(int i, char c) {
    return D_BLOCK.substring(0, i) + c + D_BLOCK.substring(i + 1);
  }

  @Test
  void parse_validSample_exposesPartsAsCopies() throws Exception {
    KeyBlock b = KeyBlock.parse(D_BLOCK, Profile.STRICT);
    assertEquals(16, b.payloadOffset());
    assertEquals(32, b.encryptedPayload().length);
    assertEquals(16, b.mac().length);
    b.mac()[0] ^= 1;
    assertEquals(KeyBlock.parse(D_BLOCK, Profile.STRICT).mac()[0], b.mac()[0]);
    assertEquals("D0112P0AE00E0000", b.headerText());
  }

  @Test
  void parse_null_throwsCheckedNullInput() {
    assertRejected(null, ErrorCode.NULL_INPUT, -1);
  }

  @Test
  void parse_empty_throwsEmptyInput() {
    assertRejected("", ErrorCode.EMPTY_INPUT, 0);
  }

  @Test
  void parse_tenMegabytes_rejectedBeforeReading() {
    // A CharSequence that fails if anything but length() is called: proves O(1) rejection.
    CharSequence huge =
        new CharSequence() {
          @Override
          public int length() {
            return 10_000_000;
          }

          @Override
          public char charAt(int index) {
            throw new AssertionError("read character " + index);
          }

          @Override
          public CharSequence subSequence(int start, int end) {
            throw new AssertionError("subSequence");
          }
        };
    assertRejected(huge, ErrorCode.INPUT_TOO_LONG, 9999);
    assertRejected("D".repeat(10_000_000), ErrorCode.INPUT_TOO_LONG, 9999);
  }

  @Test
  void parse_controlCharacter_throwsInvalidCharacterAtItsOffset() {
    assertRejected(
        D_BLOCK.substring(0, 40) + "\n" + D_BLOCK.substring(41), ErrorCode.INVALID_CHARACTER, 40);
  }

  @Test
  void parse_lengthFieldDisagreeing_throwsLengthMismatch() {
    assertRejected("D0128" + D_BLOCK.substring(5), ErrorCode.LENGTH_MISMATCH, 1);
    assertRejected(D_BLOCK + "00", ErrorCode.LENGTH_MISMATCH, 1);
  }

  @Test
  void parse_nonHexPayload_throwsInvalidHex() {
    String bad = D_BLOCK.substring(0, 20) + "G" + D_BLOCK.substring(21);
    assertRejected(bad, ErrorCode.INVALID_HEX, 20);
  }

  @Test
  void parse_lowerCaseHex_strictRejectsLenientAcceptsWithWarning() throws Exception {
    String lower = D_BLOCK.substring(0, 16) + D_BLOCK.substring(16).toLowerCase();
    assertRejected(lower, ErrorCode.LOWERCASE_HEX, 16);
    KeyBlock b = KeyBlock.parse(lower, Profile.LENIENT);
    assertTrue(b.warnings().get(0).contains("lower-case"));
    assertEquals(
        java.util.Arrays.toString(KeyBlock.parse(D_BLOCK, Profile.STRICT).mac()),
        java.util.Arrays.toString(b.mac()));
  }

  @Test
  void parse_optionalBlockCountLying_throwsTruncated() {
    // count says 1 but the payload follows: read as a "block" B8 of length 0x26, not a known ID
    assertRejected(
        "D0112P0AE00E0100" + D_BLOCK.substring(16), ErrorCode.INVALID_OPTIONAL_BLOCK_ID, 16);
    assertRejected("D0016P0AE00E0200", ErrorCode.OPTIONAL_BLOCK_TRUNCATED, 16);
  }

  @Test
  void parse_optionalBlockLengthLying_throwsTruncated() {
    assertRejected("D0024P0AE00E0100KSFF012345", ErrorCode.OPTIONAL_BLOCK_TRUNCATED, 18);
  }

  @Test
  void parse_extendedLengthOverflow_throwsExtendedLengthOverflow() {
    assertRejected("D0032P0AE00E0100KS0004FFFF000000", ErrorCode.EXTENDED_LENGTH_OVERFLOW, 22);
    assertRejected("D0032P0AE00E0100KS0008FFFF000000", ErrorCode.EXTENDED_LENGTH_OVERFLOW, 20);
  }

  @Test
  void parse_duplicateBlock_throwsDuplicate() {
    assertRejected("D0032P0AE00E0200LB080000LB080000", ErrorCode.DUPLICATE_OPTIONAL_BLOCK, 24);
  }

  @Test
  void parse_paddingNotLast_throwsPaddingNotLast() {
    assertRejected("D0032P0AE00E0200PB080000LB080000", ErrorCode.PADDING_BLOCK_NOT_LAST, 16);
  }

  @Test
  void parse_badTimestamp_throwsInvalidData() {
    assertRejected("D0032P0AE00E0100TS0Cnotatime", ErrorCode.INVALID_OPTIONAL_BLOCK_DATA, 20);
    assertRejected(
        "D0048P0AE00E0100TS1320191317181929Z", ErrorCode.INVALID_OPTIONAL_BLOCK_DATA, 20);
  }

  @Test
  void parse_headerNotAligned_throwsNotAligned() {
    String kb = "D0128P0AE00E0100LB08ABCD" + D_BLOCK.substring(16) + "00000000";
    assertRejected(kb.substring(0, 128), ErrorCode.HEADER_NOT_BLOCK_ALIGNED, 24);
  }

  @Test
  void parse_payloadEmptyOrUnaligned_throwsInvalidPayloadLength() {
    assertRejected("D0048P0AE00E0000" + "0".repeat(32), ErrorCode.INVALID_PAYLOAD_LENGTH, 16);
    assertRejected("D0064P0AE00E0000" + "0".repeat(48), ErrorCode.INVALID_PAYLOAD_LENGTH, 16);
  }

  @Test
  void parse_versionE_acceptsUnpaddedPayload() throws Exception {
    // ISO 20038:2017 B.2
    KeyBlock b =
        KeyBlock.parse(
            "E0084B0TV16N0000B2AE5E26BBA7F246E84D5EA24167E208A6B66EF2E27E55A52DB52F0AEACB94C57547",
            Profile.STRICT);
    assertEquals(18, b.encryptedPayload().length);
  }

  @Test
  void parse_reservedNotZero_throwsInvalidReserved() {
    assertRejected(
        "D0112P0AE00E0001" + D_BLOCK.substring(16), ErrorCode.INVALID_RESERVED_FIELD, 15);
  }

  @Test
  void parse_incompatibleAttributes_strictRejectsLenientWarns() throws Exception {
    String pinMac = "D0112P0AC00E0000" + D_BLOCK.substring(16);
    assertRejected(pinMac, ErrorCode.INCOMPATIBLE_KEY_ATTRIBUTES, 5);
    assertTrue(KeyBlock.parse(pinMac, Profile.LENIENT).warnings().get(0).contains("P0"));
  }

  @Test
  void parse_headerNotAlignedButPayloadAndMacLengthsValid_throwsNotAligned() {
    // 24-character header, 32-byte payload, 16-byte MAC: only the alignment rule is broken, so
    // the strict fast path must refuse it too.
    String kb = "D0120P0AE00E0100LB08ABCD" + D_BLOCK.substring(16);
    assertEquals(120, kb.length());
    assertRejected(kb, ErrorCode.HEADER_NOT_BLOCK_ALIGNED, 24);
    assertEquals(ErrorCode.HEADER_NOT_BLOCK_ALIGNED, reject(kb, Profile.LENIENT).code());
  }

  @Test
  void parse_9999Characters_isReadAndRefusedOnItsContent_10000IsTooLong() {
    String max = "D9999P0AE00E0000" + "0".repeat(9999 - 16);
    // Declared length and alignment fit; 9951 payload characters are odd.
    assertRejected(max, ErrorCode.INVALID_PAYLOAD_LENGTH, 16);
    assertRejected(max + "0", ErrorCode.INPUT_TOO_LONG, 9999);
  }

  @Test
  void parse_spaceAndTildeInTheFixedHeader_areFieldErrorsNotCharacterErrors() {
    // 0x20 and 0x7E are printable ASCII: the field's own rule reports them.
    assertRejected(" " + D_BLOCK.substring(1), ErrorCode.INVALID_VERSION, 0);
    assertRejected("~" + D_BLOCK.substring(1), ErrorCode.INVALID_VERSION, 0);
    assertRejected(at(7, ' '), ErrorCode.INVALID_ALGORITHM, 7);
    assertRejected(at(11, '~'), ErrorCode.INVALID_EXPORTABILITY, 11);
    assertRejected(at(8, (char) 0x7F), ErrorCode.INVALID_CHARACTER, 8);
    assertRejected(at(9, (char) 0x1F), ErrorCode.INVALID_CHARACTER, 9);
  }

  @Test
  void headerParse_nonAsciiInTheFixedHeader_throwsInvalidCharacterAtItsOffset() {
    for (int i = 0; i < 16; i++) {
      for (char c : new char[] {0x00, 0x1F, 0x7F, 0xE9}) {
        String h = "D0112P0AE00E0000".substring(0, i) + c + "D0112P0AE00E0000".substring(i + 1);
        Tr31FormatException e =
            assertThrows(Tr31FormatException.class, () -> KeyBlockHeader.parse(h, Profile.LENIENT));
        assertEquals(ErrorCode.INVALID_CHARACTER, e.code(), h);
        assertEquals(i, e.offset(), h);
      }
    }
  }

  @Test
  void parse_lenientLowerCaseHex_warningNamesTheFirstLowerCaseOffset() throws Exception {
    // D_BLOCK's MAC (offset 80 on) has its first letter at 81 ("7E8E..." -> "7e8e...").
    String lowerMac = D_BLOCK.substring(0, 80) + D_BLOCK.substring(80).toLowerCase();
    assertEquals(
        java.util.List.of("lower-case hex in payload or MAC from offset 81 (tolerated)"),
        KeyBlock.parse(lowerMac, Profile.LENIENT).warnings());
    assertEquals(java.util.List.of(), KeyBlock.parse(D_BLOCK, Profile.LENIENT).warnings());
    assertEquals(D_BLOCK, KeyBlock.parse(D_BLOCK, Profile.LENIENT).text());
  }

  @Test
  void parse_versionE_threePayloadBytesAreTheMinimum() throws Exception {
    // ISO 20038 (CTR, no padding): the 2-byte length field and at least one key byte.
    String mac = "0".repeat(32);
    KeyBlock three = KeyBlock.parse("E0054B0TV16N0000" + "ABCDEF" + mac, Profile.STRICT);
    assertEquals(3, three.encryptedPayload().length);
    assertRejected("E0052B0TV16N0000" + "ABCD" + mac, ErrorCode.INVALID_PAYLOAD_LENGTH, 16);
    assertRejected("E0053B0TV16N0000" + "ABCDE" + mac, ErrorCode.INVALID_PAYLOAD_LENGTH, 16);
  }
}
