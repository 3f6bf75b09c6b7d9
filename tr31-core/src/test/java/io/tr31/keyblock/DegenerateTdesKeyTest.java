/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.testing.Kbpks;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31Exception;
import io.tr31.Tr31VerificationException;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tr31.internal.Binding;
import io.tr31.internal.Hex;
import io.tr31.internal.KeyDerivationBinding;
import io.tr31.internal.VariantBinding;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, F2: TDES keys whose 8-byte parts are not distinct (K1 = K2, or K2 = K3 in a 3-key key,
 * parity bits ignored) compute single DES. Strict refuses them as KBPKs and as wrapped keys; a
 * 3-key key with K1 = K3 counts as 2-key strength.
 */
class DegenerateTdesKeyTest {
  static final String K_A = "0123456789ABCDEF";
  static final String K_A_PARITY = "0022446688AACCEE"; // K_A with every parity bit flipped
  static final String K_B = "FEDCBA9876543210";
  static final String K_C = "89ABCDEF01234567";

  /** Every shape strict must refuse: 2-key K1 = K2, 3-key K1 = K2 or K2 = K3, parity ignored. */
  static final String[] DEGENERATE = {
    K_A + K_A,
    K_A + K_A_PARITY,
    K_A + K_A + K_A,
    K_A + K_A + K_C,
    K_A + K_B + K_B,
    K_A + K_B + K_B.substring(0, 14) + "11", // K3 = K2 up to the parity bit of the last byte
  };

  private static final byte[] AES_KBPK = new byte[32];

  static {
    Arrays.fill(AES_KBPK, (byte) 0x5A);
  }

  static byte[] hex(String s) throws Tr31Exception {
    return Hex.decode(s);
  }

  static KeyBlockHeader header(String template) throws Tr31Exception {
    return KeyBlockHeader.parse(template, Profile.STRICT);
  }

  static void assertCode(ErrorCode code, Executable e) {
    Tr31Exception ex = assertThrows(Tr31Exception.class, e::run);
    assertEquals(code, ex.code(), ex.getMessage());
  }

  interface Executable {
    void run() throws Exception;
  }

  /**
   * An authentic block holding {@code key}, sealed at the binding level (wrap refuses such keys).
   */
  static String authentic(Binding binding, KeyBlockHeader h, byte[] key) {
    int unit = binding.payloadBlockBytes();
    int n = (2 + key.length + unit - 1) / unit * unit;
    byte[] payload = new byte[n];
    payload[0] = (byte) ((key.length * 8) >>> 8);
    payload[1] = (byte) (key.length * 8);
    System.arraycopy(key, 0, payload, 2, key.length);
    String headerText = h.encode(h.encodedLengthChars() + 2 * n + 2 * binding.macBytes());
    byte[] sealed = binding.seal(headerText.getBytes(StandardCharsets.US_ASCII), payload);
    return headerText + Hex.encode(sealed);
  }

  @Test
  void prepare_tdesKbpkWithEqualParts_isRefusedBeforeAnyUse() throws Exception {
    for (String k : DEGENERATE) {
      byte[] kbpk = hex(k);
      assertCode(
          ErrorCode.DEGENERATE_TDES_KBPK,
          () -> KeyBlockProtectionKey.tdes(kbpk));
      for (KeyBlockVersion v :
          new KeyBlockVersion[] {KeyBlockVersion.A, KeyBlockVersion.B, KeyBlockVersion.C}) {
        assertCode(
            ErrorCode.DEGENERATE_TDES_KBPK, () -> KeyBlockProtectionKey.forVersion(v, kbpk, Profile.STRICT));
      }
      assertCode(
          ErrorCode.DEGENERATE_TDES_KBPK,
          () ->
              Kbpks.wrap(
                  kbpk, header("B0000P0TE00N0000"), hex(K_A + K_B), WrapOptions.defaults()));
    }
  }

  @Test
  void prepare_tdesKbpkWithDistinctParts_isAccepted_k1EqualsK3Included() throws Exception {
    for (String k : new String[] {K_A + K_B, K_A + K_B + K_C, K_A + K_B + K_A}) {
      KeyBlockProtectionKey.tdes(hex(k)).destroy();
    }
  }

