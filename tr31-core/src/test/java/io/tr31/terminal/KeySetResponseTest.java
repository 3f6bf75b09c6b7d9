/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import static io.tr31.terminal.KeySets.replaceOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.ErrorCode;
import io.tr31.Tr31Exception;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The strict reading of the response, one rule per test, each with its own error code. */
class KeySetResponseTest {
  private static IssuedKeySet issued;
  private static String json;

  @BeforeAll
  static void issue() throws Exception {
    issued = KeySets.seedExample(5);
    json = issued.json();
  }

  @AfterAll
  static void destroy() {
    issued.destroy();
  }

  private static Tr31Exception refused(String body, ErrorCode code) {
    Tr31Exception e = assertThrows(Tr31Exception.class, () -> KeySetResponse.parse(body));
    assertEquals(code, e.code(), e.getMessage());
    return e;
  }

  private static String b64(Slot s) {
    return Base64.getEncoder()
        .encodeToString(issued.response().keyBlock(s).getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void parse_issuedResponse_roundTripsThroughToJson() throws Exception {
    KeySetResponse r = KeySetResponse.parse(json);
    assertEquals(json, r.toJson());
    assertEquals("ks-2025-01", r.keySetId());
    assertEquals(KeySets.ISSUED, r.issuedAt());
    assertEquals(issued.response().keyBlock(Slot.MAC), r.keyBlock(Slot.MAC));
    assertEquals("tmk/ks-2025-01/tmk-2025-01/2026-12-13T14:25:30Z", r.label(Slot.TMK));
  }

  @Test
  void parse_reorderedFieldsAndWhitespace_areAccepted() throws Exception {
    String pretty =
        json.replace("{\"key_set\":", "{ \"key_set\" :\n ")
            .replace(
                "\"transport\":{\"format\":\"TR31\",\"encryption\":\"AES-256\",",
                "\"transport\":{\"encryption\":\"AES-256\",\"format\":\"TR31\",");
    assertEquals(json, KeySetResponse.parse(pretty).toJson());
  }

  @Test
  void toString_showsIdAndValidityButNoKeyBlock() {
    String s = issued.response().toString();
    assertEquals("KeySetResponse[ks-2025-01, 2025-12-13T14:25:30Z .. 2026-12-13T14:25:30Z]", s);
  }

  @Test
  void parse_emptyBody_isSyntax() {
    refused("", ErrorCode.KEYSET_JSON_SYNTAX);
  }

  @Test
  void parse_truncatedBody_isSyntax() {
    refused(json.substring(0, json.length() - 3), ErrorCode.KEYSET_JSON_SYNTAX);
  }

  @Test
  void parse_contentAfterTheObject_isSyntax() {
    refused(json + "{}", ErrorCode.KEYSET_JSON_SYNTAX);
  }

  @Test
  void parse_utf16Body_isSyntaxNotAGuess() {
    Tr31Exception e =
        assertThrows(
            Tr31Exception.class,
            () -> KeySetResponse.parse(json.getBytes(StandardCharsets.UTF_16)));
    assertEquals(ErrorCode.KEYSET_JSON_SYNTAX, e.code());
  }

  @Test
  void parse_topLevelArray_isWrongType() {
    refused("[" + json + "]", ErrorCode.KEYSET_WRONG_TYPE);
  }

  @Test
  void parse_keysAsArray_isWrongType() {
    refused(
        replaceOnce(json, "\"keys\":{", "\"keys\":[{")
            .replace("},\"verification\"", "}],\"verification\""),
        ErrorCode.KEYSET_WRONG_TYPE);
  }

  @Test
  void parse_nullUsage_isWrongTypeNamingTheSlot() {
    Tr31Exception e =
        refused(
            replaceOnce(json, "\"usage\":\"pin-encryption\"", "\"usage\":null"),
            ErrorCode.KEYSET_WRONG_TYPE);
    assertEquals(Slot.TPK, KeySets.slotOf(e).orElseThrow());
    assertTrue(e.getMessage().contains("keys.tpk.usage"), e.getMessage());
  }

  @Test
  void parse_unknownFieldName_isNotEchoed() {
    Tr31Exception e =
        refused(
            replaceOnce(json, "{\"key_set\":", "{\"SECRET-0123\":1,\"key_set\":"),
            ErrorCode.KEYSET_UNKNOWN_FIELD);
    assertFalse(e.getMessage().contains("SECRET"), e.getMessage());
  }

  @Test
  void parse_missingTopLevelObject_isMissing() {
    int start = json.indexOf(",\"verification\":");
    Tr31Exception e = refused(json.substring(0, start) + "}", ErrorCode.KEYSET_MISSING_FIELD);
    assertTrue(e.getMessage().contains("verification"), e.getMessage());
  }

  @Test
  void parse_oversizeBody_isTooLarge() {
    byte[] big = new byte[KeySetResponse.MAX_JSON_BYTES + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    big[0] = '{';
    Tr31Exception e = assertThrows(Tr31Exception.class, () -> KeySetResponse.parse(big));
    assertEquals(ErrorCode.KEYSET_TOO_LARGE, e.code());
  }

  @Test
  void parse_oversizeString_isTooLarge() {
    String huge = "A".repeat(20_000);
    refused(replaceOnce(json, b64(Slot.TDK), huge), ErrorCode.KEYSET_TOO_LARGE);
  }

  @Test
  void parse_idWithSlash_isInvalidId() {
    refused(replaceOnce(json, "\"ks-2025-01\"", "\"ks/2025\""), ErrorCode.KEYSET_INVALID_ID);
  }

  @Test
  void parse_idOf65Characters_isInvalidId() {
    refused(
        replaceOnce(json, "\"tdk-2025-01\"", "\"" + "t".repeat(65) + "\""),
        ErrorCode.KEYSET_INVALID_ID);
  }

  @Test
  void parse_emptyId_isInvalidId() {
    refused(replaceOnce(json, "\"tdk-2025-01\"", "\"\""), ErrorCode.KEYSET_INVALID_ID);
  }

  @Test
  void parse_nonAsciiId_isInvalidId() {
    refused(
        replaceOnce(json, "\"tdk-2025-01\"", "\"tdk-2025-0\u00e9\""), ErrorCode.KEYSET_INVALID_ID);
  }

  @Test
  void parse_timesInAnyOtherSpelling_areInvalidTime() {
    for (String t :
        new String[] {
          "2025-12-13T14:25:30.5Z",
          "2025-12-13T14:25:30+00:00",
          "2025-12-13T14:25:30z",
          "2025-12-13 14:25:30Z",
          "2025-02-30T14:25:30Z",
          "2025-12-13T24:00:00Z",
          "20251213T142530Z"
        }) {
      refused(
          replaceOnce(json, "\"2025-12-13T14:25:30Z\"", "\"" + t + "\""),
          ErrorCode.KEYSET_INVALID_TIME);
    }
  }

  @Test
  void parse_expiresAtEqualToIssuedAt_isInvalidTime() {
    refused(
        replaceOnce(json, "\"2026-12-13T14:25:30Z\"", "\"2025-12-13T14:25:30Z\""),
        ErrorCode.KEYSET_INVALID_TIME);
  }

  @Test
  void parse_eachTransportValue_mustBeTheSeeds() {
    refused(
        replaceOnce(json, "\"format\":\"TR31\"", "\"format\":\"tr31\""),
        ErrorCode.KEYSET_INVALID_TRANSPORT);
    refused(
        replaceOnce(json, "\"wrapped_under\":\"kek\"", "\"wrapped_under\":\"tmk\""),
        ErrorCode.KEYSET_INVALID_TRANSPORT);
  }

  @Test
  void parse_kcvOfFiveOrNonHexDigits_isInvalidKcv() {
    String kcv = issued.response().kcv(Slot.KEK).hex();
    refused(
        replaceOnce(json, "\"kek\":\"" + kcv + "\"", "\"kek\":\"" + kcv.substring(1) + "\""),
        ErrorCode.KEYSET_INVALID_KCV);
    refused(
        replaceOnce(json, "\"kek\":\"" + kcv + "\"", "\"kek\":\"" + kcv.substring(1) + "G\""),
        ErrorCode.KEYSET_INVALID_KCV);
  }

  @Test
  void parse_base64WithoutPadding_isInvalidBase64() {
    String b = b64(Slot.TMK);
    String unpadded = b.replace("=", "");
    if (unpadded.equals(b)) {
      // A block whose length is a multiple of 3 has no padding: cut one character instead.
      unpadded = b.substring(0, b.length() - 1);
    }
    refused(replaceOnce(json, b, unpadded), ErrorCode.KEYSET_INVALID_BASE64);
  }

  @Test
  void parse_base64WithALineBreak_isInvalidBase64() {
    String b = b64(Slot.TMK);
    refused(
        replaceOnce(json, b, b.substring(0, 76) + "\\n" + b.substring(76)),
        ErrorCode.KEYSET_INVALID_BASE64);
  }

  @Test
  void parse_base64OfNonPrintableBytes_isInvalidBase64() {
    String bad = Base64.getEncoder().encodeToString(new byte[] {'D', 0, 1, 2});
    refused(replaceOnce(json, b64(Slot.TMK), bad), ErrorCode.KEYSET_INVALID_BASE64);
  }

  @Test
  void parse_emptyKeyBlock_isInvalidBase64() {
    refused(replaceOnce(json, b64(Slot.TMK), ""), ErrorCode.KEYSET_INVALID_BASE64);
  }
}
