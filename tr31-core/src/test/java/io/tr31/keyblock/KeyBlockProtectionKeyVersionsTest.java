/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.testing.Kbpks;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31Exception;


import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.internal.Hex;
import io.tr31.internal.VariantBinding;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which KBPK serves which version, and the wrap rules of X9.143 for the older versions. */
class KeyBlockProtectionKeyVersionsTest {
  private static final byte[] TDES = new byte[16];
  private static final byte[] AES = new byte[32];
  private static final byte[] KEY = new byte[16];
  private static final WrapOptions LEGACY =
      WrapOptions.builder().allowDeprecatedVersions().build();

  static {
    for (int i = 0; i < 16; i++) {
      TDES[i] = (byte) (0x11 * i);
      KEY[i] = (byte) (0xF0 - i);
    }
    for (int i = 0; i < 32; i++) {
      AES[i] = (byte) (7 * i);
    }
  }

  private static KeyBlockHeader header(String template) throws Tr31Exception {
    return KeyBlockHeader.parse(template, Profile.STRICT);
  }

  private static Set<KeyBlockVersion> served(KeyBlockProtectionKey k) {
    Set<KeyBlockVersion> out = EnumSet.noneOf(KeyBlockVersion.class);
    for (KeyBlockVersion v : KeyBlockVersion.values()) {
      if (k.keys().serves(v)) {
        out.add(v);
      }
    }
    return out;
  }

  @Test
  void serves_tdesKbpkServesABC0_aesKbpkServesDE_singleDesServesAC0() throws Exception {
    assertEquals(
        EnumSet.of(
            KeyBlockVersion.A, KeyBlockVersion.B, KeyBlockVersion.C, KeyBlockVersion.THALES_0),
        served(KeyBlockProtectionKey.tdes(TDES)));
    assertEquals(
        EnumSet.of(KeyBlockVersion.D, KeyBlockVersion.E),
        served(KeyBlockProtectionKey.aes(AES)));
    assertEquals(
        EnumSet.of(KeyBlockVersion.A, KeyBlockVersion.C, KeyBlockVersion.THALES_0),
        served(KeyBlockProtectionKey.forVersion(KeyBlockVersion.A, new byte[8], Profile.LENIENT)));
  }

  @Test
  void wrap_versionDUnderTdesKbpk_messageSaysItNeedsAnAesKbpk() throws Exception {
    KeyBlockProtectionKey tdes = KeyBlockProtectionKey.tdes(TDES);
    Tr31Exception e =
        assertThrows(Tr31Exception.class, () -> tdes.wrap(header("D0000D0TB00E0000"), KEY, WrapOptions.defaults()));
    assertEquals(ErrorCode.WRONG_KBPK_FOR_VERSION, e.code());
    assertTrue(
        e.getMessage().contains("version D needs an AES KBPK (16, 24 or 32 bytes)"),
        e.getMessage());
    assertTrue(e.getMessage().contains("this KBPK is TDES-128"), e.getMessage());
  }

  @Test
  void unwrap_versionBUnderAesKbpk_messageSaysItNeedsATdesKbpk() throws Exception {
    String b =
        KeyBlockProtectionKey.tdes(TDES)
            .wrap(header("B0000D0TB00E0000"), KEY, WrapOptions.defaults());
    KeyBlockProtectionKey aes = KeyBlockProtectionKey.aes(AES);
    Tr31Exception e = assertThrows(Tr31Exception.class, () -> aes.unwrap(b));
    assertEquals(ErrorCode.WRONG_KBPK_FOR_VERSION, e.code());
    assertTrue(e.getMessage().contains("version B needs a TDES KBPK"), e.getMessage());
  }

  @Test
  void wrap_versionsAAndC_needAllowDeprecated_versionBDoesNot() throws Exception {
    KeyBlockProtectionKey tdes = KeyBlockProtectionKey.tdes(TDES);
    for (String v : new String[] {"A", "C"}) {
      KeyBlockHeader h = header(v + "0000D0TB00E0000");
      Tr31Exception e = assertThrows(Tr31Exception.class, () -> tdes.wrap(h, KEY, WrapOptions.defaults()));
      assertEquals(ErrorCode.UNSUPPORTED_OPERATION, e.code());
      assertTrue(e.getMessage().contains("deprecated"), e.getMessage());
      try (UnwrappedKey back = tdes.unwrap(tdes.wrap(h, KEY, LEGACY))) {
        assertArrayEquals(KEY, back.keyBytes());
      }
    }
    try (UnwrappedKey back = tdes.unwrap(tdes.wrap(header("B0000D0TB00E0000"), KEY, WrapOptions.defaults()))) {
      assertArrayEquals(KEY, back.keyBytes());
    }
  }

