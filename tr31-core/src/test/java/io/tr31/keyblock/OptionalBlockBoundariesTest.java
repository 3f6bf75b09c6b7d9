/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31FormatException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The edges of the optional block API: exact lengths and offsets, the first and last allowed
 * character of each class, and the typed readers on the wrong block.
 */
class OptionalBlockBoundariesTest {
  private static Tr31FormatException parseError(String id, String data) {
    return assertThrows(Tr31FormatException.class, () -> OptionalBlock.parse(id, data));
  }

  private static Tr31FormatException blocksError(String text, Profile p) {
    return assertThrows(
        Tr31FormatException.class, () -> OptionalBlocks.parse(text, 0, text.length(), 1, p));
  }

  @Test
  void parse_untrustedIdAndData_validatedStrictly_withTheOffsetInTheData() throws Exception {
    assertEquals("LB08ABCD", OptionalBlock.parse("LB", "ABCD").toString());
    assertEquals(ErrorCode.INVALID_OPTIONAL_BLOCK_ID, parseError("ZZ", "ABCD").code());
    Tr31FormatException first = parseError("LB", "\tABC");
    assertEquals(ErrorCode.INVALID_OPTIONAL_BLOCK_DATA, first.code());
    assertEquals(0, first.offset());
    assertEquals(2, parseError("LB", "AB\u007FC").offset());
    assertEquals(ErrorCode.INVALID_OPTIONAL_BLOCK_DATA, parseError("IK", "XYZ").code());
    assertEquals(
        OptionalBlock.MAX_DATA_LENGTH,
        OptionalBlock.parse("LB", "L".repeat(OptionalBlock.MAX_DATA_LENGTH)).data().length());
    assertEquals(
        ErrorCode.INVALID_OPTIONAL_BLOCK_DATA,
        parseError("LB", "L".repeat(OptionalBlock.MAX_DATA_LENGTH + 1)).code());
  }

  @Test
  void of_validatesAsTheStrictParser() {
    assertThrows(IllegalArgumentException.class, () -> OptionalBlock.of(OptionalBlockId.IK, "XYZ"));
    assertThrows(
        IllegalArgumentException.class, () -> OptionalBlock.of(OptionalBlockId.LB, "\u001F"));
    assertThrows(
        IllegalArgumentException.class,
        () -> OptionalBlock.label("L".repeat(OptionalBlock.MAX_DATA_LENGTH + 1)));
    assertEquals(
        OptionalBlock.MAX_DATA_LENGTH,
        OptionalBlock.label("L".repeat(OptionalBlock.MAX_DATA_LENGTH)).data().length());
    assertThrows(IllegalArgumentException.class, () -> OptionalBlock.wrappingPedigree(4));
    assertThrows(IllegalArgumentException.class, () -> OptionalBlock.wrappingPedigree(-1));
    assertThrows(
        IllegalArgumentException.class, () -> OptionalBlock.of(OptionalBlockId.DA, "01P0TE"));
  }

  @Test
  void proprietaryIds_digitThenAlphanumeric() {
    assertEquals("0A", OptionalBlock.proprietary("0A", "").id());
    assertEquals("9z", OptionalBlock.proprietary("9z", "").id());
    for (String bad : new String[] {"/A", ":A", "AA", "1-", "1", "123"}) {
      assertThrows(IllegalArgumentException.class, () -> OptionalBlock.proprietary(bad, ""), bad);
    }
    assertThrows(IllegalArgumentException.class, () -> OptionalBlock.proprietary("10", "\t"));
    assertEquals(Optional.empty(), OptionalBlock.proprietary("10", "x").knownId());
  }

  @Test
  void typedReaders_onAnotherBlock_areEmpty() {
    OptionalBlock label = OptionalBlock.label("x");
    assertEquals(Optional.empty(), label.kcv());
    assertEquals(Optional.empty(), label.hmacHash());
    assertEquals(Optional.empty(), label.timestamp());
  }

  @Test
  void encoding_shortFormUpTo255Characters_thenExtended() {
    OptionalBlock longestShort = OptionalBlock.label("L".repeat(251));
    assertEquals(255, longestShort.encodedLengthChars());
    assertTrue(longestShort.toString().startsWith("LBFFLLL"));
    OptionalBlock shortestExtended = OptionalBlock.label("L".repeat(252));
    assertEquals(262, shortestExtended.encodedLengthChars());
    assertTrue(shortestExtended.toString().startsWith("LB00040106LLL"));
  }

