/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.testing.Kbpks;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31Exception;
import io.tr31.Tr31VerificationException;


import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.internal.Hex;
import io.tr31.internal.KeyDerivationBinding;
import io.tr31.testing.Gens;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Unit tests of version D wrap/unwrap: every refusal has its code; post-decryption is uniform. */
class KeyBlockProtectionKeyTest {
  private static final byte[] KBPK = new byte[32];
  private static final byte[] KEY = new byte[16];

  static {
    for (int i = 0; i < 32; i++) {
      KBPK[i] = (byte) (i * 7 + 1);
    }
    for (int i = 0; i < 16; i++) {
      KEY[i] = (byte) (0xA0 + i);
    }
  }

  private static KeyBlockHeader header(String template) throws Tr31Exception {
    return KeyBlockHeader.parse(template, Profile.STRICT);
  }

  private static KeyBlockProtectionKey kbpk() throws Tr31Exception {
    return KeyBlockProtectionKey.aes(KBPK);
  }

  private static void assertCode(ErrorCode code, Executable e) {
    Tr31Exception ex = assertThrows(Tr31Exception.class, e::run);
    assertEquals(code, ex.code(), ex.getMessage());
  }

  interface Executable {
    void run() throws Exception;
  }

  @Test
  void aCallersWrongKbpkLength_isIllegalArgument_anUntrustedOne_invalidKbpkLength() {
    for (int n : new int[] {0, 8, 15, 17, 20, 31, 33, 64}) {
      assertThrows(IllegalArgumentException.class, () -> KeyBlockProtectionKey.aes(new byte[n]));
      assertCode(
          ErrorCode.INVALID_KBPK_LENGTH,
          () -> KeyBlockProtectionKey.forVersion(KeyBlockVersion.D, new byte[n], Profile.STRICT));
    }
    assertThrows(IllegalArgumentException.class, () -> KeyBlockProtectionKey.tdes(new byte[32]));
    assertCode(
        ErrorCode.INVALID_KBPK_LENGTH,
        () -> KeyBlockProtectionKey.forVersion(KeyBlockVersion.B, new byte[32], Profile.STRICT));
  }

  @Test
  void unwrap_versionDUnderTdesKbpk_throwsWrongKbpkNamingTheNeededKey() throws Exception {
    String block = kbpk().wrap(header("D0000P0AE00E0000"), KEY, WrapOptions.defaults());
    KeyBlockProtectionKey tdes =
        KeyBlockProtectionKey.tdes(Gens.distinctTdesKey(16));
    Tr31Exception e = assertThrows(Tr31Exception.class, () -> tdes.unwrap(block));
    assertEquals(ErrorCode.WRONG_KBPK_FOR_VERSION, e.code());
    assertTrue(e.getMessage().contains("AES KBPK"), e.getMessage());
  }

  @Test
  void oneShotUnwrap_kbpkOfWrongSizeForVersion_throwsInvalidKbpkLength() throws Exception {
    String block = kbpk().wrap(header("D0000P0AE00E0000"), KEY, WrapOptions.defaults());
    assertCode(
        ErrorCode.INVALID_KBPK_LENGTH, () -> Kbpks.unwrap(new byte[19], block, Profile.STRICT));
  }

  @Test
  void wrap_keyLengthNotAllowedForAlgorithm_throwsInvalidKeyLength() throws Exception {
    KeyBlockProtectionKey k = kbpk();
    assertCode(
        ErrorCode.INVALID_KEY_LENGTH, () -> k.wrap(header("D0000P0AE00E0000"), new byte[20], WrapOptions.defaults()));
    assertCode(ErrorCode.INVALID_KEY_LENGTH, () -> k.wrap(header("D0000P0TE00E0000"), new byte[8], WrapOptions.defaults()));
    assertCode(
        ErrorCode.INVALID_KEY_LENGTH, () -> k.wrap(header("D0000M7HC00E0000"), new byte[15], WrapOptions.defaults()));
    assertCode(
        ErrorCode.INVALID_KEY_LENGTH, () -> k.wrap(header("D0000M7HC00E0000"), new byte[5000], WrapOptions.defaults()));
  }

