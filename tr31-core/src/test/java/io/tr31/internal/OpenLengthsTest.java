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

/** The length checks of the variant and version E bindings' {@code open}, with their offsets. */
class OpenLengthsTest {
  private static final byte[] HEADER = new byte[16];

  @Test
  void variant_wrongMacLength_isReportedAtTheAuthenticator() {
    Binding b = VariantBinding.of(new byte[16]);
    assertAuthenticator(open(b, new byte[16], new byte[8]), 16 + 32);
  }

  @Test
  void variant_emptyOrUnalignedCiphertext_isReportedAtThePayload() {
    Binding b = VariantBinding.of(new byte[16]);
    assertPayload(open(b, new byte[0], new byte[4]));
    assertPayload(open(b, new byte[12], new byte[4]));
  }

  @Test
  void variant_badMacAndBadCiphertext_reportsTheMacFirst() {
    Binding b = VariantBinding.of(new byte[16]);
    assertAuthenticator(open(b, new byte[12], new byte[5]), 16 + 24);
  }

  @Test
  void versionE_wrongMacLength_isReportedAtTheAuthenticator() {
    Binding b = VersionEBinding.of(new byte[16]);
    assertAuthenticator(open(b, new byte[18], new byte[8]), 16 + 36);
  }

  @Test
  void versionE_emptyCiphertext_isReportedAtThePayload_anyOtherLengthPasses() {
    Binding b = VersionEBinding.of(new byte[16]);
    assertPayload(open(b, new byte[0], new byte[16]));
    // 17 bytes: no block alignment in CTR mode, so the check passes and the MAC fails.
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