  @Test
  void hexData_offsetOfTheFirstBadCharacter_lowerCaseAToFOnlyLenient() throws Exception {
    Tr31FormatException atStart = blocksError("IK14g234567890123456", Profile.STRICT);
    assertEquals(ErrorCode.INVALID_OPTIONAL_BLOCK_DATA, atStart.code());
    assertEquals(4, atStart.offset());
    assertEquals(11, blocksError("IK141234567G90123456", Profile.STRICT).offset());
    OptionalBlocks lenient =
        OptionalBlocks.parse("IK14a00000000000000f", 0, 20, 1, Profile.LENIENT);
    assertEquals("a00000000000000f", lenient.asList().get(0).data());
    assertEquals(1, lenient.warnings().size());
    assertEquals(4, blocksError("IK14`000000000000000", Profile.LENIENT).offset());
    assertEquals(19, blocksError("IK14a00000000000000g", Profile.LENIENT).offset());
  }

  @Test
  void kcvBlocks_methodAndLengthErrors_pointAtTheirField() throws Exception {
    assertEquals(4, blocksError("KC050", Profile.STRICT).offset()); // no method
    assertEquals(6, blocksError("KC0600", Profile.STRICT).offset()); // method, no KCV
    assertEquals(6, blocksError("KC0700A", Profile.STRICT).offset()); // half a byte
    assertEquals(4, blocksError("KC0A02ABCD", Profile.STRICT).offset()); // unknown method
  }

  @Test
  void parse_countIsACallerBugAbove99_aLyingCountIsAFormatError() throws Exception {
    assertThrows(
        IllegalArgumentException.class, () -> OptionalBlocks.parse("", 0, 0, 100, Profile.STRICT));
    assertThrows(
        IllegalArgumentException.class, () -> OptionalBlocks.parse("", 0, 0, -1, Profile.STRICT));
    assertThrows(
        IllegalArgumentException.class, () -> OptionalBlocks.parse("AB", 1, 0, 0, Profile.STRICT));
    assertThrows(
        IllegalArgumentException.class, () -> OptionalBlocks.parse("AB", 0, 3, 0, Profile.STRICT));
    assertThrows(
        IllegalArgumentException.class, () -> OptionalBlocks.parse("AB", -1, 2, 0, Profile.STRICT));
    Tr31FormatException e =
        assertThrows(
            Tr31FormatException.class, () -> OptionalBlocks.parse("", 0, 0, 99, Profile.STRICT));
    assertEquals(ErrorCode.OPTIONAL_BLOCK_TRUNCATED, e.code());
    assertEquals(0, OptionalBlocks.parse("AB", 2, 2, 0, Profile.STRICT).parsedLengthChars());
  }

  @Test
  void optionalBlocks_valueSemantics() throws Exception {
    OptionalBlocks one = OptionalBlocks.of(List.of(OptionalBlock.label("A")));
    OptionalBlocks same = OptionalBlocks.parse("LB05A", 0, 5, 1, Profile.STRICT);
    assertEquals(one, same);
    assertEquals(one.hashCode(), same.hashCode());
    assertNotEquals(one, OptionalBlocks.of(List.of(OptionalBlock.label("B"))));
    assertNotEquals(one, OptionalBlocks.empty());
    assertFalse(one.equals("LB05A"));
    assertFalse(one.isEmpty());
    assertTrue(OptionalBlocks.empty().isEmpty());
    assertEquals("LB05A", one.toString());
    assertEquals(-1, one.parsedLengthChars());
    assertEquals(5, same.parsedLengthChars());
    assertEquals(one, one.without("KS"));
    assertEquals(OptionalBlocks.empty(), one.without("LB"));
    assertEquals(OptionalBlock.label("A"), same.get("LB").get());
    assertFalse(same.get(OptionalBlockId.KS).isPresent());
    assertNotEquals(OptionalBlock.label("A"), OptionalBlock.label("B"));
    assertNotEquals(OptionalBlock.label("A"), OptionalBlock.proprietary("1A", "A"));
    assertFalse(OptionalBlock.label("A").equals("LB05A"));
  }

