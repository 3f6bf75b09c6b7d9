/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import io.tr31.internal.Bytes;
import io.tr31.internal.Hex;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Writes a {@code TR31-DATA-CHUNKED} body while plaintext is written to it, holding one chunk in
 * memory. Every chunk but the last is exactly {@code chunkSize} bytes; an empty payload is one
 * empty chunk (src/docs/ENVELOPE.md, "TR31-DATA-CHUNKED"). {@link #finish()} writes the last chunk
 * and the trailer and flushes, {@link #close()} only wipes the chunk buffer (see {@link
 * BodyWriter}); neither closes the underlying stream.
 */
final class ChunkedWriter extends BodyWriter {
  private static final byte[] MID = "\",\"ciphertext\":\"".getBytes(StandardCharsets.US_ASCII);

  private final AesCbc key;
  private final SecureRandom random;
  private final byte[] buf;
  private int fill;
  private long index;
  private long total;

  ChunkedWriter(AesCbc key, SecureRandom random, OutputStream out, int chunkSize)
      throws IOException {
    super(out);
    this.key = key;
    this.random = random;
    this.buf = new byte[chunkSize];
    ascii(
        "{\"format\":\""
            + EnvelopeFormat.CHUNKED
            + "\",\"mode\":\""
            + EnvelopeFormat.MODE_CBC
            + "\",\"chunk_size\":"
            + chunkSize
            + ",\"chunks\":[");
  }

  @Override
  void encrypt(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      // Emit a full chunk only once more data arrives, so that the last chunk is never empty.
      if (fill == buf.length) {
        emit();
      }
      int n = Math.min(len, buf.length - fill);
      System.arraycopy(b, off, buf, fill, n);
      fill += n;
      off += n;
      len -= n;
    }
  }

  private void emit() throws IOException {
    byte[] iv = new byte[AesCbc.BLOCK_BYTES];
    random.nextBytes(iv);
    byte[] ct = key.encrypt(iv, buf, 0, fill);
    String head = (index == 0 ? "" : ",") + "{\"index\":" + index + ",\"initialization_vector\":\"";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    byte[] line = new byte[h.length + 32 + MID.length + ct.length * 2 + 2];
    System.arraycopy(h, 0, line, 0, h.length);
    int p = h.length;
    Hex.encodePublicAsciiInto(iv, 0, iv.length, line, p);
    p += 32;
    System.arraycopy(MID, 0, line, p, MID.length);
    p += MID.length;
    Hex.encodePublicAsciiInto(ct, 0, ct.length, line, p);
    p += ct.length * 2;
    line[p++] = '"';
    line[p++] = '}';
    out.write(line, 0, p);
    total += fill;
    index++;
    Bytes.wipe(buf);
    fill = 0;
  }

  @Override
  void trailer() throws IOException {
    // write() emits a full chunk only when more data follows, so the buffer holds the last chunk
    // here: never empty, except for an empty payload (one empty chunk).
    emit();
    ascii("],\"chunk_count\":" + index + ",\"total_length\":" + total + "}");
  }

  @Override
  void release() {
    Bytes.wipe(buf);
  }

  private void ascii(String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.US_ASCII));
  }
}
