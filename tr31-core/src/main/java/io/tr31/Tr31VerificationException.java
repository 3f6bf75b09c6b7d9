/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31;

/**
 * A key block failed authentication, or a check that could only be made on decrypted data.
 *
 * <h2>Security</h2>
 *
 * X9.143 binds the header and payload with a MAC; this library verifies it in constant time before
 * reading anything from the decrypted payload. Every failure from decryption onwards (MAC mismatch,
 * key length field, a {@code KC} or {@code KP} check value) throws this exception with code {@link
 * ErrorCode#VERIFICATION_FAILED}, the same message and no offset, so that the error reveals nothing
 * about the plaintext. The envelope's MAC and the key set's check values use the same type with
 * their own code ({@link ErrorCode.Kind#VERIFICATION}): every authentication failure is this one
 * type.
 *
 * @since 0.1.0
 */
public final class Tr31VerificationException extends Tr31Exception {
  private static final long serialVersionUID = 1L;

  /** Creates the one verification failure. */
  public Tr31VerificationException() {
    this(ErrorCode.VERIFICATION_FAILED);
  }

  /**
   * Creates the verification failure of one domain (envelope MAC, key set check value).
   *
   * @param code the reason
   * @throws IllegalArgumentException if {@code code} is not of kind {@link
   *     ErrorCode.Kind#VERIFICATION}
   */
  public Tr31VerificationException(ErrorCode code) {
    this(code, null);
  }

  /**
   * Creates the verification failure of one domain with a public detail: which item failed (a key
   * set's slot, for example), never anything derived from the data or the keys compared.
   *
   * @param code the reason
   * @param detail secret-free detail naming what was checked, or {@code null}
   * @throws IllegalArgumentException if {@code code} is not of kind {@link
   *     ErrorCode.Kind#VERIFICATION}
   */
  public Tr31VerificationException(ErrorCode code, String detail) {
    super(requireKind(code, ErrorCode.Kind.VERIFICATION), -1, detail);
  }
}