  @Test
  void eachIdAndHash_namesItsMeaning() {
    for (OptionalBlockId id : OptionalBlockId.values()) {
      assertFalse(id.meaning().isBlank(), id.name());
      assertEquals(id, OptionalBlockId.fromCode(id.code()));
    }
    for (HashAlgorithm h : HashAlgorithm.values()) {
      assertFalse(h.standardName().isBlank(), h.name());
      assertEquals(h, HashAlgorithm.fromCode(h.code()));
    }
    assertEquals("SHA-256", HashAlgorithm.SHA_256.standardName());
    assertEquals("Label", OptionalBlockId.LB.meaning());
  }

  private static Tr31FormatException blocksError(String text, int count, Profile p) {
    return assertThrows(
        Tr31FormatException.class, () -> OptionalBlocks.parse(text, 0, text.length(), count, p));
  }

  @Test
  void lengths_checkedAgainstTheRemainingInput_ofTheSecondBlockToo() throws Exception {
    // The second block starts at 5: its length is compared with what remains after it (15), not
    // with the whole text.
    Tr31FormatException ext = blocksError("LB05ALB00040010ABCDE", 2, Profile.STRICT);
    assertEquals(ErrorCode.EXTENDED_LENGTH_OVERFLOW, ext.code());
    assertEquals(11, ext.offset());
    Tr31FormatException shortLen = blocksError("LB05ALB10ABCDE", 2, Profile.STRICT);
    assertEquals(ErrorCode.OPTIONAL_BLOCK_TRUNCATED, shortLen.code());
    assertEquals(7, shortLen.offset());
    assertEquals(
        "ABCDE",
        OptionalBlocks.parse("LB05AFL0004000FABCDE", 0, 20, 2, Profile.STRICT)
            .asList()
            .get(1)
            .data());
  }

  @Test
  void lengths_smallestAllowed_andTheOffsetOfATooSmallOne() throws Exception {
    assertEquals("", OptionalBlocks.parse("LB04", 0, 4, 1, Profile.STRICT).asList().get(0).data());
    Tr31FormatException tooShort = blocksError("LB03", 1, Profile.STRICT);
    assertEquals(ErrorCode.INVALID_OPTIONAL_BLOCK_LENGTH, tooShort.code());
    assertEquals(2, tooShort.offset());
    assertTrue(tooShort.getMessage().contains("LB"), tooShort.getMessage());
    assertEquals(
        "", OptionalBlocks.parse("LB0004000A", 0, 10, 1, Profile.STRICT).asList().get(0).data());
    Tr31FormatException extTooShort = blocksError("LB00040009", 1, Profile.STRICT);
    assertEquals(ErrorCode.INVALID_OPTIONAL_BLOCK_LENGTH, extTooShort.code());
    assertEquals(6, extTooShort.offset());
  }

  @Test
  void ids_twoPrintableAlphanumerics_truncationAtTheLengthField() throws Exception {
    Tr31FormatException control = blocksError("L\u000104", 1, Profile.LENIENT);
    assertEquals(ErrorCode.INVALID_CHARACTER, control.code());
    assertEquals(1, control.offset());
    Tr31FormatException dash = blocksError("L-04", 1, Profile.LENIENT);
    assertEquals(ErrorCode.INVALID_OPTIONAL_BLOCK_ID, dash.code());
    assertEquals(0, dash.offset());
    Tr31FormatException idOnly = blocksError("LB", 1, Profile.STRICT);
    assertEquals(ErrorCode.OPTIONAL_BLOCK_TRUNCATED, idOnly.code());
    assertEquals(2, idOnly.offset());
    assertEquals(0, blocksError("L", 1, Profile.STRICT).offset());
  }

  @Test
  void proprietaryIds_firstDigit0To9_onlyLenient() throws Exception {
    for (String id : new String[] {"0A", "9Z"}) {
      OptionalBlocks b = OptionalBlocks.parse(id + "04", 0, 4, 1, Profile.LENIENT);
      assertEquals(id, b.asList().get(0).id());
      assertEquals(1, b.warnings().size());
      assertEquals(
          ErrorCode.INVALID_OPTIONAL_BLOCK_ID, blocksError(id + "04", 1, Profile.STRICT).code());
    }
    assertEquals(
        ErrorCode.INVALID_OPTIONAL_BLOCK_ID, blocksError("AZ04", 1, Profile.LENIENT).code());
  }

