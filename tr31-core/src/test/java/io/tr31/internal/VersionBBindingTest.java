package io.tr31.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tr31.Tr31VerificationException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class VersionBBindingTest {
  @Test
  void open_everyValidVersionBVector_recoversExpectedKey() throws Exception {
    int run = 0;
    for (BindingVectors.Block b : BindingVectors.valid("B", 16)) {
      KeyDerivationBinding binding = KeyDerivationBinding.versionB(b.kbpk);
      byte[] payload = binding.open(b.header, b.ciphertext, b.mac);
      assertEquals(b.expectedKeyHex, BindingVectors.keyHex(payload), b.id);
      run++;
    }
    assertEquals(23, run);
  }

  @Test
  void seal_everyValidVersionBVector_rebuildsTheSameBlock() throws Exception {
    // Sealing the recovered payload (key and its original padding) must reproduce the block.
    int run = 0;
    for (BindingVectors.Block b : BindingVectors.valid("B", 16)) {
      KeyDerivationBinding binding = KeyDerivationBinding.versionB(b.kbpk);
      byte[] payload = binding.open(b.header, b.ciphertext, b.mac);
      byte[] sealed = binding.seal(b.header, payload);
      assertArrayEquals(b.ciphertext, Arrays.copyOf(sealed, payload.length), b.id);
      assertArrayEquals(b.mac, Arrays.copyOfRange(sealed, payload.length, sealed.length), b.id);
      run++;
    }
    assertEquals(23, run);
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
}
