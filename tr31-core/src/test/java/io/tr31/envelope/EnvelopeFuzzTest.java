/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tr31.Tr31Exception;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Any byte string as an envelope body: the only failure allowed is {@link Tr31Exception}; the
 * byte-array, signed and streaming paths agree. Seeds: {@code EnvelopeFuzzTestInputs/}.
 */
class EnvelopeFuzzTest {
  private static final PayloadProtector KEYS = TestKeys.keys();
  private static final EnvelopeOptions OPTIONS =
      EnvelopeOptions.builder().maxBodyBytes(1 << 16).build();
  private static final EnvelopeOptions GZIP_OPTIONS =
      EnvelopeOptions.builder().gzip().maxBodyBytes(1 << 16).build();

  @FuzzTest(maxDuration = "15m")
  void open_anyBody_opensOrThrowsChecked(byte[] body) throws IOException {
    if (body == null) {
      return;
    }
    byte[] plain = open(body, OPTIONS);
    byte[] gunzipped = open(body, GZIP_OPTIONS);
    byte[] signed;
    try {
      // A MAC over the exact fuzzed bytes verifies, so the parser runs after it.
      signed = KEYS.open(body, KEYS.sign(body), OPTIONS);
    } catch (Tr31Exception e) {
      signed = null;
    }
    assertSame(plain, signed);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] streamed;
    try {
      KEYS.openUnauthenticated(new ByteArrayInputStream(body), out, OPTIONS);
      streamed = out.toByteArray();
    } catch (Tr31Exception e) {
      streamed = null;
    }
    assertSame(plain, streamed);
    // A body that opens as gzip opens raw as well (gzip only adds a step after decryption).
    assertTrue(gunzipped == null || plain != null);
  }

  static byte[] open(byte[] body, EnvelopeOptions options) {
    try {
      return KEYS.openUnauthenticated(body, options);
    } catch (Tr31Exception e) {
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
