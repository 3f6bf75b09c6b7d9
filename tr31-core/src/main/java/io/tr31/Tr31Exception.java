/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31;

import java.security.GeneralSecurityException;
import java.util.Objects;

/**
 * The checked exception for every failure caused by untrusted input.
 *
 * <p>Carries an {@link ErrorCode} and, where it applies, the character offset in the input at which
 * the problem was found ({@link #offset()}, {@code -1} where no single position applies).
 *
 * <h2>Security</h2>
 *
 * Messages are built from the error code's fixed description plus offsets and public header fields;
 * they never contain key material, plaintext or derived keys. There is one subclass per {@link
 * ErrorCode.Kind}: {@link Tr31FormatException} (malformed input), {@link Tr31PolicyException}
 * (refused by policy or not supported) and {@link Tr31VerificationException} (every authentication
 * failure); the domain (key block, envelope, key set) is in the {@link ErrorCode}.
 *
 * @since 0.1.0
 */
public abstract class Tr31Exception extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  /** The reason; never {@code null}. */
  private final ErrorCode code;

  /** The character offset in the input, or {@code -1} where no single position applies. */
  private final int offset;

  /**
   * Creates an exception; package-private, so the three kinds are the only subclasses.
   *
   * @param code the reason
   * @param offset the character offset in the input (clamped to {@code int}), or {@code -1}
   * @param detail secret-free detail appended to the code's description, or {@code null}
   */
  Tr31Exception(ErrorCode code, long offset, String detail) {
    super(message(code, offset, detail));
    this.code = Objects.requireNonNull(code, "code");
    this.offset = (int) Math.min(offset, Integer.MAX_VALUE);
  }

  /**
   * Checks that a code belongs to the exception type that carries it.
   *
   * @param code the code
   * @param kind the kind of the exception type
   * @return {@code code}
   * @throws IllegalArgumentException if the code is of another kind (a bug of the caller)
   */
  static ErrorCode requireKind(ErrorCode code, ErrorCode.Kind kind) {
    if (Objects.requireNonNull(code, "code").kind() != kind) {
      throw new IllegalArgumentException(code + " is a " + code.kind() + " code, not " + kind);
    }
    return code;
  }

  private static String message(ErrorCode code, long offset, String detail) {
    StringBuilder sb = new StringBuilder(code.name()).append(": ").append(code.description());
    if (detail != null && !detail.isEmpty()) {
      sb.append(" (").append(detail).append(')');
    }
    if (offset >= 0) {
      sb.append(" at offset ").append(offset);
    }
    return sb.toString();
  }

  /** {@return the reason for this exception; never {@code null}} */
  public final ErrorCode code() {
    return code;
  }

  /**
   * {@return the zero-based character offset in the input where the problem was found, or {@code
   * -1} where no single position applies (a verification failure never reports one)}
   */
  public final int offset() {
    return offset;
  }
}
