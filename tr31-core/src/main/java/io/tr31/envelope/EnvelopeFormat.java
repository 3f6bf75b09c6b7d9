/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import java.nio.charset.StandardCharsets;

/** The wire names of the envelope formats (src/docs/ENVELOPE.md). */
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

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
