/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import io.tr31.ErrorCode;
import io.tr31.Tr31FormatException;
import io.tr31.internal.Bytes;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPOutputStream;
import java.util.zip.Inflater;

/**
 * The gzip inner payload (RFC 1952): exactly one member, nothing after it, with a bounded
 * decompressed size.
 *
 * <p>Reading does not use {@code GZIPInputStream}: it reads a second member after the first as more
 * data, and it ignores trailing bytes that do not start like a member, so bytes after the payload
 * would be dropped unseen (issue 12). The member is parsed here (header, raw DEFLATE with {@link
 * Inflater} in {@code nowrap} mode, CRC-32 and ISIZE trailer), which behaves the same on every JDK
 * and on Android (API 1 methods only), and anything after the trailer is refused.
 */
final class Gzip {
  private static final int BUFFER_BYTES = 8192;
  private static final int HEADER_BYTES = 10;
  private static final int TRAILER_BYTES = 8;
  private static final int ID1 = 0x1f;
  private static final int ID2 = 0x8b;
  private static final int CM_DEFLATE = 8;
  // RFC 1952 2.3.1 FLG bits.
  private static final int FHCRC = 0x02;
  private static final int FEXTRA = 0x04;
  private static final int FNAME = 0x08;
  private static final int FCOMMENT = 0x10;
  private static final int FRESERVED = 0xe0;
  /** DEFLATE's largest expansion: 258 bytes out of a length/distance pair of two bits. */
  private static final long MAX_EXPANSION = 1032;

  private Gzip() {}

  /**
   * Gzips {@code data} into an array the caller owns; every other copy of the compressed bytes (for
   * incompressible data DEFLATE stores the input as it is) is wiped, on failure too.
   */
  static byte[] compress(byte[] data) {
    // Room for DEFLATE's worst case (zlib's deflateBound: n + n/4096 + n/16384 + n/2^25 + 13, plus
    // 18 bytes of gzip header and trailer): the buffer never grows, and take() copies once.
    long bound = data.length + (long) (data.length >>> 10) + 64;
    WipingBuffer out = new WipingBuffer((int) Math.min(bound, Integer.MAX_VALUE - 8));
    try {
      Output gz = new Output(out);
      try {
        gz.write(data);
        gz.finish();
      } finally {
        gz.discard();
      }
      return out.take();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // an in-memory stream never fails
    } finally {
      out.wipe();
    }
  }

  /**
   * Gunzips {@code gz}, refusing output beyond {@code maxBytes} as soon as it is produced; the
   * result is the caller's, every other copy (also of a partial result on failure) is wiped.
   *
   * @throws Tr31FormatException {@link ErrorCode#ENVELOPE_DECOMPRESSED_TOO_LARGE} or {@link
   *     ErrorCode#ENVELOPE_GZIP_CORRUPT}
   */
  static byte[] decompress(byte[] gz, int maxBytes) throws Tr31FormatException {
    WipingBuffer out = new WipingBuffer(expectedBytes(gz, maxBytes));
    try {
      decompress(gz, out, maxBytes);
      return out.take();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // an in-memory stream never fails
    } finally {
      out.wipe();
    }
  }

  /**
   * The trailer's ISIZE as the output's initial capacity, so that a valid member is gunzipped into
   * one array that is returned as it is. ISIZE is not checked yet: it is capped at {@code maxBytes}
   * and at what DEFLATE can expand {@code gz} to ({@link #MAX_EXPANSION}), so a forged one
   * allocates no more than a genuine member of that length makes us allocate; a wrong one only
   * costs a growth or a copy.
   */
  private static int expectedBytes(byte[] gz, int maxBytes) {
    if (gz.length < HEADER_BYTES + TRAILER_BYTES) {
      return 0;
    }
    long isize = le32(gz, gz.length - 4);
    return (int) Math.min(isize, Math.min(maxBytes, MAX_EXPANSION * (long) gz.length));
  }

