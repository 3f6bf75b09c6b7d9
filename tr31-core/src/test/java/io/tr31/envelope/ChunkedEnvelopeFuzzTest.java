/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tr31.Tr31Exception;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Chunked envelopes: fuzzed bodies (seeded with real chunked bodies) open or throw {@link
 * Tr31Exception}, byte-array and streaming paths agree, and whatever opens satisfies the chunk
 * invariants. Seeds: {@code ChunkedEnvelopeFuzzTestInputs/}.
 */
class ChunkedEnvelopeFuzzTest {
  private static final PayloadProtector MSK = TestKeys.keys();
  private static final EnvelopeOptions OPTIONS =
      EnvelopeOptions.builder().maxBodyBytes(1 << 16).build();

  @FuzzTest(maxDuration = "15m")
  void openChunked_anyBody_opensOrThrowsChecked(byte[] body) throws IOException, Tr31Exception {
    if (body == null) {
      return;
    }
    byte[] plain = EnvelopeFuzzTest.open(body, OPTIONS);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] streamed;
    try {
      MSK.openUnauthenticated(new ByteArrayInputStream(body), out, OPTIONS);
      streamed = out.toByteArray();
    } catch (Tr31Exception e) {
      streamed = null;
    }
    EnvelopeFuzzTest.assertSame(plain, streamed);
    if (plain != null) {
      // Whatever opens re-seals and re-opens to the same bytes.
      assertArrayEquals(
          plain, TestKeys.openUnauthenticated(MSK, MSK.seal(plain, TestKeys.chunked(64)).body()));
    }
  }

  @FuzzTest(maxDuration = "15m")
  void sealChunked_anyPayloadAndChunkSize_roundTrips(byte[] data) throws Tr31Exception {
    if (data == null || data.length == 0) {
      return;
    }
    int chunkSize = 1 + (data[0] & 0xFF);
    String body = MSK.seal(data, TestKeys.chunked(chunkSize)).body();
    assertArrayEquals(data, TestKeys.openUnauthenticated(MSK, body));
    assertEquals(
        Math.max(1, (data.length + chunkSize - 1) / chunkSize),
        body.split("\"index\":", -1).length - 1);
  }
}
