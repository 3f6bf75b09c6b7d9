/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.testing.Kbpks;

import io.tr31.Profile;
import io.tr31.Tr31Exception;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tr31.internal.Hex;
import org.junit.jupiter.api.Test;

/** Wrap refuses the KBPK itself as the key to wrap (issue 12). */
class WrapKbpkAsKeyTest {
  private static final String AES_KBPK =
      "88E1AB2A2E3DD38C1FA039A536500CC8A87AB9D62DC92C01058FA79F44657DE6";
  private static final String TDES_KBPK = "89E88CF7931444F334BD7547FC3F380C";

  /** {@code key} with the low (DES parity) bit of every byte flipped: the same DES key. */
  static byte[] everyParityBitFlipped(byte[] key) {
    byte[] out = key.clone();
    for (int i = 0; i < out.length; i++) {
      out[i] ^= 1;
    }
    return out;
  }

  private static void assertRefused(KeyAlgorithm a, String kbpkHex, String header)
      throws Exception {
    KeyBlockHeader h = KeyBlockHeader.parse(header, Profile.STRICT);
    KeyBlockProtectionKey kbpk = Kbpks.prepare(a, Hex.decode(kbpkHex));
    try {
      Tr31Exception e =
          assertThrows(Tr31Exception.class, () -> kbpk.wrap(h, Hex.decode(kbpkHex), WrapOptions.defaults()), header);
      assertEquals("KEY_IS_KBPK", e.code().name(), header);
      // the one-shot path too
      Tr31Exception oneShot =
          assertThrows(
              Tr31Exception.class,
              () ->
                  Kbpks.wrap(
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
  void wrap_theTdesKbpkUnderOtherParityBitsOrAsK1K2K1_isRefused() throws Exception {
    // DES ignores parity bits, and K1K2K1 is the 2-key K1K2: both are the KBPK itself.
    byte[] kbpkBytes = Hex.decode(TDES_KBPK);
    byte[] parityFlipped = everyParityBitFlipped(kbpkBytes);
    byte[] k1k2k1 = Hex.decode(TDES_KBPK + TDES_KBPK.substring(0, 16));
    KeyBlockProtectionKey kbpk = KeyBlockProtectionKey.tdes(kbpkBytes);
    try {
      KeyBlockHeader h = KeyBlockHeader.parse("B0000K0TB00E0000", Profile.STRICT);
      for (byte[] key : new byte[][] {parityFlipped, k1k2k1}) {
        Tr31Exception e = assertThrows(Tr31Exception.class, () -> kbpk.wrap(h, key, WrapOptions.defaults()));
        assertEquals("KEY_IS_KBPK", e.code().name());
      }
      // a 2-key key sharing K1 with the KBPK is another key
      byte[] other = Hex.decode(TDES_KBPK.substring(0, 16) + "0123456789ABCDEF");
      try (UnwrappedKey k =
          kbpk.unwrap(kbpk.wrap(KeyBlockHeader.parse("B0000D0TB00E0000", Profile.STRICT), other, WrapOptions.defaults()))) {
        assertEquals(Hex.encode(other), Hex.encode(k.keyBytes()));
      }
    } finally {
      kbpk.destroy();
    }
  }

  @Test
  void wrap_theAesKbpkRelabelledAsTdesUnderOtherParityBits_isRefused() throws Exception {
    // Review 4, finding 5: DES ignores parity bits, so these TDES keys are the AES-128 KBPK's bytes
    // up to 16 bits; a block holding one would leave only those bits of the KBPK unknown.
    String aes128 = AES_KBPK.substring(0, 32);
    byte[] kbpkBytes = Hex.decode(aes128);
    byte[] parityFlipped = everyParityBitFlipped(kbpkBytes);
    byte[] k1k2k1 = Hex.decode(aes128 + aes128.substring(0, 16));
    KeyBlockProtectionKey kbpk = KeyBlockProtectionKey.aes(kbpkBytes);
    try {
      for (String header : new String[] {"D0000K0TB00E0000", "E0000K0TB00E0000"}) {
        KeyBlockHeader h = KeyBlockHeader.parse(header, Profile.STRICT);
        for (byte[] key : new byte[][] {kbpkBytes, parityFlipped, k1k2k1}) {
          Tr31Exception e = assertThrows(Tr31Exception.class, () -> kbpk.wrap(h, key, WrapOptions.defaults()), header);
          assertEquals("KEY_IS_KBPK", e.code().name(), header);
        }
      }
      // as an AES key the parity bits count: one flipped bit is another key
      byte[] oneBit = kbpkBytes.clone();
      oneBit[0] ^= 1;
      kbpk.wrap(KeyBlockHeader.parse("D0000K0AB00E0000", Profile.STRICT), oneBit, WrapOptions.defaults());
    } finally {
      kbpk.destroy();
    }
  }

  @Test
  void wrap_aKeyDifferingFromTheKbpkInItsLastBit_isWrapped() throws Exception {
    KeyBlockProtectionKey kbpk =
        KeyBlockProtectionKey.aes(Hex.decode(AES_KBPK));
    try {
      byte[] key = Hex.decode(AES_KBPK);
      key[key.length - 1] ^= 1;
      String block = kbpk.wrap(KeyBlockHeader.parse("D0000K0AB00E0000", Profile.STRICT), key, WrapOptions.defaults());
      try (UnwrappedKey k = kbpk.unwrap(block)) {
        assertEquals(Hex.encode(key), Hex.encode(k.keyBytes()));
      }
    } finally {
      kbpk.destroy();
    }
  }
}
