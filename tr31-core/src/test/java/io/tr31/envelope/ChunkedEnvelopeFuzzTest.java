/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Chunked envelopes: fuzzed bodies (seeded with real chunked bodies) open or throw {@link
 * EnvelopeException}, byte-array and streaming paths agree, and whatever opens satisfies the chunk
 * invariants. Seeds: {@code ChunkedEnvelopeFuzzTestInputs/}.
 */
class ChunkedEnvelopeFuzzTest {
  private static final EnvelopeKey MSK = TestKeys.msk();
  private static final OpenOptions OPTIONS = OpenOptions.defaults().withMaxBodyBytes(1 << 16);

  @FuzzTest(maxDuration = "15m")
  void openChunked_anyBody_opensOrThrowsChecked(byte[] body) throws IOException, EnvelopeException {
    if (body == null) {
      return;
    }
    byte[] plain = EnvelopeFuzzTest.open(body, OPTIONS);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] streamed;
    try {
      MSK.openUnauthenticated(new ByteArrayInputStream(body), out, OPTIONS);
      streamed = out.toByteArray();
    } catch (EnvelopeException e) {
      streamed = null;
    }
    EnvelopeFuzzTest.assertSame(plain, streamed);
    if (plain != null) {
      // Whatever opens re-seals and re-opens to the same bytes.
      assertArrayEquals(plain, MSK.openUnauthenticated(MSK.sealChunked(plain, 64)));
    }
  }

  @FuzzTest(maxDuration = "15m")
  void sealChunked_anyPayloadAndChunkSize_roundTrips(byte[] data) throws EnvelopeException {
    if (data == null || data.length == 0) {
      return;
    }
    int chunkSize = 1 + (data[0] & 0xFF);
    String body = MSK.sealChunked(data, chunkSize);
    assertArrayEquals(data, MSK.openUnauthenticated(body));
    assertEquals(
        Math.max(1, (data.length + chunkSize - 1) / chunkSize),
        body.split("\"index\":", -1).length - 1);
  }
}
