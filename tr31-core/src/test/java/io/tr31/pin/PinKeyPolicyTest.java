/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.pin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.ErrorCode;
import io.tr31.Tr31Exception;
import io.tr31.Tr31FormatException;
import io.tr31.Tr31PolicyException;
import io.tr31.Tr31VerificationException;
import io.tr31.keyblock.UnwrappedKey;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

/**
 * The key block's header decides what a PIN key may do, before any PIN is read: usage P0 only,
 * mode E/D/B per operation, algorithm per format; translations that would drop the PAN binding are
 * refused; the lifecycle is the library's one destroy-once rule.
 */
class PinKeyPolicyTest {
  private static final String AES = PinTestKeys.AES_KEY;
  private static final String TDES = PinTestKeys.TDES_KEY;
  private static final String PAN = "4111111111111111";
  private static final char[] PIN = "1234".toCharArray();
  /** Not a PIN: a policy refusal must come first, so this never reaches the PIN check. */
  private static final char[] NOT_A_PIN = "12".toCharArray();

  private static PinKey key(char algorithm, char mode) throws Exception {
    return PinTestKeys.pinKey(algorithm, mode, algorithm == 'A' ? AES : TDES, new SecureRandom());
  }

  private static ErrorCode refusal(UnwrappedKey k) {
    return assertThrows(Tr31PolicyException.class, () -> PinKey.from(k)).code();
  }

  @Test
  void from_dataKeyD0_isRefusedAsNotAPinKey() throws Exception {
    try (UnwrappedKey k = PinTestKeys.unwrapped("D0", 'A', 'B', AES)) {
      assertEquals(ErrorCode.PIN_KEY_USAGE, refusal(k));
    }
  }

  @Test
  void from_keyEncryptionKeyK1_isRefusedAsNotAPinKey() throws Exception {
    try (UnwrappedKey k = PinTestKeys.unwrapped("K1", 'T', 'B', TDES)) {
      assertEquals(ErrorCode.PIN_KEY_USAGE, refusal(k));
    }
  }

  @Test
  void from_pinKeyWithModeNoRestrictions_isRefused() throws Exception {
    try (UnwrappedKey k = PinTestKeys.unwrapped("P0", 'A', 'N', AES)) {
      assertEquals(ErrorCode.PIN_KEY_MODE, refusal(k));
    }
  }

  @Test
  void encipherOnlyKeyE_cannotDecipher_norBeTheSourceOfATranslation() throws Exception {
    try (PinKey e = key('A', 'E')) {
      byte[] block = e.encipher(PinFormat.ISO_4, PIN, PAN);
      assertEquals(
          ErrorCode.PIN_KEY_MODE,
          assertThrows(Tr31PolicyException.class, () -> e.decipher(PinFormat.ISO_4, block, PAN))
              .code());
      assertEquals(
          ErrorCode.PIN_KEY_MODE,
          assertThrows(
                  Tr31PolicyException.class,
                  () -> e.translate(PinFormat.ISO_4, block, PAN, e, PinFormat.ISO_4))
              .code());
    }
  }

  @Test
  void decipherOnlyKeyD_cannotEncipher_evenBeforeReadingThePin() throws Exception {
    try (PinKey d = key('A', 'D')) {
      assertEquals(
          ErrorCode.PIN_KEY_MODE,
          assertThrows(
                  Tr31PolicyException.class, () -> d.encipher(PinFormat.ISO_4, NOT_A_PIN, PAN))
              .code());
    }
  }

  @Test
  void tdesKey_cannotDoFormat4_andAesKeyCannotDoFormats013() throws Exception {
    try (PinKey t = key('T', 'B');
        PinKey a = key('A', 'B')) {
      assertEquals(
          ErrorCode.PIN_KEY_ALGORITHM,
          assertThrows(
                  Tr31PolicyException.class, () -> t.encipher(PinFormat.ISO_4, NOT_A_PIN, PAN))
              .code());
      assertEquals(
          ErrorCode.PIN_KEY_ALGORITHM,
          assertThrows(
                  Tr31PolicyException.class,
                  () -> t.decipher(PinFormat.ISO_4, new byte[16], PAN))
              .code());
      for (PinFormat f : new PinFormat[] {PinFormat.ISO_0, PinFormat.ISO_1, PinFormat.ISO_3}) {
        String pan = f == PinFormat.ISO_1 ? null : PAN;
        assertEquals(
            ErrorCode.PIN_KEY_ALGORITHM,
            assertThrows(Tr31PolicyException.class, () -> a.encipher(f, NOT_A_PIN, pan)).code());
      }
    }
  }

