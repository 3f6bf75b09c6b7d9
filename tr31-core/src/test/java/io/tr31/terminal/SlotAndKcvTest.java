/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.ErrorCode;
import io.tr31.Tr31Exception;
import io.tr31.keyblock.KcvMethod;
import io.tr31.keyblock.KeyAlgorithm;
import io.tr31.keyblock.KeyCheckValue;
import io.tr31.keyblock.KeyUsage;
import io.tr31.keyblock.ModeOfUse;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The slot table of src/docs/KEYSET.md, the seed's KCV, and the exception's offset. */
class SlotAndKcvTest {
  @Test
  void slots_haveTheDocumentedRolesAndParents() {
    assertEquals(KeyUsage.KEY_BLOCK_PROTECTION, Slot.KEK.keyUsage());
    assertEquals(KeyUsage.PIN_ENCRYPTION, Slot.TPK.keyUsage());
    assertEquals(KeyAlgorithm.HMAC, Slot.MAC.algorithm());
    assertEquals(KeyAlgorithm.AES, Slot.TDK.algorithm());
    assertEquals(ModeOfUse.DECRYPT_ONLY, Slot.TMK.modeOfUse());
    assertEquals(ModeOfUse.GENERATE_VERIFY, Slot.MAC.modeOfUse());
    assertEquals(Optional.empty(), Slot.TMK.parent());
    assertEquals(Optional.of(Slot.TMK), Slot.KEK.parent());
    assertEquals(Optional.of(Slot.KEK), Slot.MSK.parent());
    assertEquals("ZMK", Slot.TMK.parentName());
    assertEquals("TMK", Slot.KEK.parentName());
    assertEquals("KEK", Slot.MAC.parentName());
  }

  @Test
  void fingerprint_isTheWholeZeroBlockEncryption_whoseFirstThreeBytesAreTheKcv() {
    byte[] key = KeySets.bytes(32, 5);
    byte[] f = KeySetKcv.fingerprint(key);
    assertEquals(16, f.length);
    assertEquals(KeySetKcv.compute(key), KeySetKcv.of(Arrays.copyOf(f, 3)));
    assertFalse(Arrays.equals(f, KeySetKcv.fingerprint(KeySets.bytes(32, 6))));
  }

  @Test
  void matches_anotherMethodLengthOrKeySize_isFalse() throws Exception {
    byte[] key = KeySets.bytes(32, 5);
    KeyCheckValue kcv = KeySetKcv.compute(key);
    assertTrue(KeySetKcv.matches(kcv, key));
    assertFalse(KeySetKcv.matches(KeyCheckValue.of(KcvMethod.CMAC, io.tr31.internal.Hex.decode(kcv.hex())), key));
    assertFalse(KeySetKcv.matches(KeyCheckValue.of(KcvMethod.LEGACY, new byte[2]), key));
    assertFalse(KeySetKcv.matches(kcv, new byte[31]));
  }

  @Test
  void refusal_offsetBeyondAnInt_isClampedAndTheSlotIsNamed() {
    Tr31Exception e =
        KeySetRefusal.format(ErrorCode.KEYSET_TOO_LARGE, Slot.TPK, Long.MAX_VALUE, "x");
    assertEquals(Integer.MAX_VALUE, e.offset());
    assertEquals(5, KeySetRefusal.format(ErrorCode.KEYSET_TOO_LARGE, null, 5, null).offset());
    assertEquals(-1, KeySetRefusal.policy(ErrorCode.KEYSET_EXPIRED, null, null).offset());
    assertTrue(e.getMessage().contains("(slot tpk: x)"), e.getMessage());
    Tr31Exception v = KeySetRefusal.verification(ErrorCode.KEYSET_KCV_MISMATCH, Slot.MAC, null);
    assertEquals("KEYSET_KCV_MISMATCH: key check value does not match (slot mac)", v.getMessage());
    assertEquals(-1, v.offset());
  }

  @Test
  void refusal_codeOfAnotherKind_isACallerBug() {
    assertThrows(
        IllegalArgumentException.class,
        () -> KeySetRefusal.policy(ErrorCode.KEYSET_KCV_MISMATCH, Slot.MAC, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> KeySetRefusal.verification(ErrorCode.KEYSET_EXPIRED, null, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> KeySetRefusal.format(ErrorCode.KEYSET_UNWRAP_FAILED, null, -1, null));
  }
}
