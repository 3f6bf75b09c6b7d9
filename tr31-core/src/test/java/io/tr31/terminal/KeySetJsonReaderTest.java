/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import static io.tr31.terminal.KeySets.replaceOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.ErrorCode;
import io.tr31.Tr31Exception;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Where a refusal points (offset, path, slot), and the exact limits of the strict reader. */
class KeySetJsonReaderTest {
  private static IssuedKeySet issued;
  private static String json;

  @BeforeAll
  static void issue() throws Exception {
    issued = KeySets.seedExample(41);
    json = issued.json();
  }

  @AfterAll
  static void destroy() {
    issued.destroy();
  }

  private static Tr31Exception refused(String body, ErrorCode code) {
    return refused(body.getBytes(StandardCharsets.UTF_8), code);
  }

  private static Tr31Exception refused(byte[] body, ErrorCode code) {
    Tr31Exception e = assertThrows(Tr31Exception.class, () -> KeySetResponse.parse(body));
    assertEquals(code, e.code(), e.getMessage());
    return e;
  }

  @Test
  void parse_bodyOfExactlyTheLimit_isRead_oneByteMoreIsTooLarge() throws Exception {
    byte[] body =
        Arrays.copyOf(json.getBytes(StandardCharsets.US_ASCII), KeySetResponse.MAX_JSON_BYTES);
    Arrays.fill(body, json.length(), body.length, (byte) ' ');
    assertEquals(json, KeySetResponse.parse(body).toJson());
    byte[] over = Arrays.copyOf(body, body.length + 1);
    over[body.length] = ' ';
    Tr31Exception e = refused(over, ErrorCode.KEYSET_TOO_LARGE);
    assertEquals(KeySetResponse.MAX_JSON_BYTES, e.offset());
  }

  @Test
  void parse_wrongTypes_pointAtTheValue() {
    Tr31Exception top = refused("[]", ErrorCode.KEYSET_WRONG_TYPE);
    assertEquals(0, top.offset());
    assertTrue(top.getMessage().contains("(top level)"), top.getMessage());
    String s = replaceOnce(json, "\"transport\":{", "\"transport\":7,\"x\":{");
    Tr31Exception nested = refused(s, ErrorCode.KEYSET_WRONG_TYPE);
    assertEquals(s.indexOf(":7") + 1, nested.offset());
    assertTrue(nested.getMessage().contains("(transport)"), nested.getMessage());
  }

  @Test
  void parse_unknownFields_nameTheEnclosingObjectAndPointAtTheName() {
    String top = replaceOnce(json, "{\"key_set\":", "{\"x\":1,\"key_set\":");
    Tr31Exception e = refused(top, ErrorCode.KEYSET_UNKNOWN_FIELD);
    assertEquals(1, e.offset());
    assertTrue(e.getMessage().contains("(in top level)"), e.getMessage());
    String nested = replaceOnce(json, "{\"format\":", "{\"x\":1,\"format\":");
    e = refused(nested, ErrorCode.KEYSET_UNKNOWN_FIELD);
    assertEquals(nested.indexOf("\"x\""), e.offset());
    assertTrue(e.getMessage().contains("(in transport)"), e.getMessage());
  }

  @Test
  void parse_duplicateAndMissingFields_nameTheFullPath() {
    int ks = json.indexOf(",\"transport\"");
    String dupTop = json.substring(0, ks) + "," + json.substring(1, ks) + json.substring(ks);
    Tr31Exception e = refused(dupTop, ErrorCode.KEYSET_DUPLICATE_FIELD);
    assertTrue(e.getMessage().contains("(key_set)"), e.getMessage());
    String dupNested =
        replaceOnce(json, "\"format\":\"TR31\"", "\"format\":\"TR31\",\"format\":\"TR31\"");
    e = refused(dupNested, ErrorCode.KEYSET_DUPLICATE_FIELD);
    assertTrue(e.getMessage().contains("(transport.format)"), e.getMessage());
    assertEquals(dupNested.indexOf("\"format\"", dupNested.indexOf("\"format\"") + 1), e.offset());
    String missing = replaceOnce(json, "\"format\":\"TR31\",", "");
    e = refused(missing, ErrorCode.KEYSET_MISSING_FIELD);
    assertTrue(e.getMessage().contains("(transport.format)"), e.getMessage());
  }

  @Test
  void parse_syntaxError_pointsAtTheBadCharacter() {
    String s = replaceOnce(json, "\"transport\":{", "\"transport\":{]");
    Tr31Exception e = refused(s, ErrorCode.KEYSET_JSON_SYNTAX);
    assertEquals(s.indexOf("{]") + 1, e.offset());
  }

  @Test
  void parse_utf8ByteOrderMark_isRefusedAtOffsetZero() {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream withBom = new ByteArrayOutputStream();
    withBom.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    withBom.writeBytes(body);
    Tr31Exception e = refused(withBom.toByteArray(), ErrorCode.KEYSET_JSON_SYNTAX);
    assertEquals(0, e.offset());
    assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
  }

  @Test
  void parse_bomCharacterInsideTheFirstName_isOrdinaryUtf8() {
    // U+FEFF (EF BB BF) at bytes 2-4: legal UTF-8 in a name, so the name is what is refused.
    refused("{\"\uFEFF\":1}", ErrorCode.KEYSET_UNKNOWN_FIELD);
  }

  @Test
  void parse_zeroByte_isRefusedWhereItIs() {
    Tr31Exception e = refused(new byte[] {'{', ' ', 0, '}'}, ErrorCode.KEYSET_JSON_SYNTAX);
    assertEquals(2, e.offset());
  }

  @Test
  void parse_keyBlockOfSpaceAndTilde_isPrintableAscii_controlAndDelAreNot() throws Exception {
    String b64 =
        Base64.getEncoder()
            .encodeToString(
                issued.response().keyBlock(Slot.TDK).getBytes(StandardCharsets.US_ASCII));
    for (byte edge : new byte[] {0x20, 0x7E}) {
      String block = "D0 ~" + (char) edge;
      String s = replaceOnce(json, b64, b64(block));
      assertEquals(block, KeySetResponse.parse(s).keyBlock(Slot.TDK));
    }
    for (String bad : new String[] {"D0\u001F", "D0\u007F"}) {
      Tr31Exception e = refused(replaceOnce(json, b64, b64(bad)), ErrorCode.KEYSET_INVALID_BASE64);
      assertEquals(Slot.TDK, KeySets.slotOf(e).orElseThrow());
    }
  }

  private static String b64(String ascii) {
    return Base64.getEncoder().encodeToString(ascii.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void toJson_closesEveryObject() throws Exception {
    assertTrue(json.endsWith("\"}}}"), json.substring(json.length() - 20));
    assertEquals(json, KeySetResponse.parse(json).toJson());
  }
}