  @Test
  void wrap_attributesNotPermittedTogether_throwsIncompatible() throws Exception {
    KeyBlockHeader pinKeyForMacs = KeyBlockHeader.parse("D0000P0AC00E0000", Profile.LENIENT);
    assertCode(ErrorCode.INCOMPATIBLE_KEY_ATTRIBUTES, () -> kbpk().wrap(pinKeyForMacs, KEY, WrapOptions.defaults()));
  }

  @Test
  void wrap_headerTheLenientProfileTolerated_isRefusedWithTheStrictCode() throws Exception {
    KeyBlockHeader lenient = KeyBlockHeader.parse("D0000P0AE00E0100KS08VM9A", Profile.LENIENT);
    assertCode(ErrorCode.INVALID_OPTIONAL_BLOCK_DATA, () -> kbpk().wrap(lenient, KEY, WrapOptions.defaults()));
  }

  @Test
  void wrap_kcAndKp_areWrittenAndVerified() throws Exception {
    KeyBlockProtectionKey k = kbpk();
    String block =
        k.wrap(
            header("D0000P0AE00E0000"),
            KEY,
            WrapOptions.builder().keyKcv(KcvMethod.CMAC).kbpkKcv(KcvMethod.LEGACY).build());
    try (UnwrappedKey u = k.unwrap(block)) {
      OptionalBlock kc = u.header().optionalBlock(OptionalBlockId.KC).orElseThrow();
      assertEquals(KcvMethod.CMAC, kc.kcv().get().method());
      assertArrayEquals(
          KeyCheckValue.compute(KeyAlgorithm.AES, KEY, KcvMethod.CMAC, 5).bytes(), kc.kcv().get().bytes());
      OptionalBlock kp = u.header().optionalBlock(OptionalBlockId.KP).orElseThrow();
      assertArrayEquals(
          KeyCheckValue.compute(KeyAlgorithm.AES, KBPK, KcvMethod.LEGACY, 3).bytes(),
          kp.kcv().get().bytes());
    }
  }

  /** Builds an authentic block whose decrypted payload is {@code payload}: only the KBPK can. */
  private static String authentic(KeyBlockHeader h, byte[] payload) {
    int total = h.encodedLengthChars() + 2 * payload.length + 32;
    String headerText = h.encode(total);
    byte[] sealed =
        KeyDerivationBinding.versionD(KBPK)
            .seal(headerText.getBytes(StandardCharsets.US_ASCII), payload);
    return headerText + Hex.encode(sealed);
  }

