/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

/**
 * What {@link PayloadProtector#seal(byte[], EnvelopeOptions)} returns: the envelope body and the
 * HMAC-SHA256 signature over exactly that body, to be sent together (the seed API sends the
 * signature beside the body).
 *
 * <h2>Security</h2>
 *
 * Both values are public (ciphertext, IVs, a MAC tag). The signature covers {@link #body()} encoded
 * as ASCII (every body character is ASCII): send exactly those bytes. It authenticates the body
 * only, not the endpoint, the direction or the time: see "Replay and reflection" in {@code
 * src/docs/SECURITY.md}. Immutable and thread-safe.
 *
 * @since 1.0.0
 */
public final class SealedPayload {
  private final String body;
  private final String signature;

  SealedPayload(String body, String signature) {
    this.body = body;
    this.signature = signature;
  }

  /** {@return the envelope body: one line of ASCII JSON, as it goes on the wire} */
  public String body() {
    return body;
  }

  /** {@return the HMAC-SHA256 of the body's ASCII bytes, as 64 upper-case hex digits} */
  public String signature() {
    return signature;
  }
}
