/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import io.tr31.ErrorCode;
import io.tr31.Tr31FormatException;
import io.tr31.Tr31VerificationException;
import io.tr31.internal.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The decrypting half of {@link PayloadProtector}: parse, public checks, decrypt, gunzip. Callers
 * have already checked the size and, on the authenticated path, the MAC.
 */
final class Opener {
  /** The compressed stream's first buffer; it doubles (wiping what it outgrows) as needed. */
  private static final int COMPRESSED_START_BYTES = 8192;

  private Opener() {}

  /** Parses completely, runs every public check, then decrypts (and gunzips). */
  static byte[] open(AesCbc k, byte[] body, EnvelopeOptions options)
      throws Tr31FormatException, Tr31VerificationException {
    ParsedEnvelope env = new ParsedEnvelope();
    if (EnvelopeFormat.parseCanonicalSingle(body, env)) {
      return finish(k.decrypt(env.iv, env.ciphertext), options);
    }
    ChunkTracker tracker = new ChunkTracker(env);
    List<byte[]> chunks = new ArrayList<>();
    EnvelopeParser.parse(
        body,
        options.maxBodyBytes(),
        env,
        (index, iv, ct, offset) -> {
          tracker.check(index, iv, ct.length, offset);
          chunks.add(iv);
          chunks.add(ct);
        });
    byte[] inner;
    if (env.chunked) {
      tracker.finishStructure();
      // finishStructure bounds total_length by the ciphertext actually present, so this
      // allocation is bounded by the body size.
      inner = new byte[(int) env.totalLength];
      int pos = 0;
      try {
        for (int i = 0; i < chunks.size(); i += 2) {
          byte[] pt = k.decrypt(chunks.get(i), chunks.get(i + 1));
          tracker.plaintext(pt.length);
          if (pt.length > inner.length - pos) {
            Bytes.wipe(pt);
            throw new Tr31FormatException(ErrorCode.ENVELOPE_TOTAL_LENGTH, env.endOffset);
          }
          System.arraycopy(pt, 0, inner, pos, pt.length);
          pos += pt.length;
          Bytes.wipe(pt);
        }
        tracker.finishPlaintext();
      } catch (Tr31FormatException | Tr31VerificationException e) {
        Bytes.wipe(inner);
        throw e;
      }
    } else {
      inner = k.decrypt(env.iv, env.ciphertext);
    }
    return finish(inner, options);
  }

  /** Gunzips when the options ask for it (wiping the compressed plaintext). */
  private static byte[] finish(byte[] inner, EnvelopeOptions options) throws Tr31FormatException {
    if (!options.gzip()) {
      return inner;
    }
    try {
      return Gzip.decompress(inner, options.maxDecompressedBytes());
    } finally {
      Bytes.wipe(inner);
    }
  }

  /**
   * Streaming open: chunks are decrypted and written as they are parsed. With gzip the compressed
   * plaintext is collected in a {@link WipingBuffer}, wiped on every path.
   */
  static void open(AesCbc k, InputStream body, OutputStream plaintext, EnvelopeOptions options)
      throws Tr31FormatException, Tr31VerificationException, IOException {
    WipingBuffer compressed = options.gzip() ? new WipingBuffer(COMPRESSED_START_BYTES) : null;
    try {
      decryptTo(k, body, compressed != null ? compressed : plaintext, options);
      if (compressed != null) {
        byte[] gz = compressed.take();
        try {
          Gzip.decompress(gz, plaintext, options.maxDecompressedBytes());
        } finally {
          Bytes.wipe(gz);
        }
      }
    } finally {
      if (compressed != null) {
        compressed.wipe();
      }
    }
  }

  /** Parses {@code body} and writes its plaintext to {@code target} chunk by chunk. */
  private static void decryptTo(
      AesCbc k, InputStream body, OutputStream target, EnvelopeOptions options)
      throws Tr31FormatException, Tr31VerificationException, IOException {
    ParsedEnvelope env = new ParsedEnvelope();
    ChunkTracker tracker = new ChunkTracker(env);
    EnvelopeParser.parse(
        body,
        options.maxBodyBytes(),
        env,
        (index, iv, ct, offset) -> {
          tracker.check(index, iv, ct.length, offset);
          byte[] pt = k.decrypt(iv, ct);
          try {
            tracker.plaintext(pt.length);
            target.write(pt);
          } finally {
            Bytes.wipe(pt);
          }
        });
    if (env.chunked) {
      tracker.finishStructure();
      tracker.finishPlaintext();
    } else {
      byte[] pt = k.decrypt(env.iv, env.ciphertext);
      try {
        target.write(pt);
      } finally {
        Bytes.wipe(pt);
      }
    }
  }
}
