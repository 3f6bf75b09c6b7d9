/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.ErrorCode;
import io.tr31.Tr31Exception;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Missing, extra, reordered and duplicated chunks, with and without a MAC (ENVELOPE.md). */
class ChunkedEnvelopeTest {
  private static final Pattern CHUNK =
      Pattern.compile(
          "\\{\"index\":(\\d+),\"initialization_vector\":\"([0-9A-F]{32})\","
              + "\"ciphertext\":\"([0-9A-F]+)\"}");
  private static final Pattern WHOLE =
      Pattern.compile(
          "\\{\"format\":\"TR31-DATA-CHUNKED\",\"mode\":\"CBC\",\"chunk_size\":(\\d+),"
              + "\"chunks\":\\[(.*)],\"chunk_count\":(\\d+),\"total_length\":(\\d+)}");
  private static final byte[] DATA = TestKeys.bytes(50, 0x61); // 16 + 16 + 16 + 2

  private static List<String> chunks(String body) {
    Matcher m = CHUNK.matcher(body);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  private static String rebuild(List<String> chunks, long count, long total) {
    return "{\"format\":\"TR31-DATA-CHUNKED\",\"mode\":\"CBC\",\"chunk_size\":16,\"chunks\":["
        + String.join(",", chunks)
        + "],\"chunk_count\":"
        + count
        + ",\"total_length\":"
        + total
        + "}";
  }

  private static String reindex(String chunk, int index) {
    return chunk.replaceFirst("\"index\":\\d+", "\"index\":" + index);
  }

  private static PayloadProtector otherIvs() {
    return PayloadProtector.create(TestKeys.MSK, TestKeys.MAC, TestKeys.seeded(2));
  }

  private static List<String> sealed() {
    return chunks(TestKeys.keys().seal(DATA, TestKeys.chunked(16)).body());
  }

  private static ErrorCode code(String body) {
    return assertThrows(
            Tr31Exception.class,
            () -> TestKeys.openUnauthenticated(TestKeys.keys(), body.getBytes(US_ASCII)))
        .code();
  }

  private static ErrorCode streamingCode(String body) {
    return assertThrows(
            Tr31Exception.class,
            () ->
                TestKeys.keys()
                    .openUnauthenticated(
                        new ByteArrayInputStream(body.getBytes(US_ASCII)),
                        new ByteArrayOutputStream(),
                        EnvelopeOptions.DEFAULTS))
        .code();
  }

  /** Opening {@code body} whole and streamed both fail with {@code expected}. */
  private static void assertRefusedBothWays(ErrorCode expected, String body) {
    assertEquals(expected, code(body), "whole");
    assertEquals(expected, streamingCode(body), "streamed");
  }

  @Test
  void sealChunked_writesTheDocumentedLayout() throws Exception {
    String body = TestKeys.keys().seal(DATA, TestKeys.chunked(16)).body();
    Matcher m = WHOLE.matcher(body);
    assertTrue(m.matches(), body);
    assertEquals("16", m.group(1));
    assertEquals("4", m.group(3));
    assertEquals("50", m.group(4));
    assertEquals(4, chunks(body).size());
    assertArrayEquals(DATA, TestKeys.openUnauthenticated(TestKeys.keys(), body));
  }

  @Test
  void emptyPayload_isOneEmptyChunk() throws Exception {
    String body = TestKeys.keys().seal(new byte[0], TestKeys.chunked(16)).body();
    assertEquals(1, chunks(body).size());
    assertTrue(body.endsWith("\"chunk_count\":1,\"total_length\":0}"));
    assertArrayEquals(new byte[0], TestKeys.openUnauthenticated(TestKeys.keys(), body));
  }

  @Test
  void exactMultipleOfChunkSize_hasNoEmptyTrailingChunk() throws Exception {
    String body = TestKeys.keys().seal(new byte[32], TestKeys.chunked(16)).body();
    assertEquals(2, chunks(body).size());
    assertArrayEquals(new byte[32], TestKeys.openUnauthenticated(TestKeys.keys(), body));
  }

  @Test
  void fieldsInAnotherOrder_areAccepted() throws Exception {
    List<String> c = sealed();
    String body =
        "{\"total_length\":50,\"chunk_count\":4,\"chunks\":["
            + String.join(",", c)
            + "],\"chunk_size\":16,\"mode\":\"CBC\",\"format\":\"TR31-DATA-CHUNKED\"}";
    assertArrayEquals(DATA, TestKeys.openUnauthenticated(TestKeys.keys(), body));
  }

  @Test
  void missingMiddleChunk_throwsChunkOrder() {
    List<String> c = sealed();
    c.remove(1);
    assertRefusedBothWays(ErrorCode.ENVELOPE_CHUNK_ORDER, rebuild(c, 4, 50));
  }

  @Test
  void missingMiddleChunkRenumbered_throwsChunkCount() {
    List<String> c = sealed();
    c.remove(1);
    c.set(1, reindex(c.get(1), 1));
    c.set(2, reindex(c.get(2), 2));
    assertRefusedBothWays(ErrorCode.ENVELOPE_CHUNK_COUNT, rebuild(c, 4, 50));
  }

  @Test
  void missingLastChunk_throwsChunkCount() {
    List<String> c = sealed();
    c.remove(3);
    assertEquals(ErrorCode.ENVELOPE_CHUNK_COUNT, code(rebuild(c, 4, 50)));
    assertEquals(ErrorCode.ENVELOPE_CHUNK_COUNT, code(rebuild(c, 3, 50)));
  }

  @Test
  void extraChunk_throwsChunkCount() {
    List<String> c = sealed();
    c.add(reindex(chunks(otherIvs().seal(new byte[2], TestKeys.chunked(16)).body()).get(0), 4));
    assertRefusedBothWays(ErrorCode.ENVELOPE_CHUNK_COUNT, rebuild(c, 4, 50));
  }

  @Test
  void extraChunkAfterCountInTheHeader_isRefusedBeforeDecryptingIt() {
    List<String> c = sealed();
    c.add(reindex(chunks(otherIvs().seal(new byte[2], TestKeys.chunked(16)).body()).get(0), 4));
    String body =
        "{\"format\":\"TR31-DATA-CHUNKED\",\"mode\":\"CBC\",\"chunk_size\":16,"
            + "\"chunk_count\":4,\"total_length\":50,\"chunks\":["
            + String.join(",", c)
            + "]}";
    assertEquals(ErrorCode.ENVELOPE_CHUNK_COUNT, streamingCode(body));
  }

  @Test
  void reorderedChunks_throwChunkOrder() {
    List<String> c = sealed();
    String one = c.get(1);
    c.set(1, c.get(2));
    c.set(2, one);
    assertEquals(ErrorCode.ENVELOPE_CHUNK_ORDER, code(rebuild(c, 4, 50)));
  }

  @Test
  void duplicatedChunk_throwsChunkDuplicate() {
    List<String> c = sealed();
    c.add(2, c.get(1));
    assertEquals(ErrorCode.ENVELOPE_CHUNK_DUPLICATE, code(rebuild(c, 5, 50)));
    List<String> d = sealed();
    d.set(2, reindex(d.get(1), 2)); // same IV, index rewritten
    assertEquals(ErrorCode.ENVELOPE_CHUNK_DUPLICATE, code(rebuild(d, 4, 50)));
  }

  @Test
  void shortNonLastChunk_throwsChunkLength() {
    List<String> c = sealed();
    Matcher m = CHUNK.matcher(c.get(1));
    assertTrue(m.matches());
    c.set(1, c.get(1).replace(m.group(3), m.group(3).substring(0, 32)));
    assertEquals(ErrorCode.ENVELOPE_CHUNK_LENGTH, code(rebuild(c, 4, 50)));
  }

  @Test
  void wrongTotalLength_throwsTotalLength() {
    assertRefusedBothWays(ErrorCode.ENVELOPE_TOTAL_LENGTH, rebuild(sealed(), 4, 49));
    assertEquals(ErrorCode.ENVELOPE_CHUNK_COUNT, code(rebuild(sealed(), 4, 80)));
    assertEquals(ErrorCode.ENVELOPE_CHUNK_COUNT, code(rebuild(sealed(), 4, Long.MAX_VALUE)));
  }

  @Test
  void totalLengthBeyondTheCiphertextPresent_isRefusedBeforeDecryption() {
    // One tiny chunk claiming a full 16 MiB chunk: refused from public lengths, nothing allocated.
    String c0 = chunks(TestKeys.keys().seal(new byte[3], TestKeys.chunked(16)).body()).get(0);
    String body =
        "{\"format\":\"TR31-DATA-CHUNKED\",\"mode\":\"CBC\",\"chunk_size\":16777216,\"chunks\":["
            + c0
            + "],\"chunk_count\":1,\"total_length\":16777216}";
    assertEquals(ErrorCode.ENVELOPE_TOTAL_LENGTH, code(body));
  }

  @Test
  void chunkSizeOutOfRange_throwsChunkSize() {
    String body = rebuild(sealed(), 4, 50);
    assertEquals(
        ErrorCode.ENVELOPE_CHUNK_SIZE, code(body.replace("\"chunk_size\":16", "\"chunk_size\":0")));
    assertEquals(
        ErrorCode.ENVELOPE_CHUNK_SIZE,
        code(body.replace("\"chunk_size\":16", "\"chunk_size\":16777217")));
    assertEquals(
        ErrorCode.ENVELOPE_CHUNK_SIZE,
        code(body.replace("\"chunk_size\":16", "\"chunk_size\":99999999999999999999")));
    assertEquals(
        ErrorCode.ENVELOPE_WRONG_TYPE,
        code(body.replace("\"chunk_size\":16", "\"chunk_size\":16.0")));
    assertEquals(
        ErrorCode.ENVELOPE_WRONG_TYPE,
        code(body.replace("\"chunk_size\":16", "\"chunk_size\":\"16\"")));
  }

  @Test
  void chunkFieldProblems_haveTheirOwnCodes() {
    String c0 = sealed().get(0);
    assertEquals(
        ErrorCode.ENVELOPE_UNKNOWN_FIELD,
        code(rebuild(List.of(c0.replace("{", "{\"x\":1,")), 1, 16)));
    assertEquals(
        ErrorCode.ENVELOPE_DUPLICATE_FIELD,
        code(rebuild(List.of(c0.replace("{", "{\"index\":0,")), 1, 16)));
    assertEquals(
        ErrorCode.ENVELOPE_MISSING_FIELD,
        code(rebuild(List.of(c0.replace("\"index\":0,", "")), 1, 16)));
    assertEquals(ErrorCode.ENVELOPE_WRONG_TYPE, code(rebuild(List.of("[]"), 1, 16)));
    assertEquals(ErrorCode.ENVELOPE_CHUNK_ORDER, code(rebuild(List.of(reindex(c0, 7)), 1, 16)));
    assertEquals(
        ErrorCode.ENVELOPE_MISSING_FIELD,
        code(rebuild(List.of(c0), 1, 16).replace(",\"total_length\":16", "")));
    assertEquals(
        ErrorCode.ENVELOPE_UNKNOWN_FIELD,
        code(
            rebuild(List.of(c0), 1, 16)
                .replace("\"mode\"", "\"ciphertext\":\"" + "00".repeat(16) + "\",\"mode\"")));
  }

  @Test
  void everyManipulation_withAMac_throwsMacMismatch() {
    byte[] body = TestKeys.keys().seal(DATA, TestKeys.chunked(16)).body().getBytes(US_ASCII);
    String sig = TestKeys.keys().sign(body);
    List<String> c = sealed();
    c.remove(3);
    // The undetectable-without-MAC case: truncation at a chunk boundary, counts rewritten.
    String truncated = rebuild(c, 3, 48);
    assertArrayEquals(
        java.util.Arrays.copyOf(DATA, 48),
        assertDoesNotThrowOpen(truncated),
        "documented limit of unauthenticated open");
    Tr31Exception e =
        assertThrows(
            Tr31Exception.class,
            () ->
                TestKeys.keys().open(truncated.getBytes(US_ASCII), sig, EnvelopeOptions.DEFAULTS));
    assertEquals(ErrorCode.ENVELOPE_MAC_MISMATCH, e.code());
    assertArrayEquals(DATA, assertDoesNotThrowOpenSigned(body, sig));
  }

  private static byte[] assertDoesNotThrowOpen(String body) {
    try {
      return TestKeys.openUnauthenticated(TestKeys.keys(), body);
    } catch (Tr31Exception e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] assertDoesNotThrowOpenSigned(byte[] body, String sig) {
    try {
      return TestKeys.keys().open(body, sig, EnvelopeOptions.DEFAULTS);
    } catch (Tr31Exception e) {
      throw new AssertionError(e);
    }
  }
}
