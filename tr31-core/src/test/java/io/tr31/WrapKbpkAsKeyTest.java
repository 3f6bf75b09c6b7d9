/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tr31.header.KeyAlgorithm;
import io.tr31.internal.Hex;
import org.junit.jupiter.api.Test;

/** Wrap refuses the KBPK itself as the key to wrap (issue 12). */
class WrapKbpkAsKeyTest {
  private static final String AES_KBPK =
      "88E1AB2A2E3DD38C1FA039A536500CC8A87AB9D62DC92C01058FA79F44657DE6";
  private static final String TDES_KBPK = "89E88CF7931444F334BD7547FC3F380C";

  private static void assertRefused(KeyAlgorithm a, String kbpkHex, String header)
      throws Exception {
    KeyBlockHeader h = KeyBlockHeader.parse(header, Profile.STRICT);
    KeyBlockProtectionKey kbpk = KeyBlockProtectionKey.prepare(a, Hex.decode(kbpkHex));
    try {
      Tr31Exception e =
          assertThrows(Tr31Exception.class, () -> kbpk.wrap(h, Hex.decode(kbpkHex)), header);
      assertEquals("KEY_IS_KBPK", e.code().name(), header);
      // the one-shot path too
      Tr31Exception oneShot =
          assertThrows(
              Tr31Exception.class,
              () ->
                  KeyBlocks.wrap(
                      Hex.decode(kbpkHex), h, Hex.decode(kbpkHex), WrapOptions.defaults()),
              header);
      assertEquals("KEY_IS_KBPK", oneShot.code().name(), header);
    } finally {
      kbpk.destroy();
    }
  }

  @Test
  void wrap_theKbpkItselfAsTheKey_isRefusedForEveryVersionFamily() throws Exception {
    assertRefused(KeyAlgorithm.AES, AES_KBPK, "D0000K0AB00E0000");
    assertRefused(KeyAlgorithm.AES, AES_KBPK, "E0000K0AB00E0000");
    assertRefused(KeyAlgorithm.TDES, TDES_KBPK, "B0000K0TB00E0000");
  }

  @Test
  void wrap_aKeyDifferingFromTheKbpkInItsLastBit_isWrapped() throws Exception {
    KeyBlockProtectionKey kbpk =
        KeyBlockProtectionKey.prepare(KeyAlgorithm.AES, Hex.decode(AES_KBPK));
    try {
      byte[] key = Hex.decode(AES_KBPK);
      key[key.length - 1] ^= 1;
      String block = kbpk.wrap(KeyBlockHeader.parse("D0000K0AB00E0000", Profile.STRICT), key);
      try (UnwrappedKey k = kbpk.unwrap(block)) {
        assertEquals(Hex.encode(key), Hex.encode(k.keyBytes()));
      }
    } finally {
      kbpk.destroy();
    }
  }
}
