/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31FormatException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The structure rules of X9.143:2021 6.3.6 (review 1 #12, CONFORMANCE.md D2-D5): the strict profile
 * refuses a breach with its code and the offset of the offending field; the lenient profile reads
 * the block and records one warning.
 */
class OptionalBlockRulesTest {
  /** A 20-digit initial KSN, the TR-31:2018 A.7.3 sample's. */
  private static final String KSN = "00604B120F9292800000";

  private static OptionalBlocks parse(String blocks, Profile p) throws Tr31FormatException {
    return OptionalBlocks.parse(blocks, 0, blocks.length(), 1, p);
  }

  /** Strict refuses {@code block} with the code and offset; lenient reads it with one warning. */
  private static void strictRefusesLenientWarns(String block, int offset) throws Exception {
    Tr31FormatException e =
        assertThrows(Tr31FormatException.class, () -> parse(block, Profile.STRICT), block);
    assertEquals(ErrorCode.INVALID_OPTIONAL_BLOCK_DATA, e.code(), block);
    assertEquals(offset, e.offset(), block);
    OptionalBlocks lenient = parse(block, Profile.LENIENT);
    assertEquals(block.substring(4), lenient.asList().get(0).data(), block);
    assertEquals(1, lenient.warnings().size(), block);
    assertTrue(lenient.warnings().get(0).endsWith("(tolerated)"), block);
  }

  private static void strictAccepts(String block) throws Exception {
    assertEquals(List.of(), parse(block, Profile.STRICT).warnings(), block);
  }

  private static void headerRefused(String header, ErrorCode code, int offset) throws Exception {
    Tr31FormatException e =
        assertThrows(
            Tr31FormatException.class, () -> KeyBlockHeader.parse(header, Profile.STRICT), header);
    assertEquals(code, e.code(), header);
    assertEquals(offset, e.offset(), header);
    assertEquals(1, KeyBlockHeader.parse(header, Profile.LENIENT).warnings().size(), header);
  }

  @Test
  void ks_twentyHexDigitsOnly_sixteenOnlyLenient() throws Exception {
    strictAccepts("KS18" + KSN);
    strictRefusesLenientWarns("KS1400604B120F929280", 4); // the 16-digit form of older hosts
    strictRefusesLenientWarns("KS1A00604B120F929280000000", 4);
    assertEquals(
        ErrorCode.INVALID_OPTIONAL_BLOCK_DATA,
        assertThrows(Tr31FormatException.class, () -> parse("KS04", Profile.LENIENT)).code());
  }

  @Test
  void ks_onlyOnTdesKeys() throws Exception {
    assertEquals(
        KSN,
        KeyBlockHeader.parse("D0000B1TX00E0100KS18" + KSN, Profile.STRICT)
            .optionalBlock(OptionalBlockId.KS)
            .get()
            .data());
    headerRefused(
        "D0000B1AX00E0200IK141234567890123456KS18" + KSN,
        ErrorCode.OPTIONAL_BLOCK_ALGORITHM_MISMATCH,
        36);
  }

  @Test
  void hm_onlyOnHmacKeys() throws Exception {
    KeyBlockHeader.parse("D0000M7HC00E0100HM0621", Profile.STRICT);
    KeyBlockHeader.parse("E0000M7IC00E0100HM0621", Profile.STRICT);
    KeyBlockHeader.parse("E0000M7JC00E0100HM0631", Profile.STRICT);
    headerRefused("D0000M6AC00E0100HM0621", ErrorCode.OPTIONAL_BLOCK_ALGORITHM_MISMATCH, 16);
    headerRefused("D0000M6AC00E0200LB06ABHM0621", ErrorCode.OPTIONAL_BLOCK_ALGORITHM_MISMATCH, 22);
  }

  @Test
  void hmacKeyWithoutHm_isRead_iso20038ReadsHAsHmacSha1() throws Exception {
    assertEquals(List.of(), KeyBlockHeader.parse("D0000M7HG00N0000", Profile.STRICT).warnings());
  }

  @Test
  void bi_typeThenIdentifierOfItsLength() throws Exception {
    strictAccepts("BI100008793E2500"); // 00 + 5-byte KSI (openemv tr31_tool_test30)
    strictAccepts("BI0E0112345678"); // 01 + 4-byte BDK ID
    strictRefusesLenientWarns("BI0E0012345678", 6);
    strictRefusesLenientWarns("BI100108793E2500", 6);
    strictRefusesLenientWarns("BI100208793E2500", 4);
    assertEquals(
        ErrorCode.INVALID_OPTIONAL_BLOCK_DATA,
        assertThrows(Tr31FormatException.class, () -> parse("BI04", Profile.LENIENT)).code());
  }

  @Test
  void ct_formatCodeThenCertificate_chainEntriesFillTheBlock() throws Exception {
    strictAccepts(ct("00AB"));
    strictAccepts(ct("01AB"));
    strictAccepts(ct("02000002AB010001C")); // chain: X.509 "AB", then EMV "C"
    strictRefusesLenientWarns(ct("00"), 6); // no certificate
    strictRefusesLenientWarns(ct("03AB"), 4); // unknown format
    strictRefusesLenientWarns(ct("02"), 6); // a chain needs entries
    strictRefusesLenientWarns(ct("020000FFAB"), 6); // length runs past the block
    strictRefusesLenientWarns(ct("02000003AB"), 6); // by one character
    strictRefusesLenientWarns(ct("02000002AB030001C"), 14); // second format unknown
    strictRefusesLenientWarns(ct("02000002AB0100"), 14); // second entry truncated
    strictRefusesLenientWarns(ct("02000000AB"), 6); // a zero-length certificate
    strictRefusesLenientWarns(ct("020000G0AB"), 6); // length not hex
  }

  private static String ct(String data) {
    return "CT" + String.format("%02X", 4 + data.length()) + data;
  }

  @Test
  void da_entriesAreCodesOfTheTables() throws Exception {
    strictAccepts("DA1001D2ABND3AEN"); // openemv tr31_tool_test32
    strictAccepts("DA1001P0TEED0AEN"); // IBM's example
    strictRefusesLenientWarns("DA0B01Z0TEE", 6); // usage
    strictRefusesLenientWarns("DA0B01P0QEE", 8); // algorithm
    strictRefusesLenientWarns("DA0B01P0TQE", 9); // mode of use
    strictRefusesLenientWarns("DA0B01P0TEQ", 10); // exportability
    strictRefusesLenientWarns("DA1001P0TEED0AEX", 15); // in the second entry
    strictRefusesLenientWarns("DA0B0110TEE", 6); // proprietary usage is never derivable
  }

  @Test
  void da_charactersOutsideFormatAn_refusedUnderBothProfiles() throws Exception {
    // The format (X9.143 format AN) is not one of the tolerances: only the table codes are.
    for (Profile p : Profile.values()) {
      Tr31FormatException e =
          assertThrows(Tr31FormatException.class, () -> parse("DA0B01P0T-E", p), p.name());
      assertEquals(ErrorCode.INVALID_OPTIONAL_BLOCK_DATA, e.code());
      assertEquals(9, e.offset());
    }
  }

  @Test
  void kcvBlocks_oneByteKcvOnlyLenient() throws Exception {
    strictAccepts("KC0A00ABCD");
    strictRefusesLenientWarns("KC0800AB", 6);
    strictRefusesLenientWarns("KP0801AB", 6);
    strictRefusesLenientWarns("PK0800AB", 6);
    assertThrows(
        IllegalArgumentException.class,
        () -> OptionalBlock.kcv(OptionalBlockId.KC, KcvMethod.CMAC, new byte[1]));
  }

  @Test
  void pk_isTheKcvOfTheExportKbpk_inTheKcFormat() throws Exception {
    // openemv tr31_tool_test32: PK1001987654 (CMAC KCV 9876543210)
    OptionalBlock pk = parse("PK10019876543210", Profile.STRICT).asList().get(0);
    assertEquals(KcvMethod.CMAC, pk.kcv().get().method());
    assertArrayEquals(new byte[] {(byte) 0x98, 0x76, 0x54, 0x32, 0x10}, pk.kcv().get().bytes());
    assertEquals(
        "PK0A00ABCD",
        OptionalBlock.kcv(
                OptionalBlockId.PK, KcvMethod.LEGACY, new byte[] {(byte) 0xAB, (byte) 0xCD})
            .toString());
    assertEquals(
        ErrorCode.INVALID_OPTIONAL_BLOCK_DATA,
        assertThrows(Tr31FormatException.class, () -> parse("PK0A02ABCD", Profile.STRICT)).code());
    assertEquals(
        ErrorCode.INVALID_OPTIONAL_BLOCK_DATA,
        assertThrows(Tr31FormatException.class, () -> parse("PK0E00ABCDEF01", Profile.STRICT))
            .code());
  }

  @Test
  void fl_isPrintableAscii() throws Exception {
    assertEquals("01 x~", parse("FL0901 x~", Profile.STRICT).asList().get(0).data());
    assertEquals("", parse("FL04", Profile.STRICT).asList().get(0).data());
    Tr31FormatException e =
        assertThrows(Tr31FormatException.class, () -> parse("FL0701\t", Profile.LENIENT));
    assertEquals(ErrorCode.INVALID_CHARACTER, e.code());
    assertEquals(6, e.offset());
    assertThrows(
        IllegalArgumentException.class, () -> OptionalBlock.of(OptionalBlockId.FL, "\u007F"));
  }

  @Test
  void kv_staysPrintableAscii() throws Exception {
    // X9.143:2021 6.3.6.9 Table 17: openemv writes a version and two other characters; the
    // structure is not checked (CONFORMANCE.md 4.10).
    strictAccepts("KV080000");
    strictAccepts("KV06 !");
  }
}
