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

import io.tr31.testing.Gens;
import org.junit.jupiter.api.Test;

/** {@link KeyBlockProtectionKey#forVersion}: which KBPK a version needs, and the one-shot calls. */
class KeyBlockProtectionKeyForVersionTest {
  private static final byte[] KEY = Gens.distinctTdesKey(16);
  private static final byte[] KEY8 = new byte[8];

  @Test
  void prepareFor_decisionTable_versionLengthAndProfile() throws Exception {
    Object[][] cases = {
      // version, KBPK bytes, profile, expected algorithm (null: INVALID_KBPK_LENGTH)
      {KeyBlockVersion.A, 8, Profile.LENIENT, KeyAlgorithm.DES},
      {KeyBlockVersion.C, 8, Profile.LENIENT, KeyAlgorithm.DES},
      {KeyBlockVersion.THALES_0, 8, Profile.LENIENT, KeyAlgorithm.DES},
      {KeyBlockVersion.A, 8, Profile.STRICT, null},
      {KeyBlockVersion.B, 8, Profile.LENIENT, null},
      {KeyBlockVersion.D, 8, Profile.LENIENT, null},
      {KeyBlockVersion.A, 16, Profile.LENIENT, KeyAlgorithm.TDES},
      {KeyBlockVersion.C, 24, Profile.STRICT, KeyAlgorithm.TDES},
      {KeyBlockVersion.B, 16, Profile.STRICT, KeyAlgorithm.TDES},
      {KeyBlockVersion.B, 32, Profile.STRICT, null},
      {KeyBlockVersion.A, 20, Profile.LENIENT, null},
      {KeyBlockVersion.D, 16, Profile.STRICT, KeyAlgorithm.AES},
      {KeyBlockVersion.E, 32, Profile.LENIENT, KeyAlgorithm.AES},
      {KeyBlockVersion.E, 24, Profile.STRICT, KeyAlgorithm.AES},
      {KeyBlockVersion.D, 20, Profile.STRICT, null},
    };
    for (Object[] c : cases) {
      KeyBlockVersion v = (KeyBlockVersion) c[0];
      byte[] kbpk = Gens.distinctTdesKey((Integer) c[1]);
      Profile p = (Profile) c[2];
      String what = v + " " + c[1] + " bytes " + p;
      if (c[3] == null) {
        Tr31Exception e = assertThrows(Tr31Exception.class, () -> KeyBlockProtectionKey.forVersion(v, kbpk, p));
        assertEquals(ErrorCode.INVALID_KBPK_LENGTH, e.code(), what);
      } else {
        KeyBlockProtectionKey k = KeyBlockProtectionKey.forVersion(v, kbpk, p);
        assertEquals(c[3], k.keys().algorithm, what);
        assertEquals(kbpk.length, k.keys().lengthBytes, what);
        k.destroy();
      }
    }
  }

  @Test
  void oneShot_wrapThenUnwrap_returnsTheKeyForEveryWritableVersion() throws Exception {
    WrapOptions legacy =
        WrapOptions.builder().allowDeprecatedVersions().build();
    for (KeyBlockVersion v :
        new KeyBlockVersion[] {
          KeyBlockVersion.A, KeyBlockVersion.B, KeyBlockVersion.C, KeyBlockVersion.D,
          KeyBlockVersion.E
        }) {
      boolean aes = KbpkRules.algorithmFor(v) == KeyAlgorithm.AES;
      byte[] kbpk = Gens.distinctTdesKey(aes ? 32 : 24);
      kbpk[0] = 1;
      KeyBlockHeader h =
          KeyBlockHeader.parse(v.id() + "0000P0" + (aes ? "A" : "T") + "E00E0000", Profile.STRICT);
      String block = Kbpks.wrap(kbpk, h, KEY, legacy);
      try (UnwrappedKey u = Kbpks.unwrap(kbpk, block, Profile.STRICT)) {
        assertArrayEquals(KEY, u.keyBytes(), v.toString());
      }
      // The caller's KBPK is neither kept nor modified.
      assertEquals(1, kbpk[0]);
    }
  }

  @Test
  void prepare_eightByteTdesKbpk_messagePointsToTheSingleDesLegacyPreparation() {
    // Users get the KBPK type wrong (psec issue 8): the refusal says what to call instead.
    IllegalArgumentException e8 =
        assertThrows(IllegalArgumentException.class, () -> KeyBlockProtectionKey.tdes(KEY8));
    assertTrue(e8.getMessage().contains("forVersion, lenient profile only"), e8.getMessage());
    IllegalArgumentException e32 =
        assertThrows(IllegalArgumentException.class, () -> KeyBlockProtectionKey.tdes(new byte[32]));
    assertFalse(e32.getMessage().contains("forVersion"), e32.getMessage());
    Tr31Exception strict =
        assertThrows(
            Tr31Exception.class,
            () -> KeyBlockProtectionKey.forVersion(KeyBlockVersion.A, KEY8, Profile.STRICT));
    assertEquals(ErrorCode.INVALID_KBPK_LENGTH, strict.code());
    assertTrue(strict.getMessage().contains("single DES under the lenient"), strict.getMessage());
  }
}
