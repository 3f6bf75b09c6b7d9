/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.ErrorCode;
import io.tr31.Tr31FormatException;
import io.tr31.Tr31VerificationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ISO 20038 binding (version E) against ISO 20038:2017 B.2 and its edges. */
class VersionEBindingTest {
  @Test
  void open_everyValidVersionEVector_recoversExpectedKey() throws Exception {
    List<BindingVectors.Block> blocks = BindingVectors.valid("E", 32);
    assertEquals(2, BindingVectors.assertEachOpens(blocks, VersionEBinding::of));
  }

  @Test
  void open_flippedBits_throwVerification() throws Exception {
    BindingVectors.Block b = BindingVectors.valid("E", 32).get(0);
    VersionEBinding binding = VersionEBinding.of(b.kbpk);
    byte[] ct = b.ciphertext.clone();
    ct[ct.length - 1] ^= 1;
    assertThrows(Tr31VerificationException.class, () -> binding.open(b.header, ct, b.mac));
    byte[] header = b.header.clone();
    header[5] ^= 1;
    assertThrows(Tr31VerificationException.class, () -> binding.open(header, b.ciphertext, b.mac));
  }

  @Test
  void open_badLengths_throwFormat() {
    VersionEBinding binding = VersionEBinding.of(new byte[16]);
    assertEquals(
        ErrorCode.INVALID_PAYLOAD_LENGTH,
        assertThrows(
                Tr31FormatException.class,
                () -> binding.open(new byte[16], new byte[18], new byte[8]))
            .code());
    assertThrows(
        Tr31FormatException.class, () -> binding.open(new byte[16], new byte[0], new byte[16]));
  }

  @Test
  void shape_toString_destroy() {
    VersionEBinding binding = VersionEBinding.of(new byte[32]);
    assertEquals(16, binding.blockBytes());
    assertEquals(1, binding.payloadBlockBytes());
    assertEquals(16, binding.macBytes());
    assertEquals(18 + 16, binding.seal(new byte[16], new byte[18]).length);
    assertEquals("VersionEBinding[E, AES-256 KBPK, destroyed=false]", binding.toString());
    assertThrows(IllegalArgumentException.class, () -> VersionEBinding.of(new byte[8]));
    binding.destroy();
    assertThrows(IllegalStateException.class, () -> binding.seal(new byte[16], new byte[18]));
  }

  @Test
  void open_badLengths_reportTheirOffsetInTheKeyBlockText() {
    VersionEBinding binding = VersionEBinding.of(new byte[16]);
    assertEquals(
        16 + 36,
        assertThrows(
                Tr31FormatException.class,
                () -> binding.open(new byte[16], new byte[18], new byte[8]))
            .offset());
    assertEquals(
        16,
        assertThrows(
                Tr31FormatException.class,
                () -> binding.open(new byte[16], new byte[0], new byte[16]))
            .offset());
  }

  @Test
  void increment_carriesThroughAllSixteenBytesAndWraps() throws Exception {
    // NIST SP 800-38A B.1: the whole block is the counter (as the JDK's AES/CTR counts).
    byte[] block = Hex.decode("00AA" + "00FFFFFFFFFFFFFFFFFFFFFFFFFFFFFF" + "BB");
    VersionEBinding.increment(block, 2);
    assertEquals("00AA" + "01000000000000000000000000000000" + "BB", Hex.encode(block));
    byte[] max = Hex.decode("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF");
    VersionEBinding.increment(max, 0);
    assertEquals("00000000000000000000000000000000", Hex.encode(max));
    byte[] low = Hex.decode("000000000000000000000000000000FE");
    VersionEBinding.increment(low, 0);
    assertEquals("000000000000000000000000000000FF", Hex.encode(low));
  }

  @Test
  void destroy_thenUse_throwsIllegalStateNamingTheBinding() {
    VersionEBinding binding = VersionEBinding.of(new byte[24]);
    assertEquals(24, binding.kbpkLengthBytes());
    assertFalse(binding.isDestroyed());
    binding.destroy();
    binding.destroy();
    assertTrue(binding.isDestroyed());
    assertEquals(
        "binding was destroyed",
        assertThrows(IllegalStateException.class, () -> binding.seal(new byte[16], new byte[5]))
            .getMessage());
    assertEquals(
        "binding was destroyed",
        assertThrows(
                IllegalStateException.class,
                () -> binding.open(new byte[16], new byte[5], new byte[16]))
            .getMessage());
  }

}