  @Test
  void timestamps_yearsZeroTo9999_areWritten() {
    assertEquals(
        "TC1399991231235959Z",
        OptionalBlock.timestamp(OptionalBlockId.TC, java.time.Instant.parse("9999-12-31T23:59:59Z"))
            .toString());
    assertEquals(
        "TC1300000101000000Z",
        OptionalBlock.timestamp(OptionalBlockId.TC, java.time.Instant.parse("0000-01-01T00:00:00Z"))
            .toString());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            OptionalBlock.timestamp(
                OptionalBlockId.TC, java.time.Instant.parse("+10000-01-01T00:00:00Z")));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            OptionalBlock.timestamp(
                OptionalBlockId.TC, java.time.Instant.parse("-0001-12-31T23:59:59Z")));
  }

  @Test
  void timestamp_instantMinAndMax_areIllegalArguments_notDateTimeExceptions() {
    for (Instant i : new Instant[] {Instant.MAX, Instant.MIN}) {
      assertThrows(
          IllegalArgumentException.class,
          () -> OptionalBlock.timestamp(OptionalBlockId.TS, i),
          i.toString());
    }
  }

  @Test
  void padding_negativeLength_isAnIllegalArgument_notANegativeArraySize() {
    assertThrows(IllegalArgumentException.class, () -> OptionalBlock.padding(-1));
    assertThrows(IllegalArgumentException.class, () -> OptionalBlock.padding(Integer.MIN_VALUE));
    assertThrows(
        IllegalArgumentException.class,
        () -> OptionalBlock.padding(OptionalBlock.MAX_DATA_LENGTH + 1));
    assertEquals("PB04", OptionalBlock.padding(0).toString());
  }

  @Test
  void typedValues_readOnceOnParse_lenientTolerancesIncluded() throws Exception {
    String text = "TS1220190717181929" + "HM0621" + "KC0A01abcd";
    OptionalBlocks blocks = OptionalBlocks.parse(text, 0, text.length(), 3, Profile.LENIENT);
    OptionalBlock ts = blocks.asList().get(0);
    OptionalBlock hm = blocks.asList().get(1);
    OptionalBlock kc = blocks.asList().get(2);
    assertEquals(Instant.parse("2019-07-17T18:19:29Z"), ts.timestamp().orElseThrow());
    assertEquals(HashAlgorithm.SHA_256, hm.hmacHash().orElseThrow());
    assertEquals(KcvMethod.CMAC, kc.kcv().orElseThrow().method());
    assertArrayEquals(new byte[] {(byte) 0xAB, (byte) 0xCD}, kc.kcv().orElseThrow().bytes());
    // The same value object on every call: the data is not read again.
    assertSame(kc.kcv().orElseThrow(), kc.kcv().orElseThrow());
    assertSame(ts.timestamp().orElseThrow(), ts.timestamp().orElseThrow());
    assertEquals(Optional.empty(), ts.kcv());
    assertEquals(Optional.empty(), kc.timestamp());
    assertEquals(Optional.empty(), hm.timestamp());
  }

  @Test
  void characterClasses_firstAndLastOfEachRange() {
    for (char c : "09AZaz".toCharArray()) {
      assertTrue(BlockRules.isAlphanumeric(c), String.valueOf(c));
    }
    for (char c : "/:@[`{".toCharArray()) {
      assertFalse(BlockRules.isAlphanumeric(c), String.valueOf(c));
    }
    for (char c : "09AF".toCharArray()) {
      assertTrue(BlockRules.isUpperHex(c), String.valueOf(c));
    }
    for (char c : "/:@Gaf".toCharArray()) {
      assertFalse(BlockRules.isUpperHex(c), String.valueOf(c));
    }
    assertTrue(BlockRules.isLowerHex('a'));
    assertTrue(BlockRules.isLowerHex('f'));
    assertFalse(BlockRules.isLowerHex('`'));
    assertFalse(BlockRules.isLowerHex('g'));
    assertTrue(BlockRules.isPrintable(' '));
    assertTrue(BlockRules.isPrintable('~'));
    assertFalse(BlockRules.isPrintable('\u001F'));
    assertFalse(BlockRules.isPrintable('\u007F'));
  }
}
