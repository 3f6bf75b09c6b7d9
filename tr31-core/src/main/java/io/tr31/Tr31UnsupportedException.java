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
 * Thrown before any decryption; messages name versions and algorithms, never key material.
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
