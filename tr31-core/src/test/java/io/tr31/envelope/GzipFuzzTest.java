/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tr31.ErrorCode;
import io.tr31.Tr31Exception;
import java.io.IOException;

/**
 * Any bytes as the inner gzip payload: the reader throws only its two documented codes, and what it
 * accepts the JDK's {@code GZIPInputStream} reads to the same bytes (ours is only ever stricter).
 * Seeds: {@code GzipFuzzTestInputs/}.
 */
class GzipFuzzTest {
  private static final int MAX = 1 << 16;

  @FuzzTest(maxDuration = "15m")
  void decompress_anyBytes_isWhatTheJdkReadsOrAChecked(byte[] gz) throws IOException {
    if (gz == null) {
      return;
    }
    byte[] ours;
    try {
      ours = Gzip.decompress(gz, MAX);
    } catch (Tr31Exception e) {
      assertTrue(
          e.code() == ErrorCode.ENVELOPE_GZIP_CORRUPT
              || e.code() == ErrorCode.ENVELOPE_DECOMPRESSED_TOO_LARGE,
          e.code().name());
      return;
    }
    assertArrayEquals(GzipTest.jdk(gz), ours);
  }
}
