/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.ErrorCode;
import io.tr31.internal.Hex;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Boundaries and orderings of the envelope contract (src/docs/ENVELOPE.md): field order, limits at
 * exactly their value, which check answers first, flushing, key lifecycle.
 */
class EnvelopeEdgeCasesTest {
  private static final byte[] DATA = TestKeys.bytes(100, 0x20);

  /** One chunk object, encrypted here with the JCE under the test MSK. */
  private static String chunk(int index, int ivSeed, byte[] pt) throws GeneralSecurityException {
    byte[] iv = TestKeys.bytes(16, ivSeed);
    return chunkJson(index, iv, encrypt(iv, pt));
  }

  private static String chunkJson(int index, byte[] iv, byte[] ct) {
    return "{\"index\":"
        + index
        + ",\"initialization_vector\":\""
        + Hex.encode(iv)
        + "\",\"ciphertext\":\""
        + Hex.encode(ct)
        + "\"}";
  }

  private static byte[] encrypt(byte[] iv, byte[] pt) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(TestKeys.MSK, "AES"), new IvParameterSpec(iv));
    return c.doFinal(pt);
  }

  private static String chunked(String head, List<String> chunks, String tail) {
    return "{\"format\":\"TR31-DATA-CHUNKED\",\"mode\":\"CBC\""
        + head
        + ",\"chunks\":["
        + String.join(",", chunks)
        + "]"
        + tail
        + "}";
  }

  private static byte[] open(String body) throws EnvelopeException {
    return TestKeys.msk().openUnauthenticated(body.getBytes(US_ASCII), OpenOptions.defaults());
  }

  private static byte[] openStreaming(String body) throws EnvelopeException, IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TestKeys.msk()
        .openUnauthenticated(
            new ByteArrayInputStream(body.getBytes(US_ASCII)), out, OpenOptions.defaults());
    return out.toByteArray();
  }

  private static EnvelopeException refused(String body) {
    return assertThrows(EnvelopeException.class, () -> open(body));
  }

  private static EnvelopeException refusedStreaming(String body) {
    return assertThrows(EnvelopeException.class, () -> openStreaming(body));
  }

  @Test
  void chunkSizeAndCountAfterTheChunks_areAcceptedWithFullChunks() throws Exception {
    byte[] a = TestKeys.bytes(20, 0x30);
    byte[] b = TestKeys.bytes(5, 0x50);
    String body =
        chunked(
            "",
            List.of(chunk(0, 1, a), chunk(1, 2, b)),
            ",\"chunk_size\":20,\"chunk_count\":2,\"total_length\":25");
    byte[] expected = new byte[25];
    System.arraycopy(a, 0, expected, 0, 20);
    System.arraycopy(b, 0, expected, 20, 5);
    assertArrayEquals(expected, open(body));
    assertArrayEquals(expected, openStreaming(body));
  }

  @Test
  void extraChunk_isReportedAtItsOwnOffsetWhenTheCountCameFirst() throws Exception {
    String extra = chunk(1, 2, new byte[3]);
    String body =
        chunked(
            ",\"chunk_size\":16,\"chunk_count\":1,\"total_length\":3",
            List.of(chunk(0, 1, new byte[3]), extra),
            "");
    EnvelopeException e = refusedStreaming(body);
    assertEquals(ErrorCode.ENVELOPE_CHUNK_COUNT, e.code());
    assertEquals(body.indexOf(extra), e.offset());
  }

  @Test
  void totalLengthInconsistentWithTheCiphertext_isRefusedBeforeThePaddingCheck() throws Exception {
    byte[] iv = TestKeys.bytes(16, 7);
    byte[] ct = encrypt(iv, new byte[31]); // 2 blocks, padding 0x01
    ct[15] ^= (byte) 0x80; // the padding byte decrypts to 0x81: invalid
    String body =
        chunked(
            ",\"chunk_size\":32,\"chunk_count\":1,\"total_length\":32",
            List.of(chunkJson(0, iv, ct)),
            "");
    // 32 plaintext bytes cannot fit in 32 ciphertext bytes: no decryption, no padding oracle.
    assertEquals(ErrorCode.ENVELOPE_TOTAL_LENGTH, refused(body).code());
    String honest = body.replace("\"total_length\":32", "\"total_length\":31");
    assertEquals(ErrorCode.ENVELOPE_PADDING, refused(honest).code());
  }

  @Test
  void nonLastChunkWithShortPlaintext_throwsChunkLengthAfterDecryption() throws Exception {
    // Both ciphertexts are full-sized for chunk_size 20, but the first plaintext has 16 bytes.
    String body =
        chunked(
            ",\"chunk_size\":20,\"chunk_count\":2,\"total_length\":36",
            List.of(chunk(0, 1, new byte[16]), chunk(1, 2, new byte[20])),
            "");
    assertEquals(ErrorCode.ENVELOPE_CHUNK_LENGTH, refused(body).code());
    assertEquals(ErrorCode.ENVELOPE_CHUNK_LENGTH, refusedStreaming(body).code());
  }

  @Test
  void chunkWithARepeatedIvOrCiphertextField_throwsDuplicateField() throws Exception {
    String c = chunk(0, 1, new byte[3]);
    int ct = c.indexOf(",\"ciphertext\"");
    String ivTwice = c.substring(0, ct) + c.substring(c.indexOf(",\"initialization_vector\""));
    String ctTwice = c.substring(0, c.length() - 1) + c.substring(ct);
    for (String dup : new String[] {ivTwice, ctTwice}) {
      String body =
          chunked(",\"chunk_size\":16,\"chunk_count\":1,\"total_length\":3", List.of(dup), "");
      assertEquals(ErrorCode.ENVELOPE_DUPLICATE_FIELD, refused(body).code(), dup);
    }
  }

  @Test
  void chunkSize_fromOneToTheMaximum_isAcceptedAndBeyondIsRefused() throws Exception {
    EnvelopeKey k = TestKeys.msk();
    for (int size : new int[] {1, EnvelopeKey.MAX_CHUNK_BYTES}) {
      assertArrayEquals(DATA, k.openUnauthenticated(k.sealChunked(DATA, size)), "size " + size);
    }
    for (int size : new int[] {0, EnvelopeKey.MAX_CHUNK_BYTES + 1}) {
      assertThrows(IllegalArgumentException.class, () -> k.sealChunked(DATA, size));
    }
    String max = k.sealChunked(DATA, EnvelopeKey.MAX_CHUNK_BYTES);
    String over =
        max.replace(
            "\"chunk_size\":" + EnvelopeKey.MAX_CHUNK_BYTES,
            "\"chunk_size\":" + (EnvelopeKey.MAX_CHUNK_BYTES + 1));
    assertEquals(ErrorCode.ENVELOPE_CHUNK_SIZE, refused(over).code());
  }

  @Test
  void emptyCiphertextInTheSealedLayout_isReportedByTheParserAtTheField() {
    String body =
        "{\"format\":\"TR31-DATA\",\"ciphertext\":\"\",\"initialization_vector\":\""
            + "00".repeat(16)
            + "\",\"mode\":\"CBC\"}";
    EnvelopeException e = refused(body);
    assertEquals(ErrorCode.ENVELOPE_CIPHERTEXT_LENGTH, e.code());
    assertEquals(body.indexOf("\"\""), e.offset());
  }

  @Test
  void utf16ByteOrderMarkFollowedByAsciiBytes_isRefusedAsNotUtf8AtOffsetZero() {
    for (byte[] bom : new byte[][] {{(byte) 0xFE, (byte) 0xFF}, {(byte) 0xFF, (byte) 0xFE}}) {
      byte[] body = {bom[0], bom[1], '{', '}'};
      EnvelopeException e =
          assertThrows(EnvelopeException.class, () -> TestKeys.msk().openUnauthenticated(body));
      assertEquals(ErrorCode.ENVELOPE_JSON_SYNTAX, e.code());
      assertEquals(0, e.offset());
      assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
    }
  }

  @Test
  void gzip_decompressedSizeExactlyAtTheLimit_isAcceptedAndOneByteLessIsNot() throws Exception {
    EnvelopeKey k = TestKeys.msk();
    byte[] body = k.sealGzip(DATA).getBytes(US_ASCII);
    OpenOptions exact = OpenOptions.defaults().withGzip().withMaxDecompressedBytes(DATA.length);
    assertArrayEquals(DATA, k.openUnauthenticated(body, exact));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    k.openUnauthenticated(new ByteArrayInputStream(body), out, exact);
    assertArrayEquals(DATA, out.toByteArray());
    OpenOptions tight = exact.withMaxDecompressedBytes(DATA.length - 1);
    assertEquals(
        ErrorCode.ENVELOPE_DECOMPRESSED_TOO_LARGE,
        assertThrows(EnvelopeException.class, () -> k.openUnauthenticated(body, tight)).code());
  }

  @Test
  void bodyExactlyAtTheBodyLimit_opensAndOneByteMoreIsTooLarge() throws Exception {
    EnvelopeKey k = TestKeys.msk();
    MacKey mac = TestKeys.mac();
    byte[] body = k.seal(DATA).getBytes(US_ASCII);
    OpenOptions exact = OpenOptions.defaults().withMaxBodyBytes(body.length);
    assertArrayEquals(DATA, k.openUnauthenticated(body, exact));
    assertArrayEquals(DATA, k.open(body, mac.sign(body), mac, exact));
    OpenOptions tight = OpenOptions.defaults().withMaxBodyBytes(body.length - 1);
    assertEquals(
        ErrorCode.ENVELOPE_TOO_LARGE,
        assertThrows(EnvelopeException.class, () -> k.openUnauthenticated(body, tight)).code());
  }

  @Test
  void openOptions_limitsFromOneToTheMaximum_areKeptAndOthersRefused() {
    OpenOptions d = OpenOptions.defaults();
    for (int v : new int[] {1, OpenOptions.MAX_LIMIT_BYTES}) {
      assertEquals(v, d.withMaxBodyBytes(v).maxBodyBytes());
      assertEquals(v, d.withMaxDecompressedBytes(v).maxDecompressedBytes());
    }
    for (int v : new int[] {0, OpenOptions.MAX_LIMIT_BYTES + 1}) {
      assertThrows(IllegalArgumentException.class, () -> d.withMaxBodyBytes(v));
      assertThrows(IllegalArgumentException.class, () -> d.withMaxDecompressedBytes(v));
    }
    assertEquals(
        "OpenOptions[gzip=true, maxBodyBytes=7, maxDecompressedBytes=9]",
        d.withGzip().withMaxBodyBytes(7).withMaxDecompressedBytes(9).toString());
  }

  @Test
  void keys_reportTheirStateInIsDestroyedAndToString_andDestroyTwiceIsHarmless() {
    EnvelopeKey k = TestKeys.msk();
    MacKey m = TestKeys.mac();
    assertFalse(k.isDestroyed());
    assertFalse(m.isDestroyed());
    assertEquals("EnvelopeKey[AES-256-CBC]", k.toString());
    assertEquals("MacKey[HMAC-SHA256]", m.toString());
    k.destroy();
    m.destroy();
    k.destroy();
    m.destroy();
    assertTrue(k.isDestroyed());
    assertTrue(m.isDestroyed());
    assertEquals("EnvelopeKey[AES-256-CBC, destroyed]", k.toString());
    assertEquals("MacKey[HMAC-SHA256, destroyed]", m.toString());
  }

  @Test
  void openUnauthenticated_withTheDefaultOptions_returnsThePlaintext() throws Exception {
    EnvelopeKey k = TestKeys.msk();
    assertArrayEquals(DATA, k.openUnauthenticated(k.seal(DATA).getBytes(US_ASCII)));
  }

  @Test
  void verifyStream_wrongSignature_throwsMacMismatch() throws Exception {
    MacKey m = TestKeys.mac();
    String good = m.sign(DATA);
    m.verify(new ByteArrayInputStream(DATA), good);
    String bad = (good.charAt(0) == '0' ? "1" : "0") + good.substring(1);
    EnvelopeException e =
        assertThrows(EnvelopeException.class, () -> m.verify(new ByteArrayInputStream(DATA), bad));
    assertEquals(ErrorCode.ENVELOPE_MAC_MISMATCH, e.code());
  }

  @Test
  void streamingSeals_flushTheBodyWithoutClosingIt() throws Exception {
    EnvelopeKey k = TestKeys.msk();
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    BufferedOutputStream buffered = new BufferedOutputStream(sink, 1 << 16);
    k.seal(new ByteArrayInputStream(DATA), buffered);
    assertArrayEquals(DATA, k.openUnauthenticated(sink.toByteArray(), OpenOptions.defaults()));
    sink.reset();
    k.sealChunked(new ByteArrayInputStream(DATA), buffered, 16);
    assertArrayEquals(DATA, k.openUnauthenticated(sink.toByteArray(), OpenOptions.defaults()));
  }

  @Test
  void streamingSeal_drawsAFreshIvEachTime() throws Exception {
    EnvelopeKey k = TestKeys.msk();
    ByteArrayOutputStream a = new ByteArrayOutputStream();
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    k.seal(new ByteArrayInputStream(DATA), a);
    k.seal(new ByteArrayInputStream(DATA), b);
    assertNotEquals(a.toString(US_ASCII), b.toString(US_ASCII));
    assertFalse(a.toString(US_ASCII).contains("\"initialization_vector\":\"" + "00".repeat(16)));
  }

  @Test
  void seals_giveTheirCipherBackToTheKeysPool() throws Exception {
    EnvelopeKey k = TestKeys.msk();
    k.seal(DATA);
    assertEquals(1, k.live().pooled());
    EnvelopeKey s = TestKeys.msk();
    s.seal(new ByteArrayInputStream(DATA), new ByteArrayOutputStream());
    assertEquals(1, s.live().pooled());
  }

  @Test
  void chunkedWriter_singleByteWrites_writeTheSameBodyAsOneWrite() throws Exception {
    ByteArrayOutputStream bytewise = new ByteArrayOutputStream();
    try (ChunkedWriter w =
        new ChunkedWriter(new AesCbc(TestKeys.MSK), TestKeys.seeded(5), bytewise, 16)) {
      for (byte x : DATA) {
        w.write(x);
      }
    }
    String whole = EnvelopeKey.prepare(TestKeys.MSK, TestKeys.seeded(5)).sealChunked(DATA, 16);
    assertEquals(whole, bytewise.toString(US_ASCII));
  }
}
