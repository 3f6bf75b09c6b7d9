/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.tr31.ErrorCode;
import io.tr31.Tr31Exception;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The gzip member reader agrees with the JDK's {@code GZIPInputStream} on every single member
 * (random data, compression level and header fields), and refuses the member followed by any
 * non-empty tail.
 */
class GzipProperties {
  private static final int MAX = 1 << 20;

  private static byte[] data(long seed, int n, int alphabet) {
    Random r = new Random(seed);
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) r.nextInt(alphabet); // small alphabets compress, 256 mostly does not
    }
    return b;
  }

  @Test
  void decompress_anySingleMember_agreesWithTheJdk() {
    qt().forAll(longs().all(), integers().between(0, 20_000), integers().between(0, 0x1f))
        .checkAssert(
            (seed, n, flags) -> {
              byte[] d = data(seed, n, 1 + (int) Math.floorMod(seed, 256L));
              byte[] gz = GzipTest.member(d, flags, Math.floorMod(seed, 10));
              try {
                byte[] ours = Gzip.decompress(gz, MAX);
                if (!Arrays.equals(d, ours) || !Arrays.equals(GzipTest.jdk(gz), ours)) {
                  throw new AssertionError("round trip differs");
                }
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });
  }

  @Test
  void decompress_memberFollowedByAnyBytes_isCorrupt() {
    qt().forAll(longs().all(), integers().between(0, 2_000), integers().between(1, 64))
        .checkAssert(
            (seed, n, tail) -> {
              byte[] gz = Gzip.compress(data(seed, n, 16));
              byte[] withTail = Arrays.copyOf(gz, gz.length + tail);
              byte[] t = data(~seed, tail, 256);
              System.arraycopy(t, 0, withTail, gz.length, tail);
              try {
                Gzip.decompress(withTail, MAX);
                throw new AssertionError("accepted " + tail + " bytes after the member");
              } catch (Tr31Exception e) {
                if (e.code() != ErrorCode.ENVELOPE_GZIP_CORRUPT) {
                  throw new AssertionError(e);
                }
              }
            });
  }
}