  @Test
  void unwrap_everyFailureAfterDecryption_isOneCodeAndOneMessage() throws Exception {
    KeyBlockProtectionKey k = kbpk();
    KeyBlockHeader h = header("D0000P0AE00E0000");
    byte[] zeroBits = new byte[32];
    byte[] oddBits = new byte[32];
    oddBits[1] = (byte) 127;
    byte[] tooLong = new byte[32];
    tooLong[0] = 1; // 256 + bits: more than the 30 bytes that follow
    byte[] wrongForAes = new byte[32];
    wrongForAes[1] = (byte) 64; // an 8-byte key under algorithm A
    // A KC block that belongs to another key.
    byte[] otherKey = KEY.clone();
    otherKey[0] ^= 1;
    KeyBlockHeader wrongKc =
        h.withOptionalBlock(
                OptionalBlock.kcv(
                    OptionalBlockId.KC,
                    KcvMethod.CMAC,
                    KeyCheckValue.compute(KeyAlgorithm.AES, otherKey, KcvMethod.CMAC, 5).bytes()))
            .withPadding();
    KeyBlockHeader wrongKp =
        h.withOptionalBlock(
                OptionalBlock.kcv(OptionalBlockId.KP, KcvMethod.LEGACY, new byte[] {1, 2, 3}))
            .withPadding();
    byte[] goodPayload = new byte[32];
    goodPayload[1] = (byte) 128;
    System.arraycopy(KEY, 0, goodPayload, 2, 16);
    String good = k.wrap(h, KEY, WrapOptions.defaults());
    String badMac = good.substring(0, good.length() - 1) + (good.endsWith("0") ? "1" : "0");

    Set<String> messages = new HashSet<>();
    for (String block :
        new String[] {
          authentic(h, zeroBits),
          authentic(h, oddBits),
          authentic(h, tooLong),
          authentic(h, wrongForAes),
          authentic(wrongKc, goodPayload),
          authentic(wrongKp, goodPayload),
          badMac
        }) {
      Tr31Exception e = assertThrows(Tr31VerificationException.class, () -> k.unwrap(block));
      assertEquals(ErrorCode.VERIFICATION_FAILED, e.code());
      assertEquals(-1, e.offset());
      messages.add(e.getMessage());
    }
    assertEquals(Set.of("VERIFICATION_FAILED: key block verification failed"), messages);
    // Sanity: the same construction with a correct payload unwraps.
    try (UnwrappedKey u = k.unwrap(authentic(h, goodPayload))) {
      assertArrayEquals(KEY, u.keyBytes());
    }
  }

  @Test
  void unwrap_lenientProfile_acceptsKeyLengthItsAlgorithmDoesNotAllow() throws Exception {
    byte[] payload = new byte[32];
    payload[1] = (byte) 64; // an 8-byte key under algorithm A (field reality: "T" 8-byte keys)
    String block = authentic(header("D0000P0AE00E0000"), payload);
    assertThrows(Tr31VerificationException.class, () -> kbpk().unwrap(block, Profile.STRICT));
    try (UnwrappedKey u = kbpk().unwrap(block, Profile.LENIENT)) {
      assertEquals(8, u.keyLengthBytes());
    }
  }

  @Test
  void destroyed_kbpkAndKey_throwIllegalState() throws Exception {
    KeyBlockProtectionKey k = kbpk();
    String block = k.wrap(header("D0000P0AE00E0000"), KEY, WrapOptions.defaults());
    UnwrappedKey u = k.unwrap(block);
    u.destroy();
    u.destroy();
    assertTrue(u.isDestroyed());
    assertThrows(IllegalStateException.class, u::keyBytes);
    k.destroy();
    assertTrue(k.isDestroyed());
    assertThrows(IllegalStateException.class, () -> k.unwrap(block));
    assertThrows(IllegalStateException.class, () -> k.wrap(header("D0000P0AE00E0000"), KEY, WrapOptions.defaults()));
  }

  @Test
  void wrap_versionBWithShortKbpk_saysWhichKbpkTheVersionNeeds() throws Exception {
    // Every version is supported now (issue 3): the refusal names the KBPK that B needs.
    String b = "B0000P0TE00E0000";
    Tr31Exception e =
        assertThrows(
            Tr31Exception.class,
            () -> Kbpks.wrap(new byte[3], header(b), new byte[16], WrapOptions.defaults()));
    assertEquals(ErrorCode.INVALID_KBPK_LENGTH, e.code());
    assertTrue(e.getMessage().contains("version B needs a TDES KBPK (16 or 24 bytes)"), e.getMessage());
  }

