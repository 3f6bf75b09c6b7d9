/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import io.tr31.ErrorCode;
import io.tr31.internal.Bytes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** The gzip inner payload (RFC 1952) with a bounded decompressed size. */
final class Gzip {
  private static final int BUFFER_BYTES = 8192;

  private Gzip() {}

  static byte[] compress(byte[] data) {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bos, BUFFER_BYTES)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream never fails
    }
    return bos.toByteArray();
  }

  /**
   * Gunzips {@code gz}, refusing output beyond {@code maxBytes} as soon as it is produced.
   *
   * @throws EnvelopeException {@link ErrorCode#ENVELOPE_DECOMPRESSED_TOO_LARGE} or {@link
   *     ErrorCode#ENVELOPE_GZIP_CORRUPT}
   */
  static byte[] decompress(byte[] gz, int maxBytes) throws EnvelopeException {
    // The running count stops inflation at the limit: the cost of a bomb is bounded by the
    // limit, whatever its trailer (RFC 1952 2.3.1 ISIZE, attacker-chosen) claims.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      decompress(new ByteArrayInputStream(gz), out, maxBytes);
      return out.toByteArray();
    } catch (IOException e) {
      throw new EnvelopeException(ErrorCode.ENVELOPE_GZIP_CORRUPT);
    }
  }

  /** Streams the gunzipped {@code in} to {@code out}, at most {@code maxBytes}. */
  static void decompress(InputStream in, OutputStream out, int maxBytes)
      throws EnvelopeException, IOException {
    byte[] buf = new byte[BUFFER_BYTES];
    long total = 0;
    GZIPInputStream gin;
    try {
      gin = new GZIPInputStream(in, BUFFER_BYTES);
    } catch (IOException e) {
      throw new EnvelopeException(ErrorCode.ENVELOPE_GZIP_CORRUPT);
    }
    try (gin) {
      while (true) {
        int n;
        try {
          n = gin.read(buf);
        } catch (IOException e) {
          throw new EnvelopeException(ErrorCode.ENVELOPE_GZIP_CORRUPT);
        }
        if (n == -1) {
          return;
        }
        total += n;
        if (total > maxBytes) {
          throw new EnvelopeException(ErrorCode.ENVELOPE_DECOMPRESSED_TOO_LARGE);
        }
        out.write(buf, 0, n);
      }
    } finally {
      Bytes.wipe(buf);
    }
  }
}
