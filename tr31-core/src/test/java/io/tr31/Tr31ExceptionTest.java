/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The exception types: code, offset and a message built from public facts only. */
class Tr31ExceptionTest {
  @Test
  void message_namesCodeDescriptionDetailAndOffset_offsetZeroIncluded() {
    assertEquals(
        "INVALID_VERSION: unknown key block version at offset 0",
        new Tr31FormatException(ErrorCode.INVALID_VERSION, 0).getMessage());
    assertEquals(
        "LENGTH_MISMATCH: key block length field disagrees with the data (declared 96) at offset 1",
        new Tr31FormatException(ErrorCode.LENGTH_MISMATCH, 1, "declared 96").getMessage());
    Tr31Exception noOffset =
        new Tr31PolicyException(ErrorCode.UNSUPPORTED_OPERATION, "");
    assertEquals("UNSUPPORTED_OPERATION: operation is not supported", noOffset.getMessage());
    assertEquals(-1, noOffset.offset());
    assertEquals(ErrorCode.UNSUPPORTED_OPERATION, noOffset.code());
  }

  @Test
  void verification_isOneCodeOneMessageNoOffset() {
    Tr31VerificationException e = new Tr31VerificationException();
    assertEquals(ErrorCode.VERIFICATION_FAILED, e.code());
    assertEquals(-1, e.offset());
    assertEquals("VERIFICATION_FAILED: key block verification failed", e.getMessage());
  }

  @Test
  void nullCode_isACallerBug() {
    assertThrows(NullPointerException.class, () -> new Tr31FormatException(null, 0));
  }
}
