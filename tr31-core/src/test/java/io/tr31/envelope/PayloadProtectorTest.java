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
import io.tr31.Tr31Exception;
import io.tr31.Tr31FormatException;
import io.tr31.Tr31VerificationException;
import io.tr31.internal.Hex;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PayloadProtectorTest {
  private static final Pattern SINGLE =
      Pattern.compile(
          "\\{\"format\":\"TR31-DATA\",\"ciphertext\":\"([0-9A-F]+)\","
              + "\"initialization_vector\":\"([0-9A-F]{32})\",\"mode\":\"CBC\"}");
  private static final byte[] MESSAGE = "{\"ready\":true}".getBytes(UTF_8);

  @Test
  void seal_writesTheSeedWireFormatInOrderWithUpperCaseHex() throws Exception {
    String body = TestKeys.keys().seal(MESSAGE, EnvelopeOptions.DEFAULTS).body();
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
    PayloadProtector k = TestKeys.keys();
    assertNotEquals(
        k.seal(MESSAGE, EnvelopeOptions.DEFAULTS).body(),
        k.seal(MESSAGE, EnvelopeOptions.DEFAULTS).body());
  }

  @Test
  void openUnauthenticated_lowerCaseAndAnyFieldOrder_isAccepted() throws Exception {
    Matcher m = SINGLE.matcher(TestKeys.keys().seal(MESSAGE, EnvelopeOptions.DEFAULTS).body());
    assertTrue(m.matches());
    String reordered =
        "{ \"mode\" : \"CBC\", \"initialization_vector\":\""
            + m.group(2).toLowerCase(Locale.ROOT)
            + "\",\"ciphertext\":\""
            + m.group(1).toLowerCase(Locale.ROOT)
            + "\",\"format\":\"TR31-DATA\"}\n";
    assertArrayEquals(MESSAGE, TestKeys.openUnauthenticated(TestKeys.keys(), reordered));
  }

  @Test
  void open_validSignature_returnsPlaintext() throws Exception {
    byte[] body = TestKeys.keys().seal(MESSAGE, EnvelopeOptions.DEFAULTS).body().getBytes(US_ASCII);
    String sig = TestKeys.keys().sign(body);
    assertArrayEquals(MESSAGE, TestKeys.keys().open(body, sig, EnvelopeOptions.DEFAULTS));
    assertArrayEquals(
        MESSAGE,
        TestKeys.keys().open(body, sig.toLowerCase(Locale.ROOT), EnvelopeOptions.DEFAULTS));
  }

  @Test
  void sign_matchesAnIndependentJceMac() throws Exception {
    byte[] body = TestKeys.keys().seal(MESSAGE, EnvelopeOptions.DEFAULTS).body().getBytes(US_ASCII);
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(TestKeys.MAC, "HmacSHA256"));
    assertEquals(Hex.encode(mac.doFinal(body)), TestKeys.keys().sign(body));
  }

  @Test
  void sign_emptyBody_isTheCancelSignature() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(TestKeys.MAC, "HmacSHA256"));
    String sig = TestKeys.keys().sign(new byte[0]);
    assertEquals(Hex.encode(mac.doFinal()), sig);
    TestKeys.keys().verify(new byte[0], sig);
  }

  @Test
  void open_reSerialisedBody_throwsMacMismatch() {
    byte[] body = TestKeys.keys().seal(MESSAGE, EnvelopeOptions.DEFAULTS).body().getBytes(US_ASCII);
    String sig = TestKeys.keys().sign(body);
    // Same JSON meaning, different bytes: the MAC is over bytes, never over parsed JSON.
    byte[] spaced = new String(body, US_ASCII).replace(",", ", ").getBytes(US_ASCII);
    Tr31Exception e =
        assertThrows(
            Tr31Exception.class, () -> TestKeys.keys().open(spaced, sig, EnvelopeOptions.DEFAULTS));
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
    String sig = TestKeys.keys().sign(bytes);
    Tr31Exception e =
        assertThrows(
            Tr31Exception.class, () -> TestKeys.keys().open(bytes, sig, EnvelopeOptions.DEFAULTS));
    assertEquals(ErrorCode.ENVELOPE_PADDING, e.code());
  }

  @Test
  void open_invalidJsonWithoutValidMac_throwsMacMismatchBeforeParsing() {
    byte[] garbage = "not json at all".getBytes(US_ASCII);
    Tr31Exception e =
        assertThrows(
            Tr31Exception.class,
            () -> TestKeys.keys().open(garbage, "00".repeat(32), EnvelopeOptions.DEFAULTS));
    assertEquals(ErrorCode.ENVELOPE_MAC_MISMATCH, e.code());
    assertEquals(-1, e.offset());
  }

  @Test
  void open_malformedSignature_throwsSignatureMalformed() {
    byte[] body = TestKeys.keys().seal(MESSAGE, EnvelopeOptions.DEFAULTS).body().getBytes(US_ASCII);
    for (String sig : new String[] {"", "AB", "G".repeat(64), "0".repeat(63), "0".repeat(66)}) {
      Tr31Exception e =
          assertThrows(
              Tr31Exception.class, () -> TestKeys.keys().open(body, sig, EnvelopeOptions.DEFAULTS));
      assertEquals(ErrorCode.ENVELOPE_SIGNATURE_MALFORMED, e.code(), sig);
    }
  }

  @Test
  void sealGzip_openWithGzip_roundTrips() throws Exception {
    byte[] big = "{\"parameters\":[1,2,3]}".repeat(1000).getBytes(UTF_8);
    String body = TestKeys.keys().seal(big, TestKeys.GZIP).body();
    assertTrue(body.length() < big.length, "compressed");
    assertArrayEquals(
        big,
        TestKeys.keys()
            .openUnauthenticated(
                body.getBytes(US_ASCII), EnvelopeOptions.builder().gzip().build()));
  }

  @Test
  void openGzip_decompressionBomb_throwsDecompressedTooLarge() {
    byte[] zeros = new byte[8 << 20];
    String body = TestKeys.keys().seal(zeros, TestKeys.GZIP).body();
    EnvelopeOptions small = EnvelopeOptions.builder().gzip().maxDecompressedBytes(1 << 20).build();
    assertEquals(ErrorCode.ENVELOPE_DECOMPRESSED_TOO_LARGE, refusal(body, small));
  }

  @Test
  void openGzip_bombWithLyingTrailer_isStillStoppedAtTheLimit() throws Exception {
    byte[] gz = Gzip.compress(new byte[4 << 20]);
    gz[gz.length - 4] = 0; // ISIZE claims 0 bytes
    gz[gz.length - 3] = 0;
    gz[gz.length - 2] = 0;
    gz[gz.length - 1] = 0;
    String body = TestKeys.keys().seal(gz, EnvelopeOptions.DEFAULTS).body();
    EnvelopeOptions small = EnvelopeOptions.builder().gzip().maxDecompressedBytes(1 << 20).build();
    assertEquals(ErrorCode.ENVELOPE_DECOMPRESSED_TOO_LARGE, refusal(body, small));
  }

  @Test
  void openGzip_notGzip_throwsGzipCorrupt() {
    String body = TestKeys.keys().seal(MESSAGE, EnvelopeOptions.DEFAULTS).body();
    assertEquals(
        ErrorCode.ENVELOPE_GZIP_CORRUPT, refusal(body, EnvelopeOptions.builder().gzip().build()));
  }

  @Test
  void openGzip_truncatedGzip_throwsGzipCorrupt() {
    byte[] gz = Gzip.compress(MESSAGE);
    String body =
        TestKeys.keys()
            .seal(java.util.Arrays.copyOf(gz, gz.length - 5), EnvelopeOptions.DEFAULTS)
            .body();
    assertEquals(
        ErrorCode.ENVELOPE_GZIP_CORRUPT, refusal(body, EnvelopeOptions.builder().gzip().build()));
  }

  @Test
  void streaming_sealChunkedThenOpen_roundTripsWithAndWithoutGzip() throws Exception {
    byte[] data = TestKeys.bytes(100_000, 7);
    for (boolean gzip : new boolean[] {false, true}) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      if (gzip) {
        TestKeys.keys().seal(new ByteArrayInputStream(data), body, TestKeys.chunkedGzip(4096));
      } else {
        TestKeys.keys().seal(new ByteArrayInputStream(data), body, TestKeys.chunked(4096));
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      EnvelopeOptions o =
          gzip ? EnvelopeOptions.builder().gzip().build() : EnvelopeOptions.DEFAULTS;
      TestKeys.keys().openUnauthenticated(new ByteArrayInputStream(body.toByteArray()), out, o);
      assertArrayEquals(data, out.toByteArray());
      assertArrayEquals(data, TestKeys.keys().openUnauthenticated(body.toByteArray(), o));
    }
  }

  @Test
  void streaming_openOfSingleEnvelope_works() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TestKeys.keys()
        .openUnauthenticated(
            new ByteArrayInputStream(
                TestKeys.keys().seal(MESSAGE, EnvelopeOptions.DEFAULTS).body().getBytes(US_ASCII)),
            out,
            EnvelopeOptions.DEFAULTS);
    assertArrayEquals(MESSAGE, out.toByteArray());
  }

  @Test
  void verifyStream_acceptsTheSignatureOfSeal() throws Exception {
    SealedPayload sealed = TestKeys.keys().seal(TestKeys.bytes(50_000, 1), TestKeys.chunked(1024));
    byte[] body = sealed.body().getBytes(US_ASCII);
    TestKeys.keys().verify(new ByteArrayInputStream(body), sealed.signature());
    body[body.length / 2] ^= 1;
    Tr31Exception e =
        assertThrows(
            Tr31VerificationException.class,
            () -> TestKeys.keys().verify(new ByteArrayInputStream(body), sealed.signature()));
    assertEquals(ErrorCode.ENVELOPE_MAC_MISMATCH, e.code());
  }

  @Test
  void seal_signatureIsAnIndependentJceMacOfTheExactBodyBytes() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(TestKeys.MAC, "HmacSHA256"));
    for (EnvelopeOptions o :
        new EnvelopeOptions[] {
          EnvelopeOptions.DEFAULTS, TestKeys.GZIP, TestKeys.chunked(7), TestKeys.chunkedGzip(9)
        }) {
      SealedPayload sealed = TestKeys.keys().seal(TestKeys.bytes(100, 3), o);
      assertEquals(Hex.encode(mac.doFinal(sealed.body().getBytes(US_ASCII))), sealed.signature());
      byte[] opened = TestKeys.keys().open(sealed.body().getBytes(US_ASCII), sealed.signature(), o);
      assertArrayEquals(TestKeys.bytes(100, 3), opened);
    }
  }

  @Test
  void streamingSeal_returnsTheSignatureOfTheBytesWritten() throws Exception {
    for (EnvelopeOptions o :
        new EnvelopeOptions[] {
          EnvelopeOptions.DEFAULTS, TestKeys.GZIP, TestKeys.chunked(4096), TestKeys.chunkedGzip(99)
        }) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      String sig =
          TestKeys.keys().seal(new ByteArrayInputStream(TestKeys.bytes(20_000, 5)), body, o);
      assertEquals(TestKeys.keys().sign(body.toByteArray()), sig);
      assertArrayEquals(
          TestKeys.bytes(20_000, 5), TestKeys.keys().open(body.toByteArray(), sig, o));
    }
  }

  @Test
  void streamingSeal_readFailure_leavesTheBodyIncomplete() {
    for (EnvelopeOptions o :
        new EnvelopeOptions[] {
          EnvelopeOptions.DEFAULTS, TestKeys.chunked(16), TestKeys.GZIP, TestKeys.chunkedGzip(16)
        }) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      InputStream failing =
          new java.io.SequenceInputStream(
              new ByteArrayInputStream(TestKeys.bytes(100, 1)),
              new InputStream() {
                @Override
                public int read() throws IOException {
                  throw new IOException("connection reset");
                }
              });
      assertThrows(IOException.class, () -> TestKeys.keys().seal(failing, body, o));
      // Never a complete envelope of the part read: no trailer was written.
      assertThrows(
          Tr31FormatException.class,
          () -> TestKeys.keys().openUnauthenticated(body.toByteArray(), o));
    }
  }

  @Test
  void open_bodyOverLimit_throwsTooLargeBeforeTheMac() {
    byte[] body =
        TestKeys.keys().seal(new byte[1000], EnvelopeOptions.DEFAULTS).body().getBytes(US_ASCII);
    Tr31Exception e =
        assertThrows(
            Tr31Exception.class,
            () ->
                TestKeys.keys()
                    .open(
                        body,
                        "00".repeat(32),
                        EnvelopeOptions.builder().maxBodyBytes(100).build()));
    assertEquals(ErrorCode.ENVELOPE_TOO_LARGE, e.code());
  }

  @Test
  void streamingSeal_singleFormat_matchesTheWireFormat() throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    TestKeys.keys()
        .seal(new ByteArrayInputStream(TestKeys.bytes(20_000, 3)), body, EnvelopeOptions.DEFAULTS);
    String s = body.toString(US_ASCII);
    assertTrue(SINGLE.matcher(s).matches());
    assertArrayEquals(TestKeys.bytes(20_000, 3), TestKeys.openUnauthenticated(TestKeys.keys(), s));
  }

  @Test
  void oneKeyManyThreads_sealAndOpenIndependently() throws Exception {
    PayloadProtector k = TestKeys.keys();
    PayloadProtector m = TestKeys.keys();
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
                        (i % 2 == 0
                                ? k.seal(msg, EnvelopeOptions.DEFAULTS).body()
                                : k.seal(msg, TestKeys.chunked(16)).body())
                            .getBytes(US_ASCII);
                    if (!java.util.Arrays.equals(
                        msg, k.open(body, m.sign(body), EnvelopeOptions.DEFAULTS))) {
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
    PayloadProtector k = TestKeys.keys();
    PayloadProtector m = TestKeys.keys();
    k.destroy();
    m.destroy();
    k.destroy();
    assertTrue(k.isDestroyed());
    assertTrue(m.isDestroyed());
    assertThrows(
        IllegalStateException.class, () -> k.seal(MESSAGE, EnvelopeOptions.DEFAULTS).body());
    assertThrows(IllegalStateException.class, () -> TestKeys.openUnauthenticated(k, "{}"));
    assertThrows(IllegalStateException.class, () -> m.sign(MESSAGE));
    assertThrows(IllegalStateException.class, () -> m.verify(MESSAGE, "00".repeat(32)));
    assertThrows(
        IllegalStateException.class, () -> m.open(MESSAGE, "00".repeat(32), TestKeys.GZIP));
    assertThrows(IllegalStateException.class, k::view);
    // Use after destroy is that one exception, even where the input is also malformed.
    assertThrows(IllegalStateException.class, () -> m.verify(MESSAGE, "not hex"));
    assertThrows(
        IllegalStateException.class, () -> m.verify(new ByteArrayInputStream(MESSAGE), "not hex"));
    assertThrows(
        IllegalStateException.class,
        () ->
            k.openUnauthenticated(
                new ByteArrayInputStream(MESSAGE),
                new ByteArrayOutputStream(),
                EnvelopeOptions.DEFAULTS));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    assertThrows(
        IllegalStateException.class,
        () -> k.seal(new ByteArrayInputStream(MESSAGE), body, TestKeys.chunked(4)));
    assertEquals(0, body.size(), "nothing written under a destroyed key");
    assertFalse(k.toString().contains("10111213"));
  }

  @Test
  void view_closeDoesNotDestroy_ownerDestroyEndsTheView() throws Exception {
    PayloadProtector owner = TestKeys.keys();
    PayloadProtector view = owner.view();
    try (PayloadProtector v = view) {
      assertArrayEquals(
          MESSAGE,
          TestKeys.openUnauthenticated(v, v.seal(MESSAGE, EnvelopeOptions.DEFAULTS).body()));
    }
    view.destroy();
    assertFalse(view.isDestroyed());
    assertFalse(owner.isDestroyed());
    owner.sign(MESSAGE);
    owner.close();
    assertTrue(view.isDestroyed());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> view.sign(MESSAGE));
    assertEquals("PayloadProtector was destroyed", e.getMessage());
  }

  @Test
  void openOptions_limitsOutOfRange_throwIllegalArgument() {
    assertThrows(
        IllegalArgumentException.class, () -> EnvelopeOptions.builder().maxBodyBytes(0).build());
    assertThrows(
        IllegalArgumentException.class,
        () -> EnvelopeOptions.builder().maxDecompressedBytes(-1).build());
    assertEquals(64 << 20, EnvelopeOptions.DEFAULTS.maxDecompressedBytes());
    assertFalse(EnvelopeOptions.DEFAULTS.gzip());
    assertTrue(EnvelopeOptions.builder().gzip().build().gzip());
  }

  @Test
  void create_wrongKeyLengths_throwIllegalArgument() {
    byte[] mac = TestKeys.MAC;
    assertThrows(IllegalArgumentException.class, () -> PayloadProtector.create(new byte[16], mac));
    assertThrows(IllegalArgumentException.class, () -> PayloadProtector.create(new byte[33], mac));
    assertThrows(
        IllegalArgumentException.class, () -> PayloadProtector.create(TestKeys.MSK, new byte[15]));
    PayloadProtector.create(TestKeys.MSK, new byte[16]).close();
    assertThrows(IllegalArgumentException.class, () -> EnvelopeOptions.builder().chunked(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> EnvelopeOptions.builder().chunked(EnvelopeOptions.MAX_CHUNK_BYTES + 1));
  }

  /** The code of the unauthenticated open's refusal of {@code body}. */
  private static ErrorCode refusal(String body, EnvelopeOptions options) {
    return assertThrows(
            Tr31Exception.class,
            () -> TestKeys.keys().openUnauthenticated(body.getBytes(US_ASCII), options))
        .code();
  }
}
