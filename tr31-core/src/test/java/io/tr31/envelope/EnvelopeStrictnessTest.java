/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tr31.ErrorCode;
import io.tr31.Tr31Exception;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** One test (at least) per parse error code: the JSON is strict, every refusal precise. */
class EnvelopeStrictnessTest {
  private static final String IV = "000102030405060708090A0B0C0D0E0F";
  private static final String CT = "00112233445566778899AABBCCDDEEFF";

  private static String body(String format, String ct, String iv, String mode) {
    return "{\"format\":"
        + format
        + ",\"ciphertext\":"
        + ct
        + ",\"initialization_vector\":"
        + iv
        + ",\"mode\":"
        + mode
        + "}";
  }

  private static String valid() {
    return body("\"TR31-DATA\"", "\"" + CT + "\"", "\"" + IV + "\"", "\"CBC\"");
  }

  private static Tr31Exception refuse(String body) {
    return assertThrows(
        Tr31Exception.class,
        () -> TestKeys.openUnauthenticated(TestKeys.keys(), body.getBytes(US_ASCII)));
  }

  private static void assertCode(ErrorCode code, String body) {
    assertEquals(code, refuse(body).code(), body);
  }

  @Test
  void wellFormedBodyWithRandomCiphertext_reachesDecryption() {
    assertCode(ErrorCode.ENVELOPE_PADDING, valid());
  }

  @Test
  void syntaxErrors_throwJsonSyntax() {
    assertCode(ErrorCode.ENVELOPE_JSON_SYNTAX, "");
    assertCode(ErrorCode.ENVELOPE_JSON_SYNTAX, "{\"format\":\"TR31-DATA\",");
    assertCode(ErrorCode.ENVELOPE_JSON_SYNTAX, valid() + " {}");
    assertCode(ErrorCode.ENVELOPE_JSON_SYNTAX, valid().replace("\"mode\"", "mode"));
    assertCode(ErrorCode.ENVELOPE_JSON_SYNTAX, valid().replace("}", ",}"));
    assertCode(ErrorCode.ENVELOPE_JSON_SYNTAX, valid().replace("\"CBC\"", "'CBC'"));
    byte[] badUtf8 =
        valid().replace("CBC", "C\u00ffC").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    Tr31Exception e =
        assertThrows(
            Tr31Exception.class, () -> TestKeys.openUnauthenticated(TestKeys.keys(), badUtf8));
    assertEquals(ErrorCode.ENVELOPE_JSON_SYNTAX, e.code());
  }

  @Test
  void utf16Utf32AndByteOrderMarks_throwJsonSyntax() {
    for (String cs : new String[] {"UTF-16BE", "UTF-16LE", "UTF-32BE", "UTF-32LE", "UTF-16"}) {
      byte[] b = valid().getBytes(java.nio.charset.Charset.forName(cs));
      Tr31Exception e =
          assertThrows(
              Tr31Exception.class, () -> TestKeys.openUnauthenticated(TestKeys.keys(), b), cs);
      assertEquals(ErrorCode.ENVELOPE_JSON_SYNTAX, e.code(), cs);
      Tr31Exception s =
          assertThrows(
              Tr31Exception.class,
              () ->
                  TestKeys.keys()
                      .openUnauthenticated(
                          new ByteArrayInputStream(b),
                          new ByteArrayOutputStream(),
                          EnvelopeOptions.DEFAULTS),
              cs);
      assertEquals(ErrorCode.ENVELOPE_JSON_SYNTAX, s.code(), cs);
    }
    assertCode(ErrorCode.ENVELOPE_JSON_SYNTAX, "\uFEFF" + valid());
  }

  @Test
  void syntaxError_reportsTheCharacterOffset() {
    Tr31Exception e = refuse("{\"format\" \"TR31-DATA\"}");
    assertEquals(ErrorCode.ENVELOPE_JSON_SYNTAX, e.code());
    assertEquals(10, e.offset());
  }

  @Test
  void wrongTypes_throwWrongType() {
    assertCode(ErrorCode.ENVELOPE_WRONG_TYPE, "[]");
    assertCode(ErrorCode.ENVELOPE_WRONG_TYPE, "\"TR31-DATA\"");
    assertCode(
        ErrorCode.ENVELOPE_WRONG_TYPE, body("1", "\"" + CT + "\"", "\"" + IV + "\"", "\"CBC\""));
    assertCode(
        ErrorCode.ENVELOPE_WRONG_TYPE, body("\"TR31-DATA\"", "5", "\"" + IV + "\"", "\"CBC\""));
    assertCode(
        ErrorCode.ENVELOPE_WRONG_TYPE, body("\"TR31-DATA\"", "null", "\"" + IV + "\"", "\"CBC\""));
    assertCode(
        ErrorCode.ENVELOPE_WRONG_TYPE, body("\"TR31-DATA\"", "\"" + CT + "\"", "[]", "\"CBC\""));
    assertCode(
        ErrorCode.ENVELOPE_WRONG_TYPE,
        body("\"TR31-DATA\"", "\"" + CT + "\"", "\"" + IV + "\"", "{}"));
  }