  @Test
  void wrap_threeKeyKeyUnderThreeKeyKbpkWithK1EqualToK3_isTooWeak() throws Exception {
    KeyBlockProtectionKey kbpk = KeyBlockProtectionKey.tdes(hex(K_A + K_B + K_A));
    try {
      // K1 = K3: 2-key strength (80 bits), too weak for a 112-bit key
      assertCode(
          ErrorCode.KBPK_TOO_WEAK,
          () -> kbpk.wrap(header("B0000P0TE00N0000"), hex(K_A + K_B + K_C), WrapOptions.defaults()));
      kbpk.unwrap(kbpk.wrap(header("B0000P0TE00N0000"), hex(K_C + K_B), WrapOptions.defaults())).destroy();
    } finally {
      kbpk.destroy();
    }
  }

  @Test
  void wrap_threeKeyKeyWithK1EqualToK3_countsAsTwoKeyStrength() throws Exception {
    KeyBlockProtectionKey kbpk = KeyBlockProtectionKey.tdes(hex(K_A + K_B));
    try {
      assertCode(
          ErrorCode.KBPK_TOO_WEAK,
          () -> kbpk.wrap(header("B0000P0TE00N0000"), hex(K_A + K_B + K_C), WrapOptions.defaults()));
      // K1 = K3: an 80-bit key, which a 2-key KBPK may protect
      String block = kbpk.wrap(header("B0000P0TE00N0000"), hex(K_C + K_B + K_C), WrapOptions.defaults());
      try (UnwrappedKey key = kbpk.unwrap(block)) {
        assertEquals(K_C + K_B + K_C, Hex.encode(key.keyBytes()));
      }
    } finally {
      kbpk.destroy();
    }
  }

  @Test
  void wrap_degenerateTdesKey_isRefusedUnderEveryVersion() throws Exception {
    byte[] tdesKbpk = hex(K_B + K_C + K_A);
    WrapOptions legacy =
        WrapOptions.builder().allowDeprecatedVersions().build();
    for (String k : DEGENERATE) {
      byte[] key = hex(k);
      assertCode(
          ErrorCode.DEGENERATE_TDES_KEY,
          () -> Kbpks.wrap(AES_KBPK, header("D0000P0TE00N0000"), key, WrapOptions.defaults()));
      assertCode(
          ErrorCode.DEGENERATE_TDES_KEY,
          () -> Kbpks.wrap(tdesKbpk, header("B0000P0TE00N0000"), key, WrapOptions.defaults()));
      assertCode(
          ErrorCode.DEGENERATE_TDES_KEY,
          () -> Kbpks.wrap(tdesKbpk, header("A0000P0TE00N0000"), key, legacy));
      assertCode(
          ErrorCode.DEGENERATE_TDES_KEY,
          () -> Kbpks.wrap(tdesKbpk, header("C0000P0TE00N0000"), key, legacy));
    }
  }

  @Test
  void unwrap_authenticBlockWithDegenerateKey_strictRefusesWithItsCode_lenientReadsIt()
      throws Exception {
    for (String k : DEGENERATE) {
      String block =
          authentic(
              KeyDerivationBinding.versionD(AES_KBPK), header("D0000P0TE00N0000"), hex(k));
      assertCode(
          ErrorCode.DEGENERATE_TDES_KEY, () -> Kbpks.unwrap(AES_KBPK, block, Profile.STRICT));
      try (UnwrappedKey key = Kbpks.unwrap(AES_KBPK, block, Profile.LENIENT)) {
        assertEquals(k, Hex.encode(key.keyBytes()));
      }
    }
  }

  @Test
  void unwrap_degenerateKeyBlockWithAlteredMac_isTheOneVerificationError() throws Exception {
    String block =
        authentic(
            KeyDerivationBinding.versionD(AES_KBPK), header("D0000P0TE00N0000"), hex(K_A + K_A));
    char last = block.charAt(block.length() - 1);
    String forged = block.substring(0, block.length() - 1) + (last == '0' ? '1' : '0');
    for (Profile p : Profile.values()) {
      Tr31Exception e =
          assertThrows(Tr31VerificationException.class, () -> Kbpks.unwrap(AES_KBPK, forged, p));
      assertEquals(ErrorCode.VERIFICATION_FAILED, e.code());
    }
  }

