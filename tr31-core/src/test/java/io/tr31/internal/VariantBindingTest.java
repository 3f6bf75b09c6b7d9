/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.ErrorCode;
import io.tr31.Tr31FormatException;
import io.tr31.Tr31VerificationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The variant binding (A, C, Thales 0) against every valid A and C vector, and its edges. */
class VariantBindingTest {
  private static List<BindingVectors.Block> validAandC() throws Exception {
    List<BindingVectors.Block> out = new ArrayList<>(BindingVectors.valid("A", 8));
    out.addAll(BindingVectors.valid("C", 8));
    return out;
  }

  @Test
  void open_everyValidVersionAAndCVector_recoversExpectedKey() throws Exception {
    assertEquals(17, BindingVectors.assertEachOpens(validAandC(), VariantBinding::of));
  }

  @Test
  void open_flippedCiphertextBit_throwsVerificationBeforeDecrypting() throws Exception {
    BindingVectors.Block b = validAandC().get(0);
    VariantBinding binding = VariantBinding.of(b.kbpk);
    byte[] ct = b.ciphertext.clone();
    ct[0] ^= 1;
    assertThrows(Tr31VerificationException.class, () -> binding.open(b.header, ct, b.mac));
    byte[] mac = b.mac.clone();
    mac[3] ^= (byte) 0x80;
    assertThrows(Tr31VerificationException.class, () -> binding.open(b.header, b.ciphertext, mac));
  }

  @Test
  void open_badLengths_throwFormat() {
    VariantBinding binding = VariantBinding.of(new byte[16]);
    byte[] header = new byte[16];
    assertEquals(
        ErrorCode.INVALID_PAYLOAD_LENGTH,
        assertThrows(
                Tr31FormatException.class, () -> binding.open(header, new byte[16], new byte[8]))
            .code());
    assertThrows(Tr31FormatException.class, () -> binding.open(header, new byte[12], new byte[4]));
    assertThrows(Tr31FormatException.class, () -> binding.open(header, new byte[0], new byte[4]));
  }

  @Test
  void singleDesKbpk_equalsTdesWithThreeEqualKeys() throws Exception {
    byte[] des = {1, 35, 69, 103, -119, -85, -51, -17};
    byte[] kkk = new byte[24];
    for (int i = 0; i < 3; i++) {
      System.arraycopy(des, 0, kkk, 8 * i, 8);
    }
    byte[] header = "A0072P0TE00E0000".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] payload = new byte[24];
    assertArrayEquals(
        VariantBinding.of(kkk).seal(header, payload), VariantBinding.of(des).seal(header, payload));
  }

  @Test
  void shape_toString_destroy() {
    VariantBinding binding = VariantBinding.of(new byte[8]);
    assertEquals(8, binding.blockBytes());
    assertEquals(8, binding.payloadBlockBytes());
    assertEquals(4, binding.macBytes());
    assertEquals("VariantBinding[A/C/0, single DES KBPK, destroyed=false]", binding.toString());
    assertThrows(IllegalArgumentException.class, () -> VariantBinding.of(new byte[32]));
    assertThrows(IllegalArgumentException.class, () -> binding.seal(new byte[16], new byte[12]));
    binding.destroy();
    binding.destroy();
    assertThrows(IllegalStateException.class, () -> binding.seal(new byte[16], new byte[16]));
  }

  @Test
  void open_badLengths_reportTheirOffsetInTheKeyBlockText() {
    VariantBinding binding = VariantBinding.of(new byte[16]);
    byte[] header = new byte[16];
    assertEquals(
        16 + 32,
        assertThrows(
                Tr31FormatException.class, () -> binding.open(header, new byte[16], new byte[8]))
            .offset());
    assertEquals(
        16,
        assertThrows(
                Tr31FormatException.class, () -> binding.open(header, new byte[12], new byte[4]))
            .offset());
  }

  @Test
  void header_mustSupplyTheEightByteIv() throws Exception {
    byte[] kbpk = new byte[16];
    VariantBinding binding = VariantBinding.of(kbpk);
    byte[] payload = new byte[8];
    assertThrows(IllegalArgumentException.class, () -> binding.seal(new byte[7], payload));
    assertThrows(
        IllegalArgumentException.class, () -> binding.open(new byte[7], payload, new byte[4]));
    byte[] header = "A0000P0T".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] sealed = binding.seal(header, payload);
    assertArrayEquals(BouncyCastleOracle.variantSeal(kbpk, header, payload), sealed);
    assertArrayEquals(
        payload, binding.open(header, Arrays.copyOf(sealed, 8), Arrays.copyOfRange(sealed, 8, 12)));
  }

  @Test
  void destroy_thenUse_throwsIllegalStateNamingTheBinding() {
    VariantBinding binding = VariantBinding.of(new byte[24]);
    assertEquals(24, binding.kbpkLengthBytes());
    assertEquals("VariantBinding[A/C/0, TDES-192 KBPK, destroyed=false]", binding.toString());
    assertFalse(binding.isDestroyed());
    binding.destroy();
    assertTrue(binding.isDestroyed());
    assertEquals(
        "binding was destroyed",
        assertThrows(IllegalStateException.class, () -> binding.seal(new byte[16], new byte[16]))
            .getMessage());
    assertEquals(
        "binding was destroyed",
        assertThrows(
                IllegalStateException.class,
                () -> binding.open(new byte[16], new byte[16], new byte[4]))
            .getMessage());
  }

}
