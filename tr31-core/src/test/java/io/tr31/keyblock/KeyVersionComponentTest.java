/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31FormatException;
import org.junit.jupiter.api.Test;

/** Key versions that look like a component marker but name none: {@code c0}, {@code cA} (F5). */
class KeyVersionComponentTest {
  @Test
  void keyVersion_cZeroAndCFollowedByANonDigit_strictRefusesAtOffset9() {
    for (String kv : new String[] {"c0", "cA", "cz"}) {
      Tr31FormatException e =
          assertThrows(
              Tr31FormatException.class,
              () -> KeyBlockHeader.parse("B0000D0TB" + kv + "E0000", Profile.STRICT),
              kv);
      assertEquals(ErrorCode.INVALID_KEY_VERSION, e.code(), kv);
      assertEquals(9, e.offset(), kv);
      assertThrows(Tr31FormatException.class, () -> KeyVersion.parse(kv, 9), kv);
    }
  }

  @Test
  void keyVersion_cZeroAndCFollowedByANonDigit_lenientReadsWithAWarning() throws Exception {
    for (String kv : new String[] {"c0", "cA"}) {
      KeyBlockHeader h = KeyBlockHeader.parse("B0000D0TB" + kv + "E0000", Profile.LENIENT);
      assertEquals(kv, h.keyVersion().code());
      assertFalse(h.keyVersion().isComponent());
      assertTrue(
          h.warnings().stream().anyMatch(w -> w.contains("key version")), h.warnings().toString());
    }
  }

  @Test
  void keyVersion_realComponentsAndOtherVersions_stayValidUnderStrict() throws Exception {
    for (String kv : new String[] {"c1", "c9", "00", "C0", "A7", "0c"}) {
      assertEquals(kv, KeyVersion.parse(kv, 9).code());
      assertTrue(
          KeyBlockHeader.parse("B0000D0TB" + kv + "E0000", Profile.STRICT).warnings().isEmpty());
    }
  }
}
