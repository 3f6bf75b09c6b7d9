/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import io.tr31.internal.Bytes;
import io.tr31.internal.Hex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import javax.crypto.Mac;

/**
 * The sealing half of {@link PayloadProtector}: gzip when asked, then the single or the chunked
 * body (src/docs/ENVELOPE.md), in memory or streamed; the streamed body is signed as it is written.
 */
final class Sealer {
  private Sealer() {}

  /** The body of {@code plaintext} as ASCII bytes; a compressed copy is wiped. */
  static byte[] seal(AesCbc key, SecureRandom random, byte[] plaintext, EnvelopeOptions options) {
    byte[] gz = options.gzip() ? Gzip.compress(plaintext) : null;
    try {
      byte[] in = gz != null ? gz : plaintext;
      if (options.chunkSizeBytes() == 0) {
        return single(key, random, in);
      }
      ByteArrayOutputStream out =
          new ByteArrayOutputStream(2 * in.length + 128 * (in.length / 1024 + 2));
      try (ChunkedWriter w = new ChunkedWriter(key, random, out, options.chunkSizeBytes())) {
        w.write(in, 0, in.length);
        w.finish();
      } catch (IOException e) {
        throw new UncheckedIOException(e); // in-memory streams never fail
      }
      return out.toByteArray();
    } finally {
      Bytes.wipe(gz);
    }
  }

  /**
   * The canonical one-line {@code TR31-DATA} body (fields in wire order), written as ASCII bytes in
   * one array: the form the fast path of the parser recognises.
   */
  private static byte[] single(AesCbc key, SecureRandom random, byte[] plaintext) {
    byte[] iv = new byte[AesCbc.BLOCK_BYTES];
    random.nextBytes(iv);
    byte[] ct = key.encrypt(iv, plaintext, 0, plaintext.length);
    byte[] prefix = EnvelopeFormat.SINGLE_PREFIX;
    byte[] middle = EnvelopeFormat.SINGLE_MIDDLE;
    byte[] suffix = EnvelopeFormat.SINGLE_SUFFIX;
    byte[] out =
        new byte[prefix.length + 2 * ct.length + middle.length + 2 * iv.length + suffix.length];
    int pos = 0;
    System.arraycopy(prefix, 0, out, pos, prefix.length);
    pos += prefix.length;
    Hex.encodePublicAsciiInto(ct, 0, ct.length, out, pos);
    pos += 2 * ct.length;
    System.arraycopy(middle, 0, out, pos, middle.length);
    pos += middle.length;
    Hex.encodePublicAsciiInto(iv, 0, iv.length, out, pos);
    pos += 2 * iv.length;
    System.arraycopy(suffix, 0, out, pos, suffix.length);
    return out;
  }

  /**
   * Streams the body of everything {@code plaintext} yields to {@code body}, holding one buffer
   * (and, chunked, one chunk) in memory, and returns the signature of the bytes written. On an
   * exception the body is incomplete: no trailer is written.
   */
  static String seal(
      AesCbc key,
      HmacSha256 hmac,
      SecureRandom random,
      InputStream plaintext,
      OutputStream body,
      EnvelopeOptions options)
      throws IOException {
    Mac mac = hmac.begin();
    try {
      OutputStream signed = new Signing(body, hmac, mac);
      int chunk = options.chunkSizeBytes();
      try (BodyWriter w =
          chunk == 0
              ? new SingleWriter(key, random, signed)
              : new ChunkedWriter(key, random, signed, chunk)) {
        if (options.gzip()) {
          Gzip.Output gz = new Gzip.Output(w);
          try {
            Streams.copy(plaintext, gz);
            gz.finish();
          } finally {
            gz.discard(); // ends the Deflater, wipes its output buffer; writes nothing
          }
          w.finish();
        } else {
          Streams.copy(plaintext, w);
          w.finish();
        }
      }
      return Hex.encode(hmac.finish(mac));
    } finally {
      hmac.release(mac);
    }
  }

  /** Feeds every byte written to the MAC, then to the body; never closes the body. */
  private static final class Signing extends OutputStream {
    private final OutputStream out;
    private final HmacSha256 hmac;
    private final Mac mac;

    Signing(OutputStream out, HmacSha256 hmac, Mac mac) {
      this.out = out;
      this.hmac = hmac;
      this.mac = mac;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      hmac.update(mac, b, off, len);
      out.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }
  }
}