  /**
   * Writes the gunzipped {@code gz} to {@code out}, at most {@code maxBytes}: one member (RFC 1952
   * 2.2), its CRC-32 and ISIZE checked, and no byte after it (a second member included).
   *
   * @throws Tr31FormatException {@link ErrorCode#ENVELOPE_DECOMPRESSED_TOO_LARGE} or {@link
   *     ErrorCode#ENVELOPE_GZIP_CORRUPT}
   * @throws IOException when writing to {@code out} fails
   */
  static void decompress(byte[] gz, OutputStream out, int maxBytes)
      throws Tr31FormatException, IOException {
    int start = headerLength(gz);
    Inflater inflater = new Inflater(true); // raw DEFLATE (RFC 1951): the member's body
    byte[] buf = new byte[BUFFER_BYTES];
    try {
      inflater.setInput(gz, start, gz.length - start);
      CRC32 crc = new CRC32();
      long total = 0;
      while (!inflater.finished()) {
        int remaining = inflater.getRemaining();
        int n = inflate(inflater, buf);
        // Progress, end or refusal: every turn produces output (bounded by maxBytes), consumes
        // input (bounded by gz) or ends the stream, so one that stalls (truncated, or asking for
        // a dictionary) cannot loop.
        if (n == 0 && !inflater.finished() && inflater.getRemaining() == remaining) {
          throw corrupt();
        }
        total += n;
        if (total > maxBytes) {
          throw new Tr31FormatException(ErrorCode.ENVELOPE_DECOMPRESSED_TOO_LARGE, -1);
        }
        crc.update(buf, 0, n);
        out.write(buf, 0, n);
      }
      // RFC 1952 2.2: CRC32 and ISIZE (both little-endian) end the member; exactly that remains.
      int trailer = gz.length - inflater.getRemaining();
      if (inflater.getRemaining() != TRAILER_BYTES
          || le32(gz, trailer) != crc.getValue()
          || le32(gz, trailer + 4) != (total & 0xffffffffL)) {
        throw corrupt();
      }
    } finally {
      inflater.end();
      Bytes.wipe(buf);
    }
  }

  private static int inflate(Inflater inflater, byte[] buf) throws Tr31FormatException {
    try {
      return inflater.inflate(buf, 0, buf.length);
    } catch (DataFormatException e) {
      throw corrupt();
    }
  }

  /**
   * The length of the member header (RFC 1952 2.3): magic, method 8 (deflate), no reserved flag bit
   * (2.3.1.2: a compliant decompressor gives an error), then the optional fields its flags
   * announce; the header CRC, when present, must match.
   */
  private static int headerLength(byte[] gz) throws Tr31FormatException {
    if (gz.length < HEADER_BYTES
        || (gz[0] & 0xff) != ID1
        || (gz[1] & 0xff) != ID2
        || (gz[2] & 0xff) != CM_DEFLATE
        || (gz[3] & FRESERVED) != 0) {
      throw corrupt();
    }
    int flags = gz[3] & 0xff;
    int pos = HEADER_BYTES; // MTIME, XFL and OS are informative only
    if ((flags & FEXTRA) != 0) {
      need(gz, pos + 2);
      pos += 2 + ((gz[pos] & 0xff) | (gz[pos + 1] & 0xff) << 8);
    }
    if ((flags & FNAME) != 0) {
      pos = afterZero(gz, pos);
    }
    if ((flags & FCOMMENT) != 0) {
      pos = afterZero(gz, pos);
    }
    if ((flags & FHCRC) != 0) {
      need(gz, pos + 2);
      CRC32 crc = new CRC32();
      crc.update(gz, 0, pos);
      if ((crc.getValue() & 0xffff) != ((gz[pos] & 0xff) | (gz[pos + 1] & 0xff) << 8)) {
        throw corrupt();
      }
      pos += 2;
    }
    need(gz, pos);
    return pos;
  }

  /** The position after the zero byte that ends a string field starting at {@code pos}. */
  private static int afterZero(byte[] gz, int pos) throws Tr31FormatException {
    for (int i = pos; i < gz.length; i++) {
      if (gz[i] == 0) {
        return i + 1;
      }
    }
    throw corrupt();
  }

  private static void need(byte[] gz, int length) throws Tr31FormatException {
    if (gz.length < length) {
      throw corrupt();
    }
  }

  private static long le32(byte[] b, int i) {
    return (b[i] & 0xffL)
        | (b[i + 1] & 0xffL) << 8
        | (b[i + 2] & 0xffL) << 16
        | (b[i + 3] & 0xffL) << 24;
  }

  private static Tr31FormatException corrupt() {
    return new Tr31FormatException(ErrorCode.ENVELOPE_GZIP_CORRUPT, -1);
  }

  /**
   * A {@code GZIPOutputStream} that can be discarded without a trace: its buffer holds the last
   * compressed output (for incompressible data, the input as it is), which {@code close()} leaves
   * unwiped and which an exception leaves behind with the {@code Deflater} not ended.
   */
  static final class Output extends GZIPOutputStream {
    Output(OutputStream out) throws IOException {
      super(out, BUFFER_BYTES);
    }

    /**
     * Ends the {@code Deflater} (its native memory is freed unwiped: the JDK gives no way to wipe
     * it) and wipes the buffer; writes nothing, so it is also the way out after a failure. Call it
     * in a {@code finally} after {@link #finish()}, not {@code close()}; idempotent, the stream is
     * unusable afterwards.
     */
    void discard() {
      def.end();
      Bytes.wipe(buf);
    }
  }
}
