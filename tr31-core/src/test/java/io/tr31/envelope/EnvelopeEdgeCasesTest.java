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
import io.tr31.Tr31Exception;
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

  private static byte[] open(String body) throws Tr31Exception {
    return TestKeys.keys().openUnauthenticated(body.getBytes(US_ASCII), EnvelopeOptions.DEFAULTS);
  }

  private static byte[] openStreaming(String body) throws Tr31Exception, IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TestKeys.keys()
        .openUnauthenticated(
            new ByteArrayInputStream(body.getBytes(US_ASCII)), out, EnvelopeOptions.DEFAULTS);
    return out.toByteArray();
  }

  private static Tr31Exception refused(String body) {
    return assertThrows(Tr31Exception.class, () -> open(body));
  }

  private static Tr31Exception refusedStreaming(String body) {
    return assertThrows(Tr31Exception.class, () -> openStreaming(body));
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
    Tr31Exception e = refusedStreaming(body);
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
    PayloadProtector k = TestKeys.keys();
    for (int size : new int[] {1, EnvelopeOptions.MAX_CHUNK_BYTES}) {
      assertArrayEquals(
          DATA,
          TestKeys.openUnauthenticated(k, k.seal(DATA, TestKeys.chunked(size)).body()),
          "size " + size);
    }
    for (int size : new int[] {0, EnvelopeOptions.MAX_CHUNK_BYTES + 1}) {
      assertThrows(
          IllegalArgumentException.class, () -> k.seal(DATA, TestKeys.chunked(size)).body());
    }
    String max = k.seal(DATA, TestKeys.chunked(EnvelopeOptions.MAX_CHUNK_BYTES)).body();
    String over =
        max.replace(
            "\"chunk_size\":" + EnvelopeOptions.MAX_CHUNK_BYTES,
            "\"chunk_size\":" + (EnvelopeOptions.MAX_CHUNK_BYTES + 1));
    assertEquals(ErrorCode.ENVELOPE_CHUNK_SIZE, refused(over).code());
  }

  @Test
  void emptyCiphertextInTheSealedLayout_isReportedByTheParserAtTheField() {
    String body =
        "{\"format\":\"TR31-DATA\",\"ciphertext\":\"\",\"initialization_vector\":\""
            + "00".repeat(16)
            + "\",\"mode\":\"CBC\"}";
    Tr31Exception e = refused(body);
    assertEquals(ErrorCode.ENVELOPE_CIPHERTEXT_LENGTH, e.code());
    assertEquals(body.indexOf("\"\""), e.offset());
  }

  @Test
  void utf16ByteOrderMarkFollowedByAsciiBytes_isRefusedAsNotUtf8AtOffsetZero() {
    for (byte[] bom : new byte[][] {{(byte) 0xFE, (byte) 0xFF}, {(byte) 0xFF, (byte) 0xFE}}) {
      byte[] body = {bom[0], bom[1], '{', '}'};
      Tr31Exception e =
          assertThrows(
              Tr31Exception.class, () -> TestKeys.openUnauthenticated(TestKeys.keys(), body));
      assertEquals(ErrorCode.ENVELOPE_JSON_SYNTAX, e.code());
      assertEquals(0, e.offset());
      assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
    }
  }

  @Test
  void gzip_decompressedSizeExactlyAtTheLimit_isAcceptedAndOneByteLessIsNot() throws Exception {
    PayloadProtector k = TestKeys.keys();
    byte[] body = k.seal(DATA, TestKeys.GZIP).body().getBytes(US_ASCII);
    EnvelopeOptions exact =
        EnvelopeOptions.builder().gzip().maxDecompressedBytes(DATA.length).build();
    assertArrayEquals(DATA, k.openUnauthenticated(body, exact));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    k.openUnauthenticated(new ByteArrayInputStream(body), out, exact);
    assertArrayEquals(DATA, out.toByteArray());
    EnvelopeOptions tight =
        EnvelopeOptions.builder().gzip().maxDecompressedBytes(DATA.length - 1).build();
    assertEquals(
        ErrorCode.ENVELOPE_DECOMPRESSED_TOO_LARGE,
        assertThrows(Tr31Exception.class, () -> k.openUnauthenticated(body, tight)).code());
  }

  @Test
  void bodyExactlyAtTheBodyLimit_opensAndOneByteMoreIsTooLarge() throws Exception {
    PayloadProtector k = TestKeys.keys();
    SealedPayload sealed = k.seal(DATA, EnvelopeOptions.DEFAULTS);
    byte[] body = sealed.body().getBytes(US_ASCII);
    EnvelopeOptions exact = EnvelopeOptions.builder().maxBodyBytes(body.length).build();
    assertArrayEquals(DATA, k.openUnauthenticated(body, exact));
    assertArrayEquals(DATA, k.open(body, sealed.signature(), exact));
    EnvelopeOptions tight = EnvelopeOptions.builder().maxBodyBytes(body.length - 1).build();
    assertEquals(
        ErrorCode.ENVELOPE_TOO_LARGE,
        assertThrows(Tr31Exception.class, () -> k.openUnauthenticated(body, tight)).code());
  }

  @Test
  void options_limitsFromOneToTheMaximum_areKeptAndOthersRefused() {
    for (int v : new int[] {1, EnvelopeOptions.MAX_LIMIT_BYTES}) {
      assertEquals(v, EnvelopeOptions.builder().maxBodyBytes(v).build().maxBodyBytes());
      assertEquals(
          v, EnvelopeOptions.builder().maxDecompressedBytes(v).build().maxDecompressedBytes());
    }
    for (int v : new int[] {0, EnvelopeOptions.MAX_LIMIT_BYTES + 1}) {
      assertThrows(IllegalArgumentException.class, () -> EnvelopeOptions.builder().maxBodyBytes(v));
      assertThrows(
          IllegalArgumentException.class, () -> EnvelopeOptions.builder().maxDecompressedBytes(v));
    }
    EnvelopeOptions o =
        EnvelopeOptions.builder().gzip().chunked(5).maxBodyBytes(7).maxDecompressedBytes(9).build();
    assertTrue(o.gzip());
    assertEquals(5, o.chunkSizeBytes());
    assertEquals(7, o.maxBodyBytes());
    assertEquals(9, o.maxDecompressedBytes());
    EnvelopeOptions d = EnvelopeOptions.DEFAULTS;
    assertFalse(d.gzip());
    assertEquals(0, d.chunkSizeBytes());
    assertEquals(EnvelopeOptions.DEFAULT_MAX_BODY_BYTES, d.maxBodyBytes());
    assertEquals(EnvelopeOptions.DEFAULT_MAX_DECOMPRESSED_BYTES, d.maxDecompressedBytes());
  }

  @Test
  void keys_reportTheirStateInIsDestroyed_toStringShowsNoKey_andDestroyTwiceIsHarmless() {
    PayloadProtector k = TestKeys.keys();
    assertFalse(k.isDestroyed());
    // Object's toString: the class and an identity hash, nothing of either key.
    assertTrue(k.toString().startsWith("io.tr31.envelope.PayloadProtector@"), k.toString());
    k.destroy();
    k.close();
    k.destroy();
    assertTrue(k.isDestroyed());
  }

  @Test
  void openUnauthenticated_withTheDefaultOptions_returnsThePlaintext() throws Exception {
    PayloadProtector k = TestKeys.keys();
    assertArrayEquals(
        DATA,
        TestKeys.openUnauthenticated(
            k, k.seal(DATA, EnvelopeOptions.DEFAULTS).body().getBytes(US_ASCII)));
  }

  @Test
  void verifyStream_wrongSignature_throwsMacMismatch() throws Exception {
    PayloadProtector m = TestKeys.keys();
    String good = m.sign(DATA);
    m.verify(new ByteArrayInputStream(DATA), good);
    String bad = (good.charAt(0) == '0' ? "1" : "0") + good.substring(1);
    Tr31Exception e =
        assertThrows(Tr31Exception.class, () -> m.verify(new ByteArrayInputStream(DATA), bad));
    assertEquals(ErrorCode.ENVELOPE_MAC_MISMATCH, e.code());
  }

  @Test
  void streamingSeals_flushTheBodyWithoutClosingIt() throws Exception {
    PayloadProtector k = TestKeys.keys();
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    BufferedOutputStream buffered = new BufferedOutputStream(sink, 1 << 16);
    k.seal(new ByteArrayInputStream(DATA), buffered, EnvelopeOptions.DEFAULTS);
    assertArrayEquals(DATA, k.openUnauthenticated(sink.toByteArray(), EnvelopeOptions.DEFAULTS));
    sink.reset();
    k.seal(new ByteArrayInputStream(DATA), buffered, TestKeys.chunked(16));
    assertArrayEquals(DATA, k.openUnauthenticated(sink.toByteArray(), EnvelopeOptions.DEFAULTS));
  }

  @Test
  void streamingSeal_drawsAFreshIvEachTime() throws Exception {
    PayloadProtector k = TestKeys.keys();
    ByteArrayOutputStream a = new ByteArrayOutputStream();
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    k.seal(new ByteArrayInputStream(DATA), a, EnvelopeOptions.DEFAULTS);
    k.seal(new ByteArrayInputStream(DATA), b, EnvelopeOptions.DEFAULTS);
    assertNotEquals(a.toString(US_ASCII), b.toString(US_ASCII));
    assertFalse(a.toString(US_ASCII).contains("\"initialization_vector\":\"" + "00".repeat(16)));
  }

  @Test
  void seals_giveTheirCipherBackToTheKeysPool() throws Exception {
    PayloadProtector k = TestKeys.keys();
    k.seal(DATA, EnvelopeOptions.DEFAULTS).body();
    assertEquals(1, k.aes().pooled());
    assertEquals(1, k.hmac().pooled());
    PayloadProtector s = TestKeys.keys();
    s.seal(new ByteArrayInputStream(DATA), new ByteArrayOutputStream(), EnvelopeOptions.DEFAULTS);
    assertEquals(1, s.aes().pooled());
    assertEquals(1, s.hmac().pooled());
  }

  @Test
  void chunkedWriter_singleByteWrites_writeTheSameBodyAsOneWrite() throws Exception {
    ByteArrayOutputStream bytewise = new ByteArrayOutputStream();
    AesCbc aes = new AesCbc(TestKeys.MSK, new io.tr31.internal.Lifecycle("test"));
    try (ChunkedWriter w = new ChunkedWriter(aes, TestKeys.seeded(5), bytewise, 16)) {
      for (byte x : DATA) {
        w.write(x);
      }
      w.finish();
    }
    String whole =
        PayloadProtector.create(TestKeys.MSK, TestKeys.MAC, TestKeys.seeded(5))
            .seal(DATA, TestKeys.chunked(16))
            .body();
    assertEquals(whole, bytewise.toString(US_ASCII));
  }
}