  @Test
  void translate_fromAPanBoundFormatToFormat1_isRefused_butFormat4ToFormat0IsNot()
      throws Exception {
    try (PinKey tpk = key('A', 'B');
        PinKey zpk = key('T', 'B')) {
      byte[] block = tpk.encipher(PinFormat.ISO_4, PIN, PAN);
      assertEquals(
          ErrorCode.PIN_TRANSLATION_REFUSED,
          assertThrows(
                  Tr31PolicyException.class,
                  () -> tpk.translate(PinFormat.ISO_4, block, PAN, zpk, PinFormat.ISO_1))
              .code());
      byte[] zone = tpk.translate(PinFormat.ISO_4, block, PAN, zpk, PinFormat.ISO_0);
      assertArrayEquals(PIN, zpk.decipher(PinFormat.ISO_0, zone, PAN));
      byte[] f3 = zpk.translate(PinFormat.ISO_0, zone, PAN, zpk, PinFormat.ISO_3);
      assertEquals(
          ErrorCode.PIN_TRANSLATION_REFUSED,
          assertThrows(
                  Tr31PolicyException.class,
                  () -> zpk.translate(PinFormat.ISO_3, f3, PAN, zpk, PinFormat.ISO_1))
              .code());
      byte[] back = zpk.translate(PinFormat.ISO_3, f3, PAN, tpk, PinFormat.ISO_4);
      assertArrayEquals(PIN, tpk.decipher(PinFormat.ISO_4, back, PAN));
    }
  }

  @Test
  void translate_toAnEncipherOnlyTarget_isAllowed_toADecipherOnlyTargetIsRefused()
      throws Exception {
    try (PinKey host = key('A', 'B');
        PinKey out = key('T', 'E');
        PinKey in = key('T', 'D')) {
      byte[] block = host.encipher(PinFormat.ISO_4, PIN, PAN);
      assertEquals(8, host.translate(PinFormat.ISO_4, block, PAN, out, PinFormat.ISO_0).length);
      assertEquals(
          ErrorCode.PIN_KEY_MODE,
          assertThrows(
                  Tr31PolicyException.class,
                  () -> host.translate(PinFormat.ISO_4, block, PAN, in, PinFormat.ISO_0))
              .code());
    }
  }

  @Test
  void decipher_underTheWrongPan_isTheOneVerificationError() throws Exception {
    try (PinKey k = key('A', 'B')) {
      byte[] block = k.encipher(PinFormat.ISO_4, PIN, PAN);
      Tr31VerificationException e =
          assertThrows(
              Tr31VerificationException.class,
              () -> k.decipher(PinFormat.ISO_4, block, "4111111111111112"));
      assertEquals(ErrorCode.PIN_BLOCK_VERIFICATION_FAILED, e.code());
      assertEquals(
          e.getMessage(),
          assertThrows(
                  Tr31VerificationException.class,
                  () -> k.decipher(PinFormat.ISO_4, new byte[16], PAN))
              .getMessage(),
          "one message whatever failed");
    }
  }

  @Test
  void inputsThatAreNotPinsOrPans_areFormatErrorsThatNameNoDigit() throws Exception {
    try (PinKey k = key('A', 'B')) {
      for (String bad : new String[] {"123", "1234567890123", "12a4", "12 4", "١٢٣٤"}) {
        Tr31FormatException e =
            assertThrows(
                Tr31FormatException.class,
                () -> k.encipher(PinFormat.ISO_4, bad.toCharArray(), PAN));
        assertEquals(ErrorCode.PIN_INVALID, e.code());
        assertFalse(e.getMessage().contains(bad), e.getMessage());
      }
      for (String bad : new String[] {"", "41111111111111111111", "4111-1111"}) {
        assertEquals(
            ErrorCode.PAN_INVALID,
            assertThrows(Tr31FormatException.class, () -> k.encipher(PinFormat.ISO_4, PIN, bad))
                .code());
      }
      assertEquals(
          ErrorCode.PIN_BLOCK_LENGTH,
          assertThrows(
                  Tr31FormatException.class, () -> k.decipher(PinFormat.ISO_4, new byte[8], PAN))
              .code());
    }
  }

