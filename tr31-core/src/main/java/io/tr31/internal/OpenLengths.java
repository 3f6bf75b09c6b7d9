/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import io.tr31.ErrorCode;
import io.tr31.Tr31FormatException;

/**
 * The length checks of a binding's {@code open}, made before any cryptography (the lengths are
 * public). Offsets are in the key block text {@code header || hex(ciphertext) || hex(MAC)}, as
 * {@code KeyBlock.parse} reports them (see {@link Binding}).
 */
final class OpenLengths {
  private OpenLengths() {}

  /**
   * Checks the authenticator's length, then the ciphertext's.
   *
   * @param macBytes the binding's authenticator length
   * @param payloadBlockBytes what the ciphertext length must be a multiple of (1: any)
   * @throws Tr31FormatException {@link ErrorCode#INVALID_PAYLOAD_LENGTH} at the authenticator if
   *     it is not {@code macBytes} long, else at the payload if the ciphertext is empty or not a
   *     multiple of {@code payloadBlockBytes}
   */
  static void check(
      byte[] header, byte[] ciphertext, byte[] mac, int macBytes, int payloadBlockBytes)
      throws Tr31FormatException {
    if (mac.length != macBytes) {
      throw new Tr31FormatException(
          ErrorCode.INVALID_PAYLOAD_LENGTH, header.length + 2 * ciphertext.length, "authenticator");
    }
    if (ciphertext.length == 0 || ciphertext.length % payloadBlockBytes != 0) {
      throw new Tr31FormatException(ErrorCode.INVALID_PAYLOAD_LENGTH, header.length);
    }
  }
}
