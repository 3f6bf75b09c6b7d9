/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import io.tr31.internal.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The two stream loops the envelope needs, written out because the JDK's ({@code
 * InputStream.transferTo}, {@code readNBytes}, Java 9 and 11) are absent on Android API 26.
 */
final class Streams {
  private static final int BUFFER_BYTES = 8192;

  private Streams() {}

  /** Copies {@code in} to {@code out} until end of stream; the buffer is zeroed afterwards. */
  static void copy(InputStream in, OutputStream out) throws IOException {
    byte[] buf = new byte[BUFFER_BYTES];
    try {
      int n;
      while ((n = in.read(buf)) != -1) {
        out.write(buf, 0, n);
      }
    } finally {
      Bytes.wipe(buf);
    }
  }

  /** Reads up to {@code n} bytes, fewer only at end of stream. */
  static byte[] readUpTo(InputStream in, int n) throws IOException {
    byte[] buf = new byte[n];
    int got = 0;
    while (got < n) {
      int r = in.read(buf, got, n - got);
      if (r == -1) {
        return Arrays.copyOf(buf, got);
      }
      got += r;
    }
    return buf;
  }
}
