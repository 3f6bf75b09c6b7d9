/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.ErrorCode;
import io.tr31.Tr31FormatException;
import io.tr31.Tr31VerificationException;
import org.junit.jupiter.api.Test;

/**
 * What the variant and version E bindings' {@code open} length checks report beyond the offsets
 * (which their own tests pin): the authenticator first, named in the detail.
 */
class OpenLengthsTest {
  private static final byte[] HEADER = new byte[16];

  @Test
  void badMacAndBadCiphertext_reportTheAuthenticatorFirst_namingIt() {
    assertAuthenticator(open(VariantBinding.of(new byte[16]), new byte[12], new byte[5]), 16 + 24);
    assertAuthenticator(open(VersionEBinding.of(new byte[16]), new byte[0], new byte[8]), 16);
  }

  @Test
  void aBadCiphertextLength_isReportedAtThePayload_withoutDetail() {
    assertPayload(open(VariantBinding.of(new byte[16]), new byte[12], new byte[4]));
    assertPayload(open(VersionEBinding.of(new byte[16]), new byte[0], new byte[16]));
  }

  @Test
  void versionE_anyNonEmptyCiphertextLength_passesTheChecks() {
    Binding b = VersionEBinding.of(new byte[16]);
    // CTR mode pads nothing: 17 bytes pass the length checks and fail the MAC.
    assertThrows(
        Tr31VerificationException.class, () -> b.open(HEADER, new byte[17], new byte[16]));
  }

  private static Tr31FormatException open(Binding b, byte[] ciphertext, byte[] mac) {
    return assertThrows(Tr31FormatException.class, () -> b.open(HEADER, ciphertext, mac));
  }

  private static void assertAuthenticator(Tr31FormatException e, int offset) {
    assertEquals(ErrorCode.INVALID_PAYLOAD_LENGTH, e.code());
    assertEquals(offset, e.offset());
    assertTrue(e.getMessage().contains("authenticator"), e.getMessage());
  }

  private static void assertPayload(Tr31FormatException e) {
    assertEquals(ErrorCode.INVALID_PAYLOAD_LENGTH, e.code());
    assertEquals(HEADER.length, e.offset());
    assertFalse(e.getMessage().contains("authenticator"), e.getMessage());
  }
}