  @Test
  void unwrap_extendedLengthWrittenAs02_authenticatesTheHeaderAsReceived() throws Exception {
    // psec and paysec write the extended length of length as 02; we write 04. Both must verify.
    for (String header :
        new String[] {"D0160P0AE00E0100LB00020010ABCDEF", "D0160P0AE00E0100LB0004001010ABCD"}) {
      byte[] payload = new byte[48];
      payload[1] = (byte) 128;
      System.arraycopy(KEY, 0, payload, 2, 16);
      byte[] sealed =
          KeyDerivationBinding.versionD(KBPK)
              .seal(header.getBytes(StandardCharsets.US_ASCII), payload);
      try (UnwrappedKey u = kbpk().unwrap(header + Hex.encode(sealed))) {
        assertArrayEquals(KEY, u.keyBytes());
        assertTrue(u.header().optionalBlock(OptionalBlockId.LB).isPresent());
      }
    }
  }

  @Test
  void unwrap_lenientKeyOfLengthWithoutKcvAndAKcBlock_failsAsVerificationNotFormat()
      throws Exception {
    // An authentic 8-byte "T" key (lenient only) with a KC block: no X9.24 KCV exists for it.
    KeyBlockHeader h =
        KeyBlockHeader.parse("D0000P0TE00E0100KC0C00000000", Profile.STRICT).withPadding();
    byte[] payload = new byte[32];
    payload[1] = (byte) 64;
    Tr31Exception e =
        assertThrows(
            Tr31Exception.class, () -> kbpk().unwrap(authentic(h, payload), Profile.LENIENT));
    assertEquals(ErrorCode.VERIFICATION_FAILED, e.code());
  }

  @Test
  void wrap_lenientHeaderLaunderedThroughWithOptionalBlock_isStillRefused() throws Exception {
    KeyBlockHeader lenient =
        KeyBlockHeader.parse("D0000P0AE00E0100KS10DE#GBIC#OPT1", Profile.LENIENT);
    KeyBlockHeader laundered = lenient.withOptionalBlock(OptionalBlock.label("X"));
    assertCode(ErrorCode.INVALID_OPTIONAL_BLOCK_DATA, () -> kbpk().wrap(laundered, KEY, WrapOptions.defaults()));
    assertCode(
        ErrorCode.INVALID_OPTIONAL_BLOCK_DATA, () -> kbpk().wrap(lenient.toBuilder().build(), KEY, WrapOptions.defaults()));
  }

  @Test
  void wrap_ksOnAnAesKey_isRefusedByTheStrictReRead() throws Exception {
    // X9.143:2021 6.3.6.8: KS belongs to TDES DUKPT. The builder does not know the rule; the
    // strict re-read of the emitted header does, so wrap never writes such a block.
    KeyBlockHeader aesWithKs =
        header("D0000B1AX00E0000")
            .toBuilder()
            .optionalBlock(OptionalBlock.of(OptionalBlockId.KS, "00604B120F9292800000"))
            .build();
    assertCode(
        ErrorCode.OPTIONAL_BLOCK_ALGORITHM_MISMATCH,
        () -> kbpk().wrap(aesWithKs, KEY, WrapOptions.defaults()));
  }

  @Test
  void wrap_kcOrKpGivenInTheHeader_mustMatchTheKeyTheyName() throws Exception {
    KeyBlockProtectionKey k = kbpk();
    byte[] rightKc = KeyCheckValue.compute(KeyAlgorithm.AES, KEY, KcvMethod.CMAC, 5).bytes();
    KeyBlockHeader right =
        header("D0000P0AE00E0000")
            .withOptionalBlock(OptionalBlock.kcv(OptionalBlockId.KC, KcvMethod.CMAC, rightKc));
    try (UnwrappedKey u = k.unwrap(k.wrap(right, KEY, WrapOptions.defaults()))) {
      assertArrayEquals(KEY, u.keyBytes());
    }
    byte[] wrongKc = rightKc.clone();
    wrongKc[0] ^= 1;
    KeyBlockHeader wrong =
        header("D0000P0AE00E0000")
            .withOptionalBlock(OptionalBlock.kcv(OptionalBlockId.KC, KcvMethod.CMAC, wrongKc));
    assertCode(ErrorCode.INVALID_OPTIONAL_BLOCK_DATA, () -> k.wrap(wrong, KEY, WrapOptions.defaults()));
    KeyBlockHeader wrongKp =
        header("D0000P0AE00E0000")
            .withOptionalBlock(
                OptionalBlock.kcv(OptionalBlockId.KP, KcvMethod.LEGACY, new byte[] {0, 0, 0}));
    assertCode(ErrorCode.INVALID_OPTIONAL_BLOCK_DATA, () -> k.wrap(wrongKp, KEY, WrapOptions.defaults()));
    // Asking for KC in the options replaces a wrong one instead of refusing.
    String replaced = k.wrap(wrong, KEY, WrapOptions.builder().keyKcv(KcvMethod.CMAC).build());
    try (UnwrappedKey u = k.unwrap(replaced)) {
      assertArrayEquals(KEY, u.keyBytes());
    }
  }

