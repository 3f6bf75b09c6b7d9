/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tr31.testing.HeapSearch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Review of session 5, finding 2: with gzip, {@code Gzip.compress} and {@code Gzip.decompress}
 * (and the streaming open's {@code compressed}) collected the payload in a {@code
 * ByteArrayOutputStream}, whose internal array (and every smaller one it outgrew) was dropped
 * unwiped; for incompressible data DEFLATE stores it verbatim. The test seals and opens a random
 * payload, wipes its own copies and searches a heap dump for the payload's first 32 bytes (3
 * copies before the fix in memory, 5 streamed). The controls without gzip find nothing, so what a
 * gzip case finds is the gzip path's. A garbage collection before the dump could hide a
 * regression, never fake one.
 */
class GzipResidueTest {
  private static final int PAYLOAD_BYTES = 4096;

  @Test
  void gzipSealAndOpen_leaveNoCopyOfThePayloadInTheHeap() throws Exception {
    assertEquals(0, copiesLeftAfterSealAndOpen(TestKeys.GZIP), "copies of the payload left");
  }

  @Test
  void sealAndOpenWithoutGzip_leaveNoCopyOfThePayloadInTheHeap() throws Exception {
    assertEquals(0, copiesLeftAfterSealAndOpen(EnvelopeOptions.DEFAULTS), "the probe's control");
  }

  @Test
  void gzipStreamedSealAndOpen_leaveNoCopyOfThePayloadInTheHeap() throws Exception {
    assertEquals(
        0, copiesLeftAfterStreamedSealAndOpen(TestKeys.chunkedGzip(1024)), "copies left streamed");
  }

  @Test
  void streamedSealAndOpenWithoutGzip_leaveNoCopyOfThePayloadInTheHeap() throws Exception {
    assertEquals(
        0, copiesLeftAfterStreamedSealAndOpen(TestKeys.chunked(1024)), "the streamed control");
  }

  private static int copiesLeftAfterSealAndOpen(EnvelopeOptions options) throws Exception {
    byte[] payload = randomPayload();
    HeapSearch secret = HeapSearch.mask(payload, 0, 32);
    try (PayloadProtector p = TestKeys.keys()) {
      SealedPayload sealed = p.seal(payload, options);
      Arrays.fill(payload, (byte) 0);
      byte[] back = p.open(sealed.body().getBytes(StandardCharsets.ISO_8859_1),
          sealed.signature(), options);
      Arrays.fill(back, (byte) 0);
    }
    return secret.holds();
  }

  /** The streaming seal and open, with a plaintext sink that keeps no copy the test cannot wipe. */
  private static int copiesLeftAfterStreamedSealAndOpen(EnvelopeOptions options) throws Exception {
    byte[] payload = randomPayload();
    HeapSearch secret = HeapSearch.mask(payload, 0, 32);
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(payload);
    byte[] back = new byte[PAYLOAD_BYTES];
    try (PayloadProtector p = TestKeys.keys()) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      p.seal(new ByteArrayInputStream(payload), body, options);
      Arrays.fill(payload, (byte) 0);
      p.openUnauthenticated(new ByteArrayInputStream(body.toByteArray()), into(back), options);
      assertArrayEquals(digest, MessageDigest.getInstance("SHA-256").digest(back), "round trip");
      Arrays.fill(back, (byte) 0);
    }
    return secret.holds();
  }

  private static byte[] randomPayload() {
    byte[] payload = new byte[PAYLOAD_BYTES];
    new SecureRandom().nextBytes(payload); // incompressible: DEFLATE stores it as it is
    return payload;
  }

  /** Writes into {@code target} from its start; more than fits is an error. */
  private static OutputStream into(byte[] target) {
    return new OutputStream() {
      private int pos;

      @Override
      public void write(int b) {
        target[pos++] = (byte) b;
      }

      @Override
      public void write(byte[] b, int off, int len) {
        System.arraycopy(b, off, target, pos, len);
        pos += len;
      }
    };
  }
}
