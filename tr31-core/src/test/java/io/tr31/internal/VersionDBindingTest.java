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
import io.tr31.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionDBindingTest {
  // ASC X9 TR-31:2018 A.7.4 (AES key derivation binding, version D): published inputs.
  private static final String A74_KBPK =
      "88E1AB2A2E3DD38C1FA039A536500CC8A87AB9D62DC92C01058FA79F44657DE6";
  private static final String A74_HEADER = "D0112P0AE00E0000";
  private static final String A74_KEY = "3F419E1CB7079442AA37474C2EFBF8B8";
  private static final String A74_PADDING = "1C2965473CE206BB855B01533782";

  private static String a74KeyBlock() {
    for (Map<String, Object> v : Vectors.loadList("tr31_vectors.json")) {
      String kb = (String) v.get("key_block");
      if ("valid".equals(v.get("expect"))
          && kb.startsWith(A74_HEADER)
          && A74_KBPK.equals(v.get("kbpk_hex"))
          && A74_KEY.equals(v.get("expected_key_hex"))) {
        return kb;
      }
    }
    throw new AssertionError("TR-31:2018 A.7.4 key block not in tr31_vectors.json");
  }

  @Test
  void seal_tr31A74Inputs_reproducesPublishedKeyBlock() throws Exception {
    KeyDerivationBinding binding = KeyDerivationBinding.versionD(Hex.decode(A74_KBPK));
    byte[] payload = Hex.decode("0080" + A74_KEY + A74_PADDING);
    byte[] sealed = binding.seal(A74_HEADER.getBytes(StandardCharsets.US_ASCII), payload);
    assertEquals(a74KeyBlock(), A74_HEADER + Hex.encode(sealed));
  }

  @Test
  void open_everyValidVersionDVector_recoversExpectedKey() throws Exception {
    List<BindingVectors.Block> blocks = BindingVectors.valid("D", 32);
    assertEquals(33, BindingVectors.assertEachOpens(blocks, KeyDerivationBinding::versionD));
  }

  @Test
  void seal_everyValidVersionDVector_rebuildsTheSameBlock() throws Exception {
    List<BindingVectors.Block> blocks = BindingVectors.valid("D", 32);
    assertEquals(33, BindingVectors.assertEachReseals(blocks, KeyDerivationBinding::versionD));
  }

  @Test
  void open_flippedMacBit_throwsVerificationAndZeroesOutput() throws Exception {
    BindingVectors.Block b = BindingVectors.valid("D", 32).get(0);
    KeyDerivationBinding binding = KeyDerivationBinding.versionD(b.kbpk);
    byte[] mac = b.mac.clone();
    mac[15] ^= 1;
    byte[] out = new byte[b.ciphertext.length];
    Tr31VerificationException e =
        assertThrows(
            Tr31VerificationException.class,
            () ->
                binding.open(
                    b.header,
                    0,
                    b.header.length,
                    b.ciphertext,
                    0,
                    b.ciphertext.length,
                    mac,
                    0,
                    out,
                    0));
    assertEquals(ErrorCode.VERIFICATION_FAILED, e.code());
    assertArrayEquals(new byte[out.length], out);
  }

  @Test
  void open_badLengths_throwFormatBeforeDecrypting() throws Exception {
    KeyDerivationBinding binding = KeyDerivationBinding.versionD(new byte[16]);
    byte[] h = "D0000P0AE00E0000".getBytes(StandardCharsets.US_ASCII);
    Tr31FormatException e =
        assertThrows(Tr31FormatException.class, () -> binding.open(h, new byte[0], new byte[16]));
    assertEquals(ErrorCode.INVALID_PAYLOAD_LENGTH, e.code());
    assertThrows(Tr31FormatException.class, () -> binding.open(h, new byte[17], new byte[16]));
    assertThrows(Tr31FormatException.class, () -> binding.open(h, new byte[16], new byte[8]));
  }

  @Test
  void constructor_kbpkLengthNotAes_throwsIllegalArgument() {
    for (int n : new int[] {0, 8, 15, 17, 19, 31, 33}) {
      assertThrows(
          IllegalArgumentException.class, () -> KeyDerivationBinding.versionD(new byte[n]));
    }
  }

  @Test
  void seal_payloadNotBlockMultiple_throwsIllegalArgument() {
    KeyDerivationBinding binding = KeyDerivationBinding.versionD(new byte[32]);
    assertThrows(IllegalArgumentException.class, () -> binding.seal(new byte[16], new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> binding.seal(new byte[16], new byte[20]));
  }

  @Test
  void destroy_thenUse_throwsIllegalStateAndToStringHasNoKey() throws Exception {
    KeyDerivationBinding binding = KeyDerivationBinding.versionD(Hex.decode(A74_KBPK));
    assertEquals("KeyDerivationBinding[D, AES-256 KBPK, destroyed=false]", binding.toString());
    binding.destroy();
    binding.destroy();
    assertTrue(binding.isDestroyed());
    assertEquals("KeyDerivationBinding[D, AES-256 KBPK, destroyed=true]", binding.toString());
    assertThrows(IllegalStateException.class, () -> binding.seal(new byte[16], new byte[16]));
    assertThrows(
        IllegalStateException.class, () -> binding.open(new byte[16], new byte[16], new byte[16]));
  }

  @Test
  void open_badLengths_reportTheirOffsetInTheKeyBlockText() {
    KeyDerivationBinding binding = KeyDerivationBinding.versionD(new byte[16]);
    byte[] h = "D0000P0AE00E0000".getBytes(StandardCharsets.US_ASCII);
    // Ciphertext errors at the first payload character (as KeyBlock.parse), MAC errors where
    // the MAC's hex starts.
    assertEquals(16, formatError(() -> binding.open(h, new byte[17], new byte[16])).offset());
    assertEquals(16, formatError(() -> binding.open(h, new byte[0], new byte[16])).offset());
    Tr31FormatException mac = formatError(() -> binding.open(h, new byte[32], new byte[15]));
    assertEquals(ErrorCode.INVALID_PAYLOAD_LENGTH, mac.code());
    assertEquals(16 + 64, mac.offset());
    byte[] out = new byte[24];
    assertEquals(
        5,
        formatError(() -> binding.open(h, 0, 5, new byte[24], 0, 24, new byte[16], 0, out, 0))
            .offset());
  }

  private interface Opening {
    void run() throws Exception;
  }

  private static Tr31FormatException formatError(Opening o) {
    return assertThrows(Tr31FormatException.class, o::run);
  }

  @Test
  void destroy_thenCheckValuesOrUse_throwIllegalStateNamingTheBinding() {
    KeyDerivationBinding binding = KeyDerivationBinding.versionD(new byte[24]);
    assertEquals(24, binding.kbpkLengthBytes());
    assertFalse(binding.isDestroyed());
    binding.destroy();
    assertThrows(IllegalStateException.class, binding::kbpkEncryptedZeros);
    assertThrows(IllegalStateException.class, binding::kbpkCmacOfZeros);
    assertEquals(
        "binding was destroyed",
        assertThrows(IllegalStateException.class, () -> binding.seal(new byte[16], new byte[16]))
            .getMessage());
    assertEquals(
        "binding was destroyed",
        assertThrows(
                IllegalStateException.class,
                () -> binding.open(new byte[16], new byte[16], new byte[16]))
            .getMessage());
  }

  @Test
  void sealAndOpen_headerPlusPayloadBeyondTheScratchArea_matchBouncyCastle() throws Exception {
    byte[] kbpk = Hex.decode(A74_KBPK);
    KeyDerivationBinding binding = KeyDerivationBinding.versionD(kbpk);
    // 496 + 32 bytes exceed the 512-byte scratch: the CMAC runs over two ranges.
    byte[] header = new byte[496];
    Arrays.fill(header, (byte) '0');
    byte[] payload = new byte[32];
    payload[1] = (byte) 0x80;
    byte[] sealed = binding.seal(header, payload);
    assertArrayEquals(BouncyCastleOracle.derivationSeal(true, kbpk, header, payload), sealed);
    assertArrayEquals(
        payload,
        binding.open(
            header, Arrays.copyOf(sealed, 32), Arrays.copyOfRange(sealed, 32, sealed.length)));
  }
}
