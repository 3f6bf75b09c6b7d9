/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tr31.ErrorCode;
import io.tr31.Tr31Exception;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Issue 12: bytes after the gzip member were silently dropped (the JDK's {@code GZIPInputStream}
 * reads a second member and ignores anything that does not start like one). Every open path, the
 * single and the chunked envelope, streaming and not, authenticated and not, refuses them.
 */
class GzipTrailingBytesTest {
  private static final byte[] JSON = "{\"parameters\":{\"currency\":\"EUR\"}}".getBytes(UTF_8);
  private static final EnvelopeOptions GZIP = EnvelopeOptions.builder().gzip().build();

  /** The payloads that end after a complete gzip member and must be refused. */
  private static Map<String, byte[]> trailing() {
    byte[] gz = Gzip.compress(JSON);
    Map<String, byte[]> m = new LinkedHashMap<>();
    m.put("one zero byte", concat(gz, new byte[1]));
    m.put("ASCII garbage", concat(gz, "garbage".getBytes(US_ASCII)));
    m.put("a second member", concat(gz, Gzip.compress("{}".getBytes(UTF_8))));
    m.put("a second member of nothing", concat(gz, Gzip.compress(new byte[0])));
    m.put("the start of a gzip header", concat(gz, new byte[] {0x1f, (byte) 0x8b}));
    m.put("the same member twice", concat(gz, gz));
    return m;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  private static void assertGzipCorrupt(String what, Executable open) {
    Tr31Exception e = assertThrows(Tr31Exception.class, open, what);
    assertEquals(ErrorCode.ENVELOPE_GZIP_CORRUPT, e.code(), what);
  }

  @Test
  void open_singleEnvelope_gzipWithTrailingBytes_isGzipCorruptOnEveryPath() {
    PayloadProtector k = TestKeys.keys();
    for (Map.Entry<String, byte[]> t : trailing().entrySet()) {
      byte[] body = k.seal(t.getValue(), EnvelopeOptions.DEFAULTS).body().getBytes(US_ASCII);
      String sig = TestKeys.keys().sign(body);
      assertGzipCorrupt(t.getKey(), () -> k.openUnauthenticated(body, GZIP));
      assertGzipCorrupt(t.getKey(), () -> k.open(body, sig, GZIP));
      assertGzipCorrupt(
          t.getKey(),
          () ->
              k.openUnauthenticated(
                  new ByteArrayInputStream(body), new ByteArrayOutputStream(), GZIP));
    }
  }

  @Test
  void open_chunkedEnvelope_gzipWithTrailingBytes_isGzipCorruptOnEveryPath() {
    PayloadProtector k = TestKeys.keys();
    for (Map.Entry<String, byte[]> t : trailing().entrySet()) {
      for (int chunk : new int[] {7, 16, 1 << 16}) {
        byte[] body = k.seal(t.getValue(), TestKeys.chunked(chunk)).body().getBytes(US_ASCII);
        String sig = TestKeys.keys().sign(body);
        String what = t.getKey() + ", chunk " + chunk;
        assertGzipCorrupt(what, () -> k.openUnauthenticated(body, GZIP));
        assertGzipCorrupt(what, () -> k.open(body, sig, GZIP));
        assertGzipCorrupt(
            what,
            () ->
                k.openUnauthenticated(
                    new ByteArrayInputStream(body), new ByteArrayOutputStream(), GZIP));
      }
    }
  }

  @Test
  void open_exactlyOneMember_stillOpensOnEveryPath() throws Exception {
    PayloadProtector k = TestKeys.keys();
    byte[] gz = Gzip.compress(JSON);
    for (String body :
        new String[] {
          k.seal(gz, EnvelopeOptions.DEFAULTS).body(),
          k.seal(gz, TestKeys.chunked(7)).body(),
          k.seal(JSON, TestKeys.GZIP).body()
        }) {
      byte[] b = body.getBytes(US_ASCII);
      assertArrayEquals(JSON, k.openUnauthenticated(b, GZIP));
      assertArrayEquals(JSON, k.open(b, TestKeys.keys().sign(b), GZIP));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      k.openUnauthenticated(new ByteArrayInputStream(b), out, GZIP);
      assertArrayEquals(JSON, out.toByteArray());
    }
  }
}
