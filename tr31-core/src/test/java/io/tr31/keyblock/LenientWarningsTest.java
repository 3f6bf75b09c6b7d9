/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.testing.Kbpks;

import io.tr31.Profile;


import static io.tr31.keyblock.DegenerateTdesKeyTest.K_A;
import static io.tr31.keyblock.DegenerateTdesKeyTest.K_B;
import static io.tr31.keyblock.DegenerateTdesKeyTest.K_C;
import static io.tr31.keyblock.DegenerateTdesKeyTest.authentic;
import static io.tr31.keyblock.DegenerateTdesKeyTest.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.internal.KeyDerivationBinding;
import io.tr31.internal.VariantBinding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Issue 12, F6: every tolerance the lenient profile uses to read a block reaches {@link
 * UnwrappedKey#warnings()} with its code (CONFORMANCE.md L1-L11); the strict profile reports none.
 */
class LenientWarningsTest {
  private static final byte[] AES_KBPK = new byte[32];
  private static final byte[] AES_KEY = new byte[16];

  static {
    for (int i = 0; i < 32; i++) {
      AES_KBPK[i] = (byte) (i * 11 + 3);
    }
    for (int i = 0; i < 16; i++) {
      AES_KEY[i] = (byte) (0x30 + i);
    }
  }

  private static List<Tr31Warning.Code> codesOf(byte[] kbpk, String block) throws Exception {
    try (UnwrappedKey key = Kbpks.unwrap(kbpk, block, Profile.LENIENT)) {
      List<Tr31Warning.Code> codes = new ArrayList<>();
      for (Tr31Warning w : key.warnings()) {
        codes.add(w.code());
        assertFalse(w.message().isEmpty());
      }
      return codes;
    }
  }

  private static String aesBlock(String template, byte[] key) throws Exception {
    return authentic(
        KeyDerivationBinding.versionD(AES_KBPK),
        KeyBlockHeader.parse(template, Profile.LENIENT),
        key);
  }

  @Test
  void strictUnwrap_reportsNoWarning() throws Exception {
    String block = aesBlock("D0000P0AE00E0000", AES_KEY);
    try (UnwrappedKey key = Kbpks.unwrap(AES_KBPK, block, Profile.STRICT)) {
      assertEquals(List.of(), key.warnings());
    }
    assertEquals(List.of(), codesOf(AES_KBPK, block));
  }

  @Test
  void lowerCaseHexInPayloadAndMac_isReportedAsLowerCaseHex() throws Exception {
    String block = aesBlock("D0000P0AE00E0000", AES_KEY);
    String lower = block.substring(0, 16) + block.substring(16).toLowerCase(Locale.ROOT);
    assertEquals(List.of(Tr31Warning.Code.LOWERCASE_HEX), codesOf(AES_KBPK, lower));
  }

  @Test
  void keyLengthTheAlgorithmDoesNotAllow_isReportedAsKeyLength() throws Exception {
    String block = aesBlock("D0000P0AE00E0000", new byte[8]);
    assertEquals(List.of(Tr31Warning.Code.KEY_LENGTH), codesOf(AES_KBPK, block));
  }

  @Test
  void headerTolerance_isReportedAsHeader_withTheHeadersMessage() throws Exception {
    // IBM numeric usage 10: proprietary, and not a permitted combination with A and E
    String block = aesBlock("D000010AE00E0000", AES_KEY);
    try (UnwrappedKey key = Kbpks.unwrap(AES_KBPK, block, Profile.LENIENT)) {
      List<String> headerWarnings = key.header().warnings();
      assertEquals(2, headerWarnings.size(), headerWarnings.toString());
      assertEquals(headerWarnings.size(), key.warnings().size(), key.warnings().toString());
      for (int i = 0; i < headerWarnings.size(); i++) {
        assertEquals(Tr31Warning.Code.HEADER, key.warnings().get(i).code());
        assertEquals(headerWarnings.get(i), key.warnings().get(i).message());
      }
    }
  }

  @Test
  void iso20038AlgorithmOutsideVersionE_isReportedAsIso20038Algorithm() throws Exception {
    String block = aesBlock("D0000M7IC00E0000", AES_KEY);
    assertEquals(List.of(Tr31Warning.Code.ISO20038_ALGORITHM), codesOf(AES_KBPK, block));
  }

  @Test
  void singleDesKbpk_isReportedAsSingleDesKbpk() throws Exception {
    byte[] des = hex(K_A);
    String block =
        authentic(
            VariantBinding.of(des),
            KeyBlockHeader.parse("A0000P0TE00N0000", Profile.STRICT),
            hex(K_B + K_C));
    assertEquals(List.of(Tr31Warning.Code.SINGLE_DES_KBPK), codesOf(des, block));
  }

  @Test
  void degenerateTdesKbpkAndKey_areReportedEach() throws Exception {
    byte[] kbpk = hex(K_A + K_B + K_B);
    KeyBlockHeader h = KeyBlockHeader.parse("B0000P0TE00N0000", Profile.STRICT);
    String block = authentic(KeyDerivationBinding.versionB(kbpk), h, hex(K_C + K_C));
    assertEquals(
        List.of(Tr31Warning.Code.DEGENERATE_TDES_KBPK, Tr31Warning.Code.DEGENERATE_TDES_KEY),
        codesOf(kbpk, block));
  }

  @Test
  void everyToleranceOfOneBlock_isReportedInOrder_andTheListIsImmutable() throws Exception {
    String block = aesBlock("D000010TE00E0000", hex(K_A + K_A));
    String lower = block.substring(0, 16) + block.substring(16).toLowerCase(Locale.ROOT);
    try (UnwrappedKey key = Kbpks.unwrap(AES_KBPK, lower, Profile.LENIENT)) {
      List<Tr31Warning.Code> codes = new ArrayList<>();
      for (Tr31Warning w : key.warnings()) {
        codes.add(w.code());
      }
      assertEquals(
          Arrays.asList(
              Tr31Warning.Code.HEADER, // proprietary usage 10
              Tr31Warning.Code.HEADER, // 10 T E not a permitted combination
              Tr31Warning.Code.LOWERCASE_HEX,
              Tr31Warning.Code.DEGENERATE_TDES_KEY),
          codes);
      assertThrows(UnsupportedOperationException.class, () -> key.warnings().clear());
      for (Tr31Warning w : key.warnings()) {
        assertFalse(w.message().contains(K_A), w.message());
      }
      key.destroy();
      assertEquals(4, key.warnings().size()); // still there after destroy
    }
  }

  /** Each warning as {@code CODE: message}, to compare lists of warnings by value. */
  static List<String> describe(List<Tr31Warning> warnings) {
    List<String> out = new java.util.ArrayList<>();
    for (Tr31Warning w : warnings) {
      out.add(w.code() + ": " + w.message());
    }
    return out;
  }
}
