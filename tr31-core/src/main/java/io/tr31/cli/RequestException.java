/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

/** A {@code --json} batch line that is not a valid request; reported on its output line. */
final class RequestException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String code;

  RequestException(String code, String message) {
    super(message);
    this.code = code;
  }

  String code() {
    return code;
  }
}
