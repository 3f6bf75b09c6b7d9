/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31FormatException;
import org.junit.jupiter.api.Test;

/** Each fixed-header field refuses a value outside its X9.143 table, with its code and offset. */
class HeaderFieldRejectionTest {
  private static void assertRejected(String header, ErrorCode code, int offset) {
    for (Profile profile : Profile.values()) {
      Tr31FormatException e =
          assertThrows(Tr31FormatException.class, () -> KeyBlockHeader.parse(header, profile));
      assertEquals(code, e.code(), header + " " + profile);
      assertEquals(offset, e.offset(), header + " " + profile);
    }
  }

  @Test
  void unknownAlgorithmLetter_throwsInvalidAlgorithmAtOffset7() {
    assertRejected("D0000P0ZE00E0000", ErrorCode.INVALID_ALGORITHM, 7);
  }

  @Test
  void unknownExportability_throwsInvalidExportabilityAtOffset11() {
    assertRejected("D0000P0AE00X0000", ErrorCode.INVALID_EXPORTABILITY, 11);
  }

  @Test
  void unknownKeyContext_throwsInvalidKeyContextAtOffset14() {
    assertRejected("D0000P0AE00E0030", ErrorCode.INVALID_KEY_CONTEXT, 14);
  }

  @Test
  void everyAlgorithmCode_roundTripsThroughFromCode() throws Exception {
    for (KeyAlgorithm a : KeyAlgorithm.values()) {
      assertEquals(a, KeyAlgorithm.fromCode(a.code(), 0));
    }
  }
}
