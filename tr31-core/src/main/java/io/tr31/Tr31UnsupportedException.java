/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31;

/**
 * The input is well formed but asks for something this library does not do, or a key does not fit
 * the requested key block version (for example a TDES KBPK for version D).
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
public class Tr31UnsupportedException extends Tr31Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an unsupported-operation exception.
   *
   * @param code the reason
   * @param detail secret-free detail, or {@code null}
   */
  public Tr31UnsupportedException(ErrorCode code, String detail) {
    super(code, -1, detail);
  }
}
