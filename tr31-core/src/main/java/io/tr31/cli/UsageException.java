/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

/** A command line the CLI cannot act on: exit status 2. */
final class UsageException extends Exception {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}
