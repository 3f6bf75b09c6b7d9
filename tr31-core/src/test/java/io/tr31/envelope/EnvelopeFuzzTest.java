/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Any byte string as an envelope body: the only failure allowed is {@link EnvelopeException}; the
 * byte-array, signed and streaming paths agree. Seeds: {@code EnvelopeFuzzTestInputs/}.
 */
class EnvelopeFuzzTest {
  private static final EnvelopeKey MSK = TestKeys.msk();
  private static final MacKey MAC = TestKeys.mac();
  private static final OpenOptions OPTIONS = OpenOptions.defaults().withMaxBodyBytes(1 << 16);

  @FuzzTest(maxDuration = "15m")
  void open_anyBody_opensOrThrowsChecked(byte[] body) throws IOException {
    if (body == null) {
      return;
    }
    byte[] plain = open(body, OPTIONS);
    byte[] gunzipped = open(body, OPTIONS.withGzip());
    byte[] signed;
    try {
      // A MAC over the exact fuzzed bytes verifies, so the parser runs after it.
      signed = MSK.open(body, MAC.sign(body), MAC, OPTIONS);
    } catch (EnvelopeException e) {
      signed = null;
    }
    assertSame(plain, signed);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] streamed;
    try {
      MSK.openUnauthenticated(new ByteArrayInputStream(body), out, OPTIONS);
      streamed = out.toByteArray();
    } catch (EnvelopeException e) {
      streamed = null;
    }
    assertSame(plain, streamed);
    // A body that opens as gzip opens raw as well (gzip only adds a step after decryption).
    assertTrue(gunzipped == null || plain != null);
  }

  static byte[] open(byte[] body, OpenOptions options) {
    try {
      return MSK.openUnauthenticated(body, options);
    } catch (EnvelopeException e) {
      return null;
    }
  }

  static void assertSame(byte[] expected, byte[] actual) {
    assertEquals(expected == null, actual == null);
    if (expected != null) {
      assertArrayEquals(expected, actual);
    }
  }
}
