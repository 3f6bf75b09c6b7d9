package io.tr31;

/**
 * The input is not well formed: header fields, optional blocks, lengths or hex encoding.
 *
 * <h2>Security</h2>
 *
 * Thrown only before any decryption, from public data; its message names the field and offset.
 *
 * @since 0.1.0
 */
public class Tr31FormatException extends Tr31Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates a format exception.
   *
   * @param code the reason
   * @param offset the character offset, or {@code -1}
   * @param detail secret-free detail, or {@code null}
   */
  public Tr31FormatException(ErrorCode code, int offset, String detail) {
    super(code, offset, detail);
  }

  /** Creates a format exception with no detail. */
  public Tr31FormatException(ErrorCode code, int offset) {
    super(code, offset, null);
  }
}
