/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import io.tr31.ErrorCode;
import io.tr31.Tr31Exception;

/**
 * A {@code TR31-DATA} or {@code TR31-DATA-CHUNKED} envelope was refused: malformed JSON, a field
 * that breaks the wire format, a signature that does not verify, bad padding or an inner gzip
 * payload that is corrupt or too large.
 *
 * <p>The {@link #code()} is one of the {@code ENVELOPE_*} constants of {@link ErrorCode}; the
 * {@link #offset()} is the character offset in the body where the parser could tell (for byte
 * input: the byte offset, which is the same for the ASCII bodies this library writes), or {@code
 * -1}.
 *
 * <h2>Security</h2>
 *
 * Messages hold the code's fixed description, public field names and offsets, never key material or
 * plaintext. {@link ErrorCode#ENVELOPE_MAC_MISMATCH} carries no offset. {@link
 * ErrorCode#ENVELOPE_PADDING} can only follow a verified MAC on the authenticated path; on the
 * unauthenticated path it is a padding oracle that the seed API's unsigned responses cannot avoid
 * (see {@code src/docs/ENVELOPE.md}).
 *
 * @since 0.1.0
 */
public final class EnvelopeException extends Tr31Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an envelope exception.
   *
   * @param code an {@code ENVELOPE_*} code
   * @param offset the character offset in the body, or {@code -1}
   * @param detail secret-free detail (for example the field name), or {@code null}
   */
  public EnvelopeException(ErrorCode code, long offset, String detail) {
    super(code, (int) Math.min(offset, Integer.MAX_VALUE), detail);
  }

  /**
   * Creates an envelope exception with no offset and no detail.
   *
   * @param code an {@code ENVELOPE_*} code; not {@code null}
   * @throws NullPointerException if {@code code} is {@code null}
   */
  public EnvelopeException(ErrorCode code) {
    this(code, -1, null);
  }
}
