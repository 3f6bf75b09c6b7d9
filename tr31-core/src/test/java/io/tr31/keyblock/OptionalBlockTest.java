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
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionalBlockTest {
  private static OptionalBlocks parse(String blocks, int count, Profile p)
      throws Tr31FormatException {
    return OptionalBlocks.parse(blocks, 0, blocks.length(), count, p);
  }

  private static Tr31FormatException reject(String blocks, int count, Profile p) {
    return assertThrows(Tr31FormatException.class, () -> parse(blocks, count, p));
  }

  @Test
  void kcv_writesMethodAndUpperHex_andDecodes() throws Exception {
    OptionalBlock kp =
        OptionalBlock.kcv(
            OptionalBlockId.KP, KcvMethod.CMAC, new byte[] {0x23, 0x31, 0x55, 0x0B, (byte) 0xC9});
    assertEquals("KP10012331550BC9", kp.toString());
    assertEquals(KcvMethod.CMAC, kp.kcv().get().method());
    assertArrayEquals(new byte[] {0x23, 0x31, 0x55, 0x0B, (byte) 0xC9}, kp.kcv().get().bytes());
    assertThrows(
        IllegalArgumentException.class,
        () -> OptionalBlock.kcv(OptionalBlockId.KC, KcvMethod.LEGACY, new byte[4]));
  }

  @Test
  void kcvLongerThanMethodMax_rejectedOnParse() {
    Tr31FormatException e = reject("KC0E0001020304", 1, Profile.STRICT);
    assertEquals(ErrorCode.INVALID_OPTIONAL_BLOCK_DATA, e.code());
    assertEquals(6, e.offset());
  }

  @Test
  void timestamps_allFourFormsRead_basicWritten() throws Exception {
    Instant t = Instant.parse("2019-07-17T18:19:29Z");
    assertEquals(
        t,
        parse("TC1320190717181929Z", 1, Profile.STRICT).get(OptionalBlockId.TC).get().timestamp().get());
    assertEquals(
        t.plusMillis(210),
        parse("TC152019071718192921Z", 1, Profile.STRICT).asList().get(0).timestamp().get());
    assertEquals(
        t, parse("TS182019-07-17T18:19:29Z", 1, Profile.STRICT).asList().get(0).timestamp().get());
    assertEquals(
        t.plusMillis(220),
        parse("TS1B2019-07-17T18:19:29.22Z", 1, Profile.STRICT).asList().get(0).timestamp().get());
    assertEquals("TS1320190717181929Z", OptionalBlock.timestamp(OptionalBlockId.TS, t).toString());
    assertEquals(
        "TS152019071718192921Z",
        OptionalBlock.timestamp(OptionalBlockId.TS, t.plusMillis(219)).toString());
  }

  @Test
  void timestamps_malformed_rejected_missingZTolerateOnlyLenient() throws Exception {
    for (String bad :
        new String[] {
          "notatime",
          "20191317181929Z",
          "20190230000000Z",
          "2019071718192Z",
          "2019-07-17 18:19:29Z",
          "20190717181960Z"
        }) {
      String block = "TS" + String.format("%02X", 4 + bad.length()) + bad;
      Tr31FormatException e = reject(block, 1, Profile.STRICT);
      assertEquals(ErrorCode.INVALID_OPTIONAL_BLOCK_DATA, e.code(), bad);
      assertEquals(4, e.offset());
    }
    String noZ = "TS1A2018-06-18T20:42:39.22"; // ANSI X9.143:2021 8.2 sample
    assertEquals(ErrorCode.INVALID_OPTIONAL_BLOCK_DATA, reject(noZ, 1, Profile.STRICT).code());
    OptionalBlocks lenient = parse(noZ, 1, Profile.LENIENT);
    assertEquals(1, lenient.warnings().size());
    assertEquals(Instant.parse("2018-06-18T20:42:39.22Z"), lenient.asList().get(0).timestamp().get());
  }

  @Test
  void hexBlocks_lowerCaseAndAsciiKs_onlyLenient() throws Exception {
    assertEquals(
        ErrorCode.INVALID_OPTIONAL_BLOCK_DATA, reject("KS08abcd", 1, Profile.STRICT).code());
    assertEquals(
        List.of("optional block KS holds lower-case hex (tolerated)"),
        parse("KS1800604b120f9292800000", 1, Profile.LENIENT).warnings());
    assertEquals(
        ErrorCode.INVALID_OPTIONAL_BLOCK_DATA,
        reject("KS10DE#GBIC#OPT1", 1, Profile.STRICT).code());
    assertEquals(
        "DE#GBIC#OPT1",
        parse("KS10DE#GBIC#OPT1", 1, Profile.LENIENT).get(OptionalBlockId.KS).get().data());
    // only KS tolerates ASCII
    assertEquals(
        ErrorCode.INVALID_OPTIONAL_BLOCK_DATA, reject("BI08XYZW", 1, Profile.LENIENT).code());
  }

  @Test
  void typedBlocks_validatedOnParse() {
    String[] bad = {"HM0699", "IK0C12345678", "AL080102", "DA0902D0AE", "WP07004", "KC0802AB"};
    for (String b : bad) {
      assertEquals(ErrorCode.INVALID_OPTIONAL_BLOCK_DATA, reject(b, 1, Profile.STRICT).code(), b);
    }
  }

  @Test
  void typedFactories_writeTheSamplesOfTheStandard() throws Exception {
    assertEquals("HM0621", OptionalBlock.hmacHash(HashAlgorithm.SHA_256).toString());
    assertEquals(
        HashAlgorithm.SHA_256, OptionalBlock.hmacHash(HashAlgorithm.SHA_256).hmacHash().get());
    assertEquals("AL080101", OptionalBlock.of(OptionalBlockId.AL, "0101").toString());
    // X9.143:2021 Table 8 as openemv/tr31 encodes it: 00 is ephemeral (an openemv-written block).
    assertEquals("AL080100", OptionalBlock.of(OptionalBlockId.AL, "0100").toString());
    assertEquals("WP07003", OptionalBlock.wrappingPedigree(3).toString());
    assertEquals(
        "DA1001D2ABND3AEN", OptionalBlock.of(OptionalBlockId.DA, "01D2ABND3AEN").toString());
    assertEquals("LB10My Great Key", OptionalBlock.label("My Great Key").toString());
    assertEquals(
        "IK141234567890123456",
        OptionalBlock.of(OptionalBlockId.IK, "1234567890123456").toString());
    assertEquals("PB0600", OptionalBlock.padding(2).toString());
    assertThrows(IllegalArgumentException.class, () -> OptionalBlock.label("tab\there"));
  }

  @Test
  void proprietaryIds_onlyLenient_unknownLettersNever() throws Exception {
    assertEquals(ErrorCode.INVALID_OPTIONAL_BLOCK_ID, reject("1008ABCD", 1, Profile.STRICT).code());
    assertTrue(parse("1008ABCD", 1, Profile.LENIENT).get("10").isPresent());
    assertEquals(
        ErrorCode.INVALID_OPTIONAL_BLOCK_ID, reject("ZZ08ABCD", 1, Profile.LENIENT).code());
  }

  @Test
  void lengths_shortAndExtended_bothLLFormsRead() throws Exception {
    assertEquals("ABCD", parse("LB0004000EABCD", 1, Profile.STRICT).asList().get(0).data());
    assertEquals("ABCD", parse("LB0002000EABCD", 1, Profile.STRICT).asList().get(0).data());
    assertEquals(
        ErrorCode.INVALID_OPTIONAL_BLOCK_LENGTH, reject("KS00040009ABC", 1, Profile.STRICT).code());
    assertEquals(
        ErrorCode.EXTENDED_LENGTH_OVERFLOW, reject("KS0004FFFFABCD", 1, Profile.STRICT).code());
    assertEquals(ErrorCode.INVALID_OPTIONAL_BLOCK_LENGTH, reject("KS0a", 1, Profile.STRICT).code());
  }

  @Test
  void optionalBlocks_of_enforcesTheRules() {
    OptionalBlock pb = OptionalBlock.padding(0);
    OptionalBlock lb = OptionalBlock.label("x");
    assertThrows(IllegalArgumentException.class, () -> OptionalBlocks.of(List.of(pb, lb)));
    assertThrows(IllegalArgumentException.class, () -> OptionalBlocks.of(List.of(lb, lb)));
    assertEquals(List.of(lb, pb), OptionalBlocks.of(List.of(pb)).with(lb).asList());
  }

  @Test
  void proprietary_digitThenAlphanumericId_isKeptAsGiven_elseRefused() {
    OptionalBlock ibm = OptionalBlock.proprietary("10", "DE#GBIC");
    assertEquals("10", ibm.id());
    assertEquals("DE#GBIC", ibm.data());
    for (String bad : new String[] {"1", "100", "A0", "/0", ":0", "1#"}) {
      org.junit.jupiter.api.Assertions.assertThrows(
          IllegalArgumentException.class, () -> OptionalBlock.proprietary(bad, "x"), bad);
    }
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> OptionalBlock.proprietary("10", "tab\there"));
  }

  @Test
  void equalsAndHashCode_followIdAndData() {
    OptionalBlock a = OptionalBlock.label("terminal-1");
    OptionalBlock same = OptionalBlock.label("terminal-1");
    OptionalBlock other = OptionalBlock.label("terminal-2");
    assertEquals(a, same);
    assertEquals(a.hashCode(), same.hashCode());
    org.junit.jupiter.api.Assertions.assertNotEquals(a, other);
    org.junit.jupiter.api.Assertions.assertNotEquals(
        a, OptionalBlock.proprietary("1L", "terminal-1"));
    org.junit.jupiter.api.Assertions.assertNotEquals(a, "LB0Eterminal-1");
  }
}