  @Test
  void unwrap_degenerateKeyBlockWithWrongKc_isTheOneVerificationError() throws Exception {
    // After the MAC, the KC check comes before the degenerate-key check: an authentic block whose
    // KC does not match its key is a verification failure, never DEGENERATE_TDES_KEY.
    byte[] key = hex(K_A + K_A);
    byte[] wrongKcv = KeyCheckValue.compute(KeyAlgorithm.TDES, hex(K_B + K_C), KcvMethod.CMAC, 5)
        .bytes();
    KeyBlockHeader h =
        header("D0000P0TE00N0000")
            .withOptionalBlock(OptionalBlock.kcv(OptionalBlockId.KC, KcvMethod.CMAC, wrongKcv));
    String block = authentic(KeyDerivationBinding.versionD(AES_KBPK), h, key);
    for (Profile p : Profile.values()) {
      Tr31Exception e =
          assertThrows(Tr31VerificationException.class, () -> Kbpks.unwrap(AES_KBPK, block, p));
      assertEquals(ErrorCode.VERIFICATION_FAILED, e.code(), p.name());
    }
    // the same block with the key's own KC is the degenerate key (strict) or read (lenient)
    byte[] rightKcv = KeyCheckValue.compute(KeyAlgorithm.TDES, key, KcvMethod.CMAC, 5).bytes();
    KeyBlockHeader right =
        header("D0000P0TE00N0000")
            .withOptionalBlock(OptionalBlock.kcv(OptionalBlockId.KC, KcvMethod.CMAC, rightKcv));
    String good = authentic(KeyDerivationBinding.versionD(AES_KBPK), right, key);
    assertCode(ErrorCode.DEGENERATE_TDES_KEY, () -> Kbpks.unwrap(AES_KBPK, good, Profile.STRICT));
    Kbpks.unwrap(AES_KBPK, good, Profile.LENIENT).destroy();
  }

  @Test
  void unwrap_underDegenerateKbpk_strictRefusesBeforeDecrypting_lenientReadsOnly()
      throws Exception {
    byte[] kbpk = hex(K_A + K_A);
    String block =
        authentic(KeyDerivationBinding.versionB(kbpk), header("B0000P0TE00N0000"), hex(K_B + K_C));
    String garbageMac = block.substring(0, block.length() - 16) + "0000000000000000";
    assertCode(ErrorCode.DEGENERATE_TDES_KBPK, () -> Kbpks.unwrap(kbpk, block, Profile.STRICT));
    assertCode(
        ErrorCode.DEGENERATE_TDES_KBPK, () -> Kbpks.unwrap(kbpk, garbageMac, Profile.STRICT));
    try (UnwrappedKey key = Kbpks.unwrap(kbpk, block, Profile.LENIENT)) {
      assertEquals(K_B + K_C, Hex.encode(key.keyBytes()));
    }
    KeyBlockProtectionKey prepared = KeyBlockProtectionKey.forVersion(KeyBlockVersion.B, kbpk, Profile.LENIENT);
    try {
      assertCode(ErrorCode.DEGENERATE_TDES_KBPK, () -> prepared.unwrap(block));
      assertCode(
          ErrorCode.DEGENERATE_TDES_KBPK,
          () -> prepared.wrap(header("B0000P0TE00N0000"), hex(K_B + K_C), WrapOptions.defaults()));
      prepared.unwrap(block, Profile.LENIENT).destroy();
    } finally {
      prepared.destroy();
    }
    // A and C: the variant binding reads under lenient as well.
    String variant =
        authentic(VariantBinding.of(kbpk), header("A0000P0TE00N0000"), hex(K_B + K_C));
    assertCode(ErrorCode.DEGENERATE_TDES_KBPK, () -> Kbpks.unwrap(kbpk, variant, Profile.STRICT));
    Kbpks.unwrap(kbpk, variant, Profile.LENIENT).destroy();
  }
}
