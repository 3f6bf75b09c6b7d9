/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import io.tr31.internal.Hex;
import java.nio.charset.StandardCharsets;

/**
 * The wire names of the envelope formats (src/docs/ENVELOPE.md), and the canonical {@code
 * TR31-DATA} body that {@link Sealer} writes and {@link #parseCanonicalSingle} recognises.
 */
final class EnvelopeFormat {
  static final String SINGLE = "TR31-DATA";
  static final String CHUNKED = "TR31-DATA-CHUNKED";
  static final String MODE_CBC = "CBC";

  /** Largest chunk size a writer may choose or a reader accepts: 16 MiB. */
  static final int MAX_CHUNK_BYTES = 16 << 20;

  /**
   * The canonical {@code TR31-DATA} body around its two hex values, as ASCII: seal writes exactly
   * this and open's fast path recognises exactly this. Never modified.
   */
  static final byte[] SINGLE_PREFIX = ascii("{\"format\":\"" + SINGLE + "\",\"ciphertext\":\"");

  /** Between the ciphertext and the IV. Never modified. */
  static final byte[] SINGLE_MIDDLE = ascii("\",\"initialization_vector\":\"");

  /** After the IV. Never modified. */
  static final byte[] SINGLE_SUFFIX = ascii("\",\"mode\":\"" + MODE_CBC + "\"}");

  private EnvelopeFormat() {}

  /**
   * Fast path for a {@code TR31-DATA} body exactly as {@link Sealer} writes it: {@code
   * {"format":"TR31-DATA","ciphertext":"<hex>","initialization_vector":"<32 hex>", "mode":"CBC"}}
   * with nothing before or after and no whitespace. Returns {@code false} on ANY deviation, and the
   * caller then runs the full parser, which alone reports errors: this path accepts a strict subset
   * of what the full parser accepts, with the same result, and saves Jackson's character buffers
   * (two copies of the hex) on the common case.
   */
  static boolean parseCanonicalSingle(byte[] body, ParsedEnvelope env) {
    byte[] prefix = SINGLE_PREFIX;
    byte[] middle = SINGLE_MIDDLE;
    byte[] suffix = SINGLE_SUFFIX;
    int n = body.length;
    int ivChars = 2 * AesCbc.BLOCK_BYTES;
    int ctStart = prefix.length;
    int ivStart = n - suffix.length - ivChars;
    int ctEnd = ivStart - middle.length;
    if (ctEnd <= ctStart
        || !regionEquals(body, 0, prefix)
        || !regionEquals(body, ctEnd, middle)
        || !regionEquals(body, n - suffix.length, suffix)) {
      return false;
    }
    // The hex runs cannot hide a quote or a field: every byte must be a hex digit.
    byte[] ct = Hex.decodePublicAsciiOrNull(body, ctStart, ctEnd - ctStart);
    // ctEnd > ctStart: at least one byte.
    if (ct == null || ct.length % AesCbc.BLOCK_BYTES != 0) {
      return false;
    }
    byte[] iv = Hex.decodePublicAsciiOrNull(body, ivStart, ivChars);
    if (iv == null) {
      return false;
    }
    env.chunked = false;
    env.iv = iv;
    env.ciphertext = ct;
    return true;
  }

  /**
   * Whether {@code body} holds the public template bytes {@code expected} at {@code off}. The
   * caller has checked that the region lies inside {@code body} ({@code ctEnd > ctStart} places the
   * three template regions one after another within it).
   */
  private static boolean regionEquals(byte[] body, int off, byte[] expected) {
    for (int i = 0; i < expected.length; i++) {
      if (body[off + i] != expected[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
