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
import io.tr31.testing.Vectors;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyAttributePolicyTest {
  private static void permitted(String usage, String algs, String modes) throws Exception {
    for (char a : algs.toCharArray()) {
      for (char m : modes.toCharArray()) {
        assertTrue(
            KeyAttributePolicy.isPermitted(
                KeyUsage.fromCode(usage, 0),
                KeyAlgorithm.fromCode(String.valueOf(a), 0),
                ModeOfUse.fromCode(String.valueOf(m), 0)),
            usage + a + m);
      }
    }
  }

  @Test
  void productCombinations_arePermitted() throws Exception {
    permitted("K1", "AT", "BDE");
    permitted("K0", "AT", "BDE");
    permitted("D0", "AT", "BDE");
    permitted("P0", "AT", "BDE");
    permitted("M7", "H", "CGV");
    permitted("M6", "AT", "CGV");
    permitted("B0", "AT", "X");
  }

  @Test
  void nonsenseCombinations_areNotPermitted() throws Exception {
    assertFalse(
        KeyAttributePolicy.isPermitted(
            KeyUsage.PIN_ENCRYPTION, KeyAlgorithm.TDES, ModeOfUse.GENERATE_VERIFY));
    assertFalse(
        KeyAttributePolicy.isPermitted(
            KeyUsage.MAC_HMAC, KeyAlgorithm.AES, ModeOfUse.GENERATE_ONLY));
    assertFalse(
        KeyAttributePolicy.isPermitted(KeyUsage.BDK, KeyAlgorithm.TDES, ModeOfUse.ENCRYPT_ONLY));
    assertFalse(
        KeyAttributePolicy.isPermitted(
            KeyUsage.PIN_ENCRYPTION, KeyAlgorithm.DES, ModeOfUse.ENCRYPT_ONLY));
    assertFalse(
        KeyAttributePolicy.isPermitted(
            KeyUsage.ASYMMETRIC_SIGNATURE, KeyAlgorithm.AES, ModeOfUse.SIGNATURE_ONLY));
  }

  @Test
  void proprietaryCodes_areNeverPermitted() {
    for (KeyAlgorithm a : KeyAlgorithm.values()) {
      for (ModeOfUse m : ModeOfUse.values()) {
        assertFalse(KeyAttributePolicy.isPermitted(KeyUsage.PROPRIETARY, a, m));
      }
      for (KeyUsage u : KeyUsage.values()) {
        assertFalse(KeyAttributePolicy.isPermitted(u, a, ModeOfUse.PROPRIETARY));
      }
    }
  }

  @Test
  void everyDefinedUsage_hasAtLeastOneCombination() {
    for (KeyUsage u : KeyUsage.values()) {
      if (u == KeyUsage.PROPRIETARY) {
        continue;
      }
      boolean any = false;
      for (KeyAlgorithm a : KeyAlgorithm.values()) {
        any |= !KeyAttributePolicy.permittedModes(u, a).isEmpty();
      }
      assertTrue(any, u.name());
    }
  }

  @Test
  void check_incompatible_throwsAtUsageOffset() throws Exception {
    KeyBlockHeader h = KeyBlockHeader.parse("D0000P0AC00E0000", Profile.LENIENT);
    Tr31FormatException e =
        assertThrows(Tr31FormatException.class, () -> KeyAttributePolicy.check(h));
    assertEquals(ErrorCode.INCOMPATIBLE_KEY_ATTRIBUTES, e.code());
    assertEquals(5, e.offset());
  }

  @Test
  void everyValidVectorWithoutStrictNote_isPermitted() throws Exception {
    List<Map<String, Object>> vectors = Vectors.loadList("tr31_vectors.json");
    int run = 0;
    for (Map<String, Object> v : vectors) {
      if (!"valid".equals(v.get("expect")) || v.containsKey("strict_header_validation")) {
        continue;
      }
      String kb = (String) v.get("key_block");
      assertTrue(
          KeyAttributePolicy.isPermitted(
              KeyUsage.fromCode(kb.substring(5, 7), 5),
              KeyAlgorithm.fromCode(kb.substring(7, 8), 7),
              ModeOfUse.fromCode(kb.substring(8, 9), 8)),
          v.get("id") + " " + kb.substring(0, 16));
      run++;
    }
    assertEquals(63, run);
  }

  /** The flattened bit table agrees with the table it was built from, for every combination. */
  @Test
  void isPermitted_agreesWithPermittedModes_forEveryCombination() {
    int permitted = 0;
    for (KeyUsage u : KeyUsage.values()) {
      for (KeyAlgorithm a : KeyAlgorithm.values()) {
        for (ModeOfUse m : ModeOfUse.values()) {
          boolean want = KeyAttributePolicy.permittedModes(u, a).contains(m);
          assertEquals(want, KeyAttributePolicy.isPermitted(u, a, m), u + " " + a + " " + m);
          permitted += want ? 1 : 0;
        }
      }
    }
    assertTrue(permitted > 100, "the table permits combinations: " + permitted);
  }
}