  @Test
  void callerBugs_areNullPointerOrIllegalArgument() throws Exception {
    try (PinKey k = key('T', 'B')) {
      assertThrows(NullPointerException.class, () -> k.encipher(null, PIN, PAN));
      assertThrows(NullPointerException.class, () -> k.encipher(PinFormat.ISO_0, null, PAN));
      assertThrows(NullPointerException.class, () -> k.encipher(PinFormat.ISO_0, PIN, null));
      assertThrows(IllegalArgumentException.class, () -> k.encipher(PinFormat.ISO_1, PIN, PAN));
      assertThrows(NullPointerException.class, () -> PinKey.from(null));
    }
  }

  @Test
  void afterDestroy_everyOperationIsTheOneIllegalState_andTheSourceKeyIsUntouched()
      throws Exception {
    try (UnwrappedKey source = PinTestKeys.unwrapped("P0", 'A', 'B', AES)) {
      PinKey k = PinKey.from(source);
      byte[] block = k.encipher(PinFormat.ISO_4, PIN, PAN);
      k.close();
      assertTrue(k.isDestroyed());
      k.destroy();
      assertEquals(
          "PIN key was destroyed",
          assertThrows(IllegalStateException.class, () -> k.decipher(PinFormat.ISO_4, block, PAN))
              .getMessage());
      assertThrows(IllegalStateException.class, () -> k.encipher(PinFormat.ISO_4, PIN, PAN));
      try (PinKey again = PinKey.from(source)) {
        assertArrayEquals(PIN, again.decipher(PinFormat.ISO_4, block, PAN));
        assertThrows(
            IllegalStateException.class,
            () -> again.translate(PinFormat.ISO_4, block, PAN, k, PinFormat.ISO_4));
      }
    }
  }

  @Test
  void toString_showsNoKeyAndEncipherIsRandomised() throws Exception {
    try (PinKey k = key('A', 'B')) {
      assertFalse(k.toString().contains("0001020304"), k.toString());
      byte[] a = k.encipher(PinFormat.ISO_4, PIN, PAN);
      byte[] b = k.encipher(PinFormat.ISO_4, PIN, PAN);
      assertFalse(java.util.Arrays.equals(a, b), "format 4 has a random fill");
    }
  }

  @Test
  void formatNumbers_areTheIsoNumbers_andFormat2IsNotOffered() {
    assertEquals(PinFormat.ISO_0, PinFormat.of(0));
    assertEquals(PinFormat.ISO_1, PinFormat.of(1));
    assertEquals(PinFormat.ISO_3, PinFormat.of(3));
    assertEquals(PinFormat.ISO_4, PinFormat.of(4));
    for (int n : new int[] {-1, 2, 5, 15}) {
      assertThrows(IllegalArgumentException.class, () -> PinFormat.of(n));
    }
  }

  @Test
  void everyPinErrorCode_hasTheKindOfItsException() {
    assertEquals(ErrorCode.Kind.POLICY, ErrorCode.PIN_KEY_USAGE.kind());
    assertEquals(ErrorCode.Kind.POLICY, ErrorCode.PIN_KEY_MODE.kind());
    assertEquals(ErrorCode.Kind.POLICY, ErrorCode.PIN_KEY_ALGORITHM.kind());
    assertEquals(ErrorCode.Kind.POLICY, ErrorCode.PIN_TRANSLATION_REFUSED.kind());
    assertEquals(ErrorCode.Kind.FORMAT, ErrorCode.PIN_INVALID.kind());
    assertEquals(ErrorCode.Kind.FORMAT, ErrorCode.PAN_INVALID.kind());
    assertEquals(ErrorCode.Kind.FORMAT, ErrorCode.PIN_BLOCK_LENGTH.kind());
    assertEquals(ErrorCode.Kind.VERIFICATION, ErrorCode.PIN_BLOCK_VERIFICATION_FAILED.kind());
    assertTrue(Tr31Exception.class.isAssignableFrom(Tr31VerificationException.class));
  }
}