  @Test
  void wrap_proprietaryVersion0_refusedEvenWithAllowDeprecated() throws Exception {
    KeyBlockProtectionKey tdes = KeyBlockProtectionKey.tdes(TDES);
    KeyBlockHeader h = KeyBlockHeader.parse("00000D0TB00E0000", Profile.LENIENT);
    assertEquals(
        ErrorCode.UNSUPPORTED_OPERATION,
        assertThrows(Tr31Exception.class, () -> tdes.wrap(h, KEY, LEGACY)).code());
  }

  @Test
  void versionE_payloadNotPaddedAndHeaderAlignedTo16() throws Exception {
    KeyBlockProtectionKey aes = KeyBlockProtectionKey.aes(AES);
    WrapOptions exact = WrapOptions.builder().exactKeyLength().build();
    String e = aes.wrap(header("E0000D0TB00E0000"), KEY, exact);
    // ISO 20038: 16 header + 2 * (2 + 16) payload + 32 MAC, no block padding.
    assertEquals(84, e.length());
    String labelled =
        aes.wrap(
            header("E0000D0TB00E0000").withOptionalBlock(OptionalBlock.label("X")), KEY, exact);
    KeyBlock parsed = KeyBlock.parse(labelled, Profile.STRICT);
    assertEquals(0, parsed.payloadOffset() % 16);
    assertEquals(labelled.length(), parsed.payloadOffset() + 36 + 32);
    try (UnwrappedKey back = aes.unwrap(labelled)) {
      assertArrayEquals(KEY, back.keyBytes());
    }
  }

  @Test
  void iso20038AlgorithmsIAndJ_onlyInVersionE_underStrict() throws Exception {
    KeyBlockProtectionKey aes = KeyBlockProtectionKey.aes(AES);
    assertEquals(
        ErrorCode.INVALID_ALGORITHM,
        assertThrows(Tr31Exception.class, () -> aes.wrap(header("D0000M7IC00E0000"), KEY, WrapOptions.defaults())).code());
    try (UnwrappedKey back = aes.unwrap(aes.wrap(header("E0000M7IC00E0000"), KEY, WrapOptions.defaults()))) {
      assertEquals(KeyAlgorithm.HMAC_SHA2, back.header().algorithm());
    }
  }

  @Test
  void singleDesKbpk_keyBlocksUnwrapPreparesItUnderLenientOnly() throws Exception {
    byte[] des = Hex.decode("0123456789ABCDEF");
    byte[] kkk = new byte[24];
    for (int i = 0; i < 3; i++) {
      System.arraycopy(des, 0, kkk, 8 * i, 8);
    }
    // Sealed at the binding level: wrap refuses a degenerate TDES KBPK (issue 12, F2).
    String a =
        DegenerateTdesKeyTest.authentic(VariantBinding.of(kkk), header("A0000D0TB00E0000"), KEY);
    try (UnwrappedKey k = Kbpks.unwrap(des, a, Profile.LENIENT)) {
      assertArrayEquals(KEY, k.keyBytes());
    }
    Tr31Exception strict =
        assertThrows(Tr31Exception.class, () -> Kbpks.unwrap(des, a, Profile.STRICT));
    assertEquals(ErrorCode.INVALID_KBPK_LENGTH, strict.code());
    // The algorithm-specific factories take a caller's key: 8 bytes contradict TDES.
    assertThrows(IllegalArgumentException.class, () -> KeyBlockProtectionKey.tdes(des));
  }

  @Test
  void destroyed_everyVersionRefusesUse_toStringShowsNoKey() throws Exception {
    KeyBlockProtectionKey tdes = KeyBlockProtectionKey.tdes(TDES);
    String b = tdes.wrap(header("B0000D0TB00E0000"), KEY, WrapOptions.defaults());
    assertEquals("TDES-128", tdes.keys().describe());
    assertEquals(
        "single DES (8 bytes)",
        KeyBlockProtectionKey.forVersion(KeyBlockVersion.A, new byte[8], Profile.LENIENT)
            .keys()
            .describe());
    tdes.destroy();
    tdes.destroy();
    assertTrue(tdes.isDestroyed());
    assertThrows(IllegalStateException.class, () -> tdes.unwrap(b));
    assertThrows(IllegalStateException.class, () -> tdes.wrap(header("B0000D0TB00E0000"), KEY, WrapOptions.defaults()));
    assertFalse(tdes.toString().contains("1122"));
  }
}
