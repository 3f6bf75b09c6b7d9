/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31;

/**
 * The input is not well formed: header fields, optional blocks, lengths or hex encoding.
 *
 * <h2>Security</h2>
 *
 * Reading a key block, it is thrown only before any decryption, from public data; its message
 * names the field and offset (a check that needs the decrypted payload fails with {@link
 * Tr31VerificationException} instead). Elsewhere (wrap, {@link
 * io.tr31.keyblock.KeyCheckValue#compute}) it reports the shape of the caller's input, such as a key
 * length, never its content.
 *
 * @since 0.1.0
 */
public final class Tr31FormatException extends Tr31Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates a format exception.
   *
   * @param code the reason
   * @param offset the character offset, or {@code -1}
   * @param detail secret-free detail, or {@code null}
   * @throws IllegalArgumentException if {@code code} is not of kind {@link ErrorCode.Kind#FORMAT}
   */
  public Tr31FormatException(ErrorCode code, long offset, String detail) {
    super(requireKind(code, ErrorCode.Kind.FORMAT), offset, detail);
  }

  /**
   * Creates a format exception with no detail.
   *
   * @param code the reason; not {@code null}
   * @param offset the character offset in the input, or {@code -1}
   * @throws NullPointerException if {@code code} is {@code null}
   * @throws IllegalArgumentException if {@code code} is not of kind {@link ErrorCode.Kind#FORMAT}
   */
  public Tr31FormatException(ErrorCode code, long offset) {
    this(code, offset, null);
  }
}