  @Test
  void duplicateField_throwsDuplicateFieldAtTheSecondName() {
    String b = valid().replace("\"mode\":\"CBC\"", "\"mode\":\"CBC\",\"mode\":\"CBC\"");
    Tr31Exception e = refuse(b);
    assertEquals(ErrorCode.ENVELOPE_DUPLICATE_FIELD, e.code());
    assertEquals(b.lastIndexOf("\"mode\""), e.offset());
  }

  @Test
  void unknownFields_throwUnknownField() {
    assertCode(ErrorCode.ENVELOPE_UNKNOWN_FIELD, valid().replace("}", ",\"mac\":\"00\"}"));
    assertCode(ErrorCode.ENVELOPE_UNKNOWN_FIELD, valid().replace("}", ",\"chunk_size\":16}"));
    assertCode(ErrorCode.ENVELOPE_UNKNOWN_FIELD, valid().replace("\"mode\"", "\"Mode\""));
  }

  @Test
  void missingFields_throwMissingField() {
    assertCode(ErrorCode.ENVELOPE_MISSING_FIELD, "{}");
    assertCode(ErrorCode.ENVELOPE_MISSING_FIELD, valid().replace(",\"mode\":\"CBC\"", ""));
    assertCode(ErrorCode.ENVELOPE_MISSING_FIELD, valid().replace("\"format\":\"TR31-DATA\",", ""));
    assertCode(
        ErrorCode.ENVELOPE_MISSING_FIELD,
        valid().replace(",\"initialization_vector\":\"" + IV + "\"", ""));
  }

  @Test
  void unknownFormat_throwsUnknownFormat() {
    for (String f : new String[] {"TR31-data", "TR31", "", "TR31-DATA ", "JWE"}) {
      assertCode(
          ErrorCode.ENVELOPE_UNKNOWN_FORMAT,
          body("\"" + f + "\"", "\"" + CT + "\"", "\"" + IV + "\"", "\"CBC\""));
    }
  }

  @Test
  void unknownMode_throwsUnknownMode() {
    for (String m : new String[] {"cbc", "GCM", "ECB", ""}) {
      assertCode(ErrorCode.ENVELOPE_UNKNOWN_MODE, valid().replace("\"CBC\"", "\"" + m + "\""));
    }
  }

  @Test
  void nonHexDigit_throwsInvalidHexAtItsOffset() {
    String b = valid().replace(CT, CT.substring(0, 5) + "G" + CT.substring(6));
    Tr31Exception e = refuse(b);
    assertEquals(ErrorCode.ENVELOPE_INVALID_HEX, e.code());
    assertEquals(b.indexOf('G'), e.offset());
  }

  @Test
  void oddHex_throwsOddHex() {
    assertCode(ErrorCode.ENVELOPE_ODD_HEX, valid().replace(IV, IV + "0"));
    assertCode(ErrorCode.ENVELOPE_ODD_HEX, valid().replace(CT, CT + "A"));
  }

  @Test
  void ivNot16Bytes_throwsIvLength() {
    assertCode(ErrorCode.ENVELOPE_IV_LENGTH, valid().replace(IV, IV.substring(2)));
    assertCode(ErrorCode.ENVELOPE_IV_LENGTH, valid().replace(IV, IV + "00"));
    assertCode(ErrorCode.ENVELOPE_IV_LENGTH, valid().replace(IV, ""));
  }

  @Test
  void ciphertextNotWholeBlocks_throwsCiphertextLength() {
    assertCode(ErrorCode.ENVELOPE_CIPHERTEXT_LENGTH, valid().replace(CT, ""));
    assertCode(ErrorCode.ENVELOPE_CIPHERTEXT_LENGTH, valid().replace(CT, CT + "00"));
    assertCode(ErrorCode.ENVELOPE_CIPHERTEXT_LENGTH, valid().replace(CT, CT.substring(2)));
  }

  @Test
  void oversizeBody_throwsTooLarge() {
    String b = valid();
    EnvelopeOptions tiny = EnvelopeOptions.builder().maxBodyBytes(b.length() - 1).build();
    Tr31Exception e =
        assertThrows(
            Tr31Exception.class,
            () -> TestKeys.keys().openUnauthenticated(b.getBytes(US_ASCII), tiny));
    assertEquals(ErrorCode.ENVELOPE_TOO_LARGE, e.code());
  }

  @Test
  void oversizeStream_throwsTooLargeFromStreamReadConstraints() {
    String b = valid().replace(CT, CT.repeat(64));
    EnvelopeOptions tiny = EnvelopeOptions.builder().maxBodyBytes(256).build();
    Tr31Exception e =
        assertThrows(
            Tr31Exception.class,
            () ->
                TestKeys.keys()
                    .openUnauthenticated(
                        new ByteArrayInputStream(b.getBytes(US_ASCII)),
                        new ByteArrayOutputStream(),
                        tiny));
    assertEquals(ErrorCode.ENVELOPE_TOO_LARGE, e.code());
  }

  @Test
  void longFieldName_throwsTooLarge() {
    assertCode(ErrorCode.ENVELOPE_TOO_LARGE, "{\"" + "x".repeat(100) + "\":1}");
  }

  @Test
  void deepNesting_throwsWrongTypeNotStackOverflow() {
    assertCode(ErrorCode.ENVELOPE_WRONG_TYPE, "{\"format\":" + "[".repeat(10_000));
  }
}
