/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tr31.Tr31VerificationException;
import io.tr31.keyblock.KeyAlgorithm;
import io.tr31.keyblock.KcvMethod;
import io.tr31.keyblock.KeyCheckValue;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VersionBBindingTest {
  @Test
  void open_everyValidVersionBVector_recoversExpectedKey() throws Exception {
    List<BindingVectors.Block> blocks = BindingVectors.valid("B", 16);
    assertEquals(23, BindingVectors.assertEachOpens(blocks, KeyDerivationBinding::versionB));
  }

  @Test
  void seal_everyValidVersionBVector_rebuildsTheSameBlock() throws Exception {
    List<BindingVectors.Block> blocks = BindingVectors.valid("B", 16);
    assertEquals(23, BindingVectors.assertEachReseals(blocks, KeyDerivationBinding::versionB));
  }

  @Test
  void open_flippedCiphertextBit_throwsVerification() throws Exception {
    BindingVectors.Block b = BindingVectors.valid("B", 16).get(0);
    KeyDerivationBinding binding = KeyDerivationBinding.versionB(b.kbpk);
    byte[] ct = b.ciphertext.clone();
    ct[ct.length - 1] ^= (byte) 0x80;
    assertThrows(Tr31VerificationException.class, () -> binding.open(b.header, ct, b.mac));
  }

  @Test
  void versionB_shapeAndToString() {
    KeyDerivationBinding binding = KeyDerivationBinding.versionB(new byte[24]);
    assertEquals(8, binding.blockBytes());
    assertEquals(8, binding.macBytes());
    assertEquals("KeyDerivationBinding[B, TDES-192 KBPK, destroyed=false]", binding.toString());
    assertThrows(IllegalArgumentException.class, () -> KeyDerivationBinding.versionB(new byte[32]));
  }

  @Test
  void kbpkCheckValues_equalKeyCheckValueCompute_forAesAndTdesKbpks() throws Exception {
    for (int n : new int[] {16, 24, 32}) {
      byte[] kbpk = new byte[n];
      new Random(n).nextBytes(kbpk);
      assertKbpkCheckValues(KeyAlgorithm.AES, kbpk, KeyDerivationBinding.versionD(kbpk));
      if (n != 32) {
        assertKbpkCheckValues(KeyAlgorithm.TDES, kbpk, KeyDerivationBinding.versionB(kbpk));
      }
    }
  }

  private static void assertKbpkCheckValues(
      KeyAlgorithm algorithm, byte[] kbpk, KeyDerivationBinding binding) throws Exception {
    int bs = binding.blockBytes();
    assertArrayEquals(
        Hex.decode(KeyCheckValue.compute(algorithm, kbpk, KcvMethod.LEGACY, 3).hex()),
        Arrays.copyOf(binding.kbpkEncryptedZeros(), 3));
    assertArrayEquals(
        Hex.decode(KeyCheckValue.compute(algorithm, kbpk, KcvMethod.CMAC, 5).hex()),
        Arrays.copyOf(binding.kbpkCmacOfZeros(), 5));
    assertEquals(bs, binding.kbpkCmacOfZeros().length);
  }
}
