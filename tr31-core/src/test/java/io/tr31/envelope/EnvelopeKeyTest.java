/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.ErrorCode;
import io.tr31.internal.Hex;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class EnvelopeKeyTest {
  private static final Pattern SINGLE =
      Pattern.compile(
          "\\{\"format\":\"TR31-DATA\",\"ciphertext\":\"([0-9A-F]+)\","
              + "\"initialization_vector\":\"([0-9A-F]{32})\",\"mode\":\"CBC\"}");
  private static final byte[] MESSAGE = "{\"ready\":true}".getBytes(UTF_8);

  @Test
  void seal_writesTheSeedWireFormatInOrderWithUpperCaseHex() throws Exception {
    String body = TestKeys.msk().seal(MESSAGE);
    Matcher m = SINGLE.matcher(body);
    assertTrue(m.matches(), body);
    // Independent JCE path: decrypt what the body says with a fresh Cipher.
    Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
    c.init(
        Cipher.DECRYPT_MODE,
        new SecretKeySpec(TestKeys.MSK, "AES"),
        new IvParameterSpec(Hex.decode(m.group(2))));
    assertArrayEquals(MESSAGE, c.doFinal(Hex.decode(m.group(1))));
  }

  @Test
  void seal_twice_usesFreshIvs() {
    EnvelopeKey k = TestKeys.msk();
    assertNotEquals(k.seal(MESSAGE), k.seal(MESSAGE));
  }

  @Test
  void openUnauthenticated_lowerCaseAndAnyFieldOrder_isAccepted() throws Exception {
    Matcher m = SINGLE.matcher(TestKeys.msk().seal(MESSAGE));
    assertTrue(m.matches());
    String reordered =
        "{ \"mode\" : \"CBC\", \"initialization_vector\":\""
            + m.group(2).toLowerCase(Locale.ROOT)
            + "\",\"ciphertext\":\""
            + m.group(1).toLowerCase(Locale.ROOT)
            + "\",\"format\":\"TR31-DATA\"}\n";
    assertArrayEquals(MESSAGE, TestKeys.msk().openUnauthenticated(reordered));
  }

  @Test
  void open_validSignature_returnsPlaintext() throws Exception {
    byte[] body = TestKeys.msk().seal(MESSAGE).getBytes(US_ASCII);
    String sig = TestKeys.mac().sign(body);
    assertArrayEquals(MESSAGE, TestKeys.msk().open(body, sig, TestKeys.mac()));
    assertArrayEquals(
        MESSAGE, TestKeys.msk().open(body, sig.toLowerCase(Locale.ROOT), TestKeys.mac()));
  }

  @Test
  void sign_matchesAnIndependentJceMac() throws Exception {
    byte[] body = TestKeys.msk().seal(MESSAGE).getBytes(US_ASCII);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(TestKeys.MAC, "HmacSHA256"));
    assertEquals(Hex.encode(mac.doFinal(body)), TestKeys.mac().sign(body));
  }

  @Test
  void sign_emptyBody_isTheCancelSignature() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(TestKeys.MAC, "HmacSHA256"));
    String sig = TestKeys.mac().sign(new byte[0]);
    assertEquals(Hex.encode(mac.doFinal()), sig);
    TestKeys.mac().verify(new byte[0], sig);
  }

  @Test
  void open_reSerialisedBody_throwsMacMismatch() {
    byte[] body = TestKeys.msk().seal(MESSAGE).getBytes(US_ASCII);
    String sig = TestKeys.mac().sign(body);
    // Same JSON meaning, different bytes: the MAC is over bytes, never over parsed JSON.
    byte[] spaced = new String(body, US_ASCII).replace(",", ", ").getBytes(US_ASCII);
    EnvelopeException e =
        assertThrows(
            EnvelopeException.class, () -> TestKeys.msk().open(spaced, sig, TestKeys.mac()));
    assertEquals(ErrorCode.ENVELOPE_MAC_MISMATCH, e.code());
  }

  @Test
  void open_badPaddingAfterValidMac_throwsPaddingNotMacMismatch() {
    byte[] bogus = new byte[32];
    String body =
        "{\"format\":\"TR31-DATA\",\"ciphertext\":\""
            + Hex.encode(bogus)
            + "\",\"initialization_vector\":\""
            + Hex.encode(new byte[16])
            + "\",\"mode\":\"CBC\"}";
    byte[] bytes = body.getBytes(US_ASCII);
    String sig = TestKeys.mac().sign(bytes);
    EnvelopeException e =
        assertThrows(
            EnvelopeException.class, () -> TestKeys.msk().open(bytes, sig, TestKeys.mac()));
    assertEquals(ErrorCode.ENVELOPE_PADDING, e.code());
  }

  @Test
  void open_invalidJsonWithoutValidMac_throwsMacMismatchBeforeParsing() {
    byte[] garbage = "not json at all".getBytes(US_ASCII);
    EnvelopeException e =
        assertThrows(
            EnvelopeException.class,
            () -> TestKeys.msk().open(garbage, "00".repeat(32), TestKeys.mac()));
    assertEquals(ErrorCode.ENVELOPE_MAC_MISMATCH, e.code());
    assertEquals(-1, e.offset());
  }

  @Test
  void open_malformedSignature_throwsSignatureMalformed() {
    byte[] body = TestKeys.msk().seal(MESSAGE).getBytes(US_ASCII);
    for (String sig : new String[] {"", "AB", "G".repeat(64), "0".repeat(63), "0".repeat(66)}) {
      EnvelopeException e =
          assertThrows(
              EnvelopeException.class, () -> TestKeys.msk().open(body, sig, TestKeys.mac()));
      assertEquals(ErrorCode.ENVELOPE_SIGNATURE_MALFORMED, e.code(), sig);
    }
  }

  @Test
  void sealGzip_openWithGzip_roundTrips() throws Exception {
    byte[] big = "{\"parameters\":[1,2,3]}".repeat(1000).getBytes(UTF_8);
    String body = TestKeys.msk().sealGzip(big);
    assertTrue(body.length() < big.length, "compressed");
    assertArrayEquals(
        big,
        TestKeys.msk()
            .openUnauthenticated(body.getBytes(US_ASCII), OpenOptions.defaults().withGzip()));
  }

  @Test
  void openGzip_decompressionBomb_throwsDecompressedTooLarge() {
    byte[] zeros = new byte[8 << 20];
    String body = TestKeys.msk().sealGzip(zeros);
    OpenOptions small = OpenOptions.defaults().withGzip().withMaxDecompressedBytes(1 << 20);
    EnvelopeException e =
        assertThrows(
            EnvelopeException.class,
            () -> TestKeys.msk().openUnauthenticated(body.getBytes(US_ASCII), small));
    assertEquals(ErrorCode.ENVELOPE_DECOMPRESSED_TOO_LARGE, e.code());
  }

  @Test
  void openGzip_bombWithLyingTrailer_isStillStoppedAtTheLimit() throws Exception {
    byte[] gz = Gzip.compress(new byte[4 << 20]);
    gz[gz.length - 4] = 0; // ISIZE claims 0 bytes
    gz[gz.length - 3] = 0;
    gz[gz.length - 2] = 0;
    gz[gz.length - 1] = 0;
    String body = TestKeys.msk().seal(gz);
    OpenOptions small = OpenOptions.defaults().withGzip().withMaxDecompressedBytes(1 << 20);
    EnvelopeException e =
        assertThrows(
            EnvelopeException.class,
            () -> TestKeys.msk().openUnauthenticated(body.getBytes(US_ASCII), small));
    assertEquals(ErrorCode.ENVELOPE_DECOMPRESSED_TOO_LARGE, e.code());
  }

  @Test
  void openGzip_notGzip_throwsGzipCorrupt() {
    String body = TestKeys.msk().seal(MESSAGE);
    EnvelopeException e =
        assertThrows(
            EnvelopeException.class,
            () ->
                TestKeys.msk()
                    .openUnauthenticated(
                        body.getBytes(US_ASCII), OpenOptions.defaults().withGzip()));
    assertEquals(ErrorCode.ENVELOPE_GZIP_CORRUPT, e.code());
  }

  @Test
  void openGzip_truncatedGzip_throwsGzipCorrupt() {
    byte[] gz = Gzip.compress(MESSAGE);
    String body = TestKeys.msk().seal(java.util.Arrays.copyOf(gz, gz.length - 5));
    EnvelopeException e =
        assertThrows(
            EnvelopeException.class,
            () ->
                TestKeys.msk()
                    .openUnauthenticated(
                        body.getBytes(US_ASCII), OpenOptions.defaults().withGzip()));
    assertEquals(ErrorCode.ENVELOPE_GZIP_CORRUPT, e.code());
  }

  @Test
  void streaming_sealChunkedThenOpen_roundTripsWithAndWithoutGzip() throws Exception {
    byte[] data = TestKeys.bytes(100_000, 7);
    for (boolean gzip : new boolean[] {false, true}) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      if (gzip) {
        TestKeys.msk().sealChunkedGzip(new ByteArrayInputStream(data), body, 4096);
      } else {
        TestKeys.msk().sealChunked(new ByteArrayInputStream(data), body, 4096);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      OpenOptions o = gzip ? OpenOptions.defaults().withGzip() : OpenOptions.defaults();
      TestKeys.msk().openUnauthenticated(new ByteArrayInputStream(body.toByteArray()), out, o);
      assertArrayEquals(data, out.toByteArray());
      assertArrayEquals(data, TestKeys.msk().openUnauthenticated(body.toByteArray(), o));
    }
  }

  @Test
  void streaming_openOfSingleEnvelope_works() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TestKeys.msk()
        .openUnauthenticated(
            new ByteArrayInputStream(TestKeys.msk().seal(MESSAGE).getBytes(US_ASCII)),
            out,
            OpenOptions.defaults());
    assertArrayEquals(MESSAGE, out.toByteArray());
  }

  @Test
  void macKey_verifyStream_acceptsTheSameSignature() throws Exception {
    byte[] body = TestKeys.msk().sealChunked(TestKeys.bytes(50_000, 1), 1024).getBytes(US_ASCII);
    String sig = TestKeys.mac().sign(body);
    assertEquals(sig, TestKeys.mac().sign(new ByteArrayInputStream(body)));
    TestKeys.mac().verify(new ByteArrayInputStream(body), sig);
  }

  @Test
  void open_bodyOverLimit_throwsTooLargeBeforeTheMac() {
    byte[] body = TestKeys.msk().seal(new byte[1000]).getBytes(US_ASCII);
    EnvelopeException e =
        assertThrows(
            EnvelopeException.class,
            () ->
                TestKeys.msk()
                    .open(
                        body,
                        "00".repeat(32),
                        TestKeys.mac(),
                        OpenOptions.defaults().withMaxBodyBytes(100)));
    assertEquals(ErrorCode.ENVELOPE_TOO_LARGE, e.code());
  }

  @Test
  void streamingSeal_singleFormat_matchesTheWireFormat() throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    TestKeys.msk().seal(new ByteArrayInputStream(TestKeys.bytes(20_000, 3)), body);
    String s = body.toString(US_ASCII);
    assertTrue(SINGLE.matcher(s).matches());
    assertArrayEquals(TestKeys.bytes(20_000, 3), TestKeys.msk().openUnauthenticated(s));
  }

  @Test
  void oneKeyManyThreads_sealAndOpenIndependently() throws Exception {
    EnvelopeKey k = TestKeys.msk();
    MacKey m = TestKeys.mac();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<Boolean>> results = new java.util.ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int seed = t;
        results.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 200; i++) {
                    byte[] msg = TestKeys.bytes(seed * 37 + i, seed);
                    byte[] body =
                        (i % 2 == 0 ? k.seal(msg) : k.sealChunked(msg, 16)).getBytes(US_ASCII);
                    if (!java.util.Arrays.equals(msg, k.open(body, m.sign(body), m))) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (java.util.concurrent.Future<Boolean> f : results) {
        assertTrue(f.get());
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void destroy_thenUse_throwsIllegalState() {
    EnvelopeKey k = TestKeys.msk();
    MacKey m = TestKeys.mac();
    k.destroy();
    m.destroy();
    k.destroy();
    assertTrue(k.isDestroyed());
    assertTrue(m.isDestroyed());
    assertThrows(IllegalStateException.class, () -> k.seal(MESSAGE));
    assertThrows(IllegalStateException.class, () -> k.openUnauthenticated("{}"));
    assertThrows(IllegalStateException.class, () -> m.sign(MESSAGE));
    assertFalse(k.toString().contains("10111213"));
  }

  @Test
  void openOptions_limitsOutOfRange_throwIllegalArgument() {
    assertThrows(IllegalArgumentException.class, () -> OpenOptions.defaults().withMaxBodyBytes(0));
    assertThrows(
        IllegalArgumentException.class, () -> OpenOptions.defaults().withMaxDecompressedBytes(-1));
    assertEquals(64 << 20, OpenOptions.defaults().maxDecompressedBytes());
    assertFalse(OpenOptions.defaults().gzip());
    assertTrue(OpenOptions.defaults().withGzip().gzip());
  }

  @Test
  void prepare_wrongKeyLengths_throwIllegalArgument() {
    assertThrows(IllegalArgumentException.class, () -> EnvelopeKey.prepare(new byte[16]));
    assertThrows(IllegalArgumentException.class, () -> MacKey.prepare(new byte[15]));
    assertThrows(IllegalArgumentException.class, () -> TestKeys.msk().sealChunked(MESSAGE, 0));
  }
}