  @Test
  void wrap_keyStrongerThanTheKbpk_throwsKbpkTooWeak() throws Exception {
    KeyBlockProtectionKey aes128 = KeyBlockProtectionKey.aes(new byte[16]);
    assertCode(
        ErrorCode.KBPK_TOO_WEAK, () -> aes128.wrap(header("D0000P0AE00E0000"), new byte[32], WrapOptions.defaults()));
    assertCode(
        ErrorCode.KBPK_TOO_WEAK, () -> aes128.wrap(header("D0000P0AE00E0000"), new byte[24], WrapOptions.defaults()));
    assertCode(
        ErrorCode.KBPK_TOO_WEAK, () -> aes128.wrap(header("D0000M7HC00E0100HM0621"), new byte[32], WrapOptions.defaults()));
    // Equal or weaker keys are fine: AES-128 (not the KBPK itself), 3-key TDES (112 bits), a
    // 16-byte HMAC key.
    byte[] aesKey = new byte[16];
    aesKey[15] = 1;
    aes128.wrap(header("D0000P0AE00E0000"), aesKey, WrapOptions.defaults());
    aes128.wrap(header("D0000P0TE00E0000"), Gens.distinctTdesKey(24), WrapOptions.defaults());
    aes128.wrap(header("D0000M7HC00E0100HM0621"), aesKey, WrapOptions.defaults());
  }

  @Test
  void wrap_headerLeavingNoRoomForTheKey_throwsTooManyOptionalBlocks() throws Exception {
    KeyBlockHeader huge =
        header("D0000P0AE00E0000").withOptionalBlock(OptionalBlock.label("L".repeat(9960)));
    assertCode(ErrorCode.TOO_MANY_OPTIONAL_BLOCKS, () -> kbpk().wrap(huge, KEY, WrapOptions.defaults()));
    KeyBlockHeader large =
        header("D0000P0AE00E0000").withOptionalBlock(OptionalBlock.label("L".repeat(9860)));
    assertCode(ErrorCode.TOO_MANY_OPTIONAL_BLOCKS, () -> kbpk().wrap(large, KEY, WrapOptions.defaults()));
  }

  @Test
  void unwrap_kcBlockOnAnHmacKey_isRefusedBeforeDecryption() throws Exception {
    // X9.24-1 defines no KCV for HMAC keys: a KC block there could never be checked. The refusal
    // comes from public header data, so it is an "unsupported" error, not a verification failure.
    KeyBlockHeader h =
        KeyBlockHeader.parse("D0000M7HC00E0200HM0621KC0C01ABCDEF", Profile.STRICT).withPadding();
    byte[] payload = new byte[32];
    payload[1] = (byte) 128;
    assertCode(ErrorCode.UNSUPPORTED_OPERATION, () -> kbpk().unwrap(authentic(h, payload)));
  }

