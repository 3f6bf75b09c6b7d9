/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31;

/**
 * Well-formed input, or a caller's request, that the library or its profile refuses: a version or
 * operation it does not serve, a KBPK that does not fit the block's version, a key weaker than its
 * use requires, an export the key's header forbids, a key set outside its validity period.
 *
 * <h2>Security</h2>
 *
 * Thrown before any decryption, with one exception: {@link ErrorCode#DEGENERATE_TDES_KEY} on
 * unwrap, thrown only once the block has authenticated and passed every other check (a policy
 * refusal of a key its KBPK's holder wrapped, src/docs/SECURITY.md). Messages name versions and
 * algorithms, never key material.
 *
 * @since 0.1.0
 */
public final class Tr31PolicyException extends Tr31Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates a policy exception.
   *
   * @param code the reason
   * @param detail secret-free detail, or {@code null}
   * @throws IllegalArgumentException if {@code code} is not of kind {@link ErrorCode.Kind#POLICY}
   */
  public Tr31PolicyException(ErrorCode code, String detail) {
    super(requireKind(code, ErrorCode.Kind.POLICY), -1, detail);
  }
}