  @Test
  void unwrap_kcBlockOnAnAsymmetricKey_isRefusedBeforeDecryptionEvenWithABadMac() throws Exception {
    // X9.24-1 defines no KCV for RSA keys either. Decided from public header data: a block whose
    // MAC would not verify gets the same refusal, so nothing was decrypted or verified first.
    KeyBlockHeader h =
        KeyBlockHeader.parse("D0000S0RS00N0100KC0A00ABCD", Profile.STRICT).withPadding();
    byte[] payload = new byte[32];
    payload[1] = (byte) 128;
    String block = authentic(h, payload);
    assertCode(ErrorCode.UNSUPPORTED_OPERATION, () -> kbpk().unwrap(block));
    assertCode(ErrorCode.UNSUPPORTED_OPERATION, () -> kbpk().unwrap(flipLastMacDigit(block)));
    // Without the KC block the same bad MAC is what is reported.
    String noKc = authentic(header("D0000S0RS00N0000"), payload);
    assertCode(ErrorCode.VERIFICATION_FAILED, () -> kbpk().unwrap(flipLastMacDigit(noKc)));
  }

  private static String flipLastMacDigit(String block) {
    char last = block.charAt(block.length() - 1);
    return block.substring(0, block.length() - 1) + (last == '0' ? '1' : '0');
  }

  @Test
  void aesAndTdes_aCallersWrongKeyLength_isIllegalArgument_forVersionKeepsItChecked() {
    // Issue 13: the caller chose the algorithm, so a length that contradicts it is a caller bug;
    // a length that came with untrusted input (forVersion) stays a checked policy error.
    assertThrows(IllegalArgumentException.class, () -> KeyBlockProtectionKey.aes(new byte[17]));
    assertThrows(IllegalArgumentException.class, () -> KeyBlockProtectionKey.tdes(new byte[8]));
    assertThrows(IllegalArgumentException.class, () -> KeyBlockProtectionKey.tdes(new byte[32]));
    assertCode(
        ErrorCode.INVALID_KBPK_LENGTH,
        () -> KeyBlockProtectionKey.forVersion(KeyBlockVersion.D, new byte[17], Profile.STRICT));
    assertCode(
        ErrorCode.INVALID_KBPK_LENGTH,
        () -> KeyBlockProtectionKey.forVersion(KeyBlockVersion.A, new byte[8], Profile.STRICT));
  }

  @Test
  void isDestroyed_isFalseUntilDestroyed() throws Exception {
    KeyBlockProtectionKey k = kbpk();
    org.junit.jupiter.api.Assertions.assertFalse(k.isDestroyed());
    k.destroy();
    assertTrue(k.isDestroyed());
  }

  @Test
  void unwrap_iso20038AlgorithmOutsideVersionE_strictRefusesAtOffset7_lenientAccepts()
      throws Exception {
    // ISO 20038 defines algorithms I (HMAC-SHA-2) and J (HMAC-SHA-3) for version E only; a D
    // block carrying one is authentic here but not X9.143.
    for (String template : new String[] {"D0000M7IC00E0000", "D0000M7JC00E0000"}) {
      KeyBlockHeader h = KeyBlockHeader.parse(template, Profile.LENIENT);
      byte[] payload = new byte[32];
      payload[1] = (byte) 128;
      System.arraycopy(KEY, 0, payload, 2, 16);
      String block = authentic(h, payload);
      Tr31Exception e =
          assertThrows(Tr31Exception.class, () -> kbpk().unwrap(block, Profile.STRICT));
      assertEquals(ErrorCode.INVALID_ALGORITHM, e.code(), template);
      assertEquals(7, e.offset(), template);
      try (UnwrappedKey u = kbpk().unwrap(block, Profile.LENIENT)) {
        assertArrayEquals(KEY, u.keyBytes(), template);
        assertEquals(h.algorithm(), u.header().algorithm(), template);
      }
    }
  }

  @Test
  void warmUp_runsWithoutAnyCallerKey() {
    KeyBlockProtectionKey.warmUp(); // completes; throws only if wrap/unwrap itself were broken
  }
}
