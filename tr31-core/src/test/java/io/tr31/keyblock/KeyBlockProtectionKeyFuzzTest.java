/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31Exception;
import io.tr31.Tr31PolicyException;
import io.tr31.Tr31VerificationException;


import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tr31.internal.Hex;
import io.tr31.testing.Vectors;

/**
 * Coverage-guided fuzzing of unwrap, every version: any input under both profiles may only end in a
 * checked {@link Tr31Exception}; anything that unwraps must re-wrap and unwrap to the same key. The
 * seed corpora hold blocks built by our own wrap: versions D and E under the AES KBPK below
 * (TR-31:2018 A.7.4's KBPK), versions A, B, C and Thales {@code 0} under a TDES KBPK (TR-31:2018
 * A.7.2.1's), so mutations reach the MAC check and beyond.
 */
class KeyBlockProtectionKeyFuzzTest {
  private static final KeyBlockProtectionKey KBPK = prepare();

  // TR-31:2018 A.7.2.1's TDES KBPK (a published example), and a single-DES KBPK (its left half).
  private static final String TDES_KBPK_HEX = "89E88CF7931444F334BD7547FC3F380C";
  private static final KeyBlockProtectionKey TDES_KBPK = prepareTdes();
  private static final KeyBlockProtectionKey SINGLE_DES_KBPK = prepareSingleDes();
  private static final WrapOptions LEGACY =
      WrapOptions.builder().allowDeprecatedVersions().build();

  private static KeyBlockProtectionKey prepareTdes() {
    try {
      return KeyBlockProtectionKey.tdes(Hex.decode(TDES_KBPK_HEX));
    } catch (Tr31Exception e) {
      throw new AssertionError(e);
    }
  }

  private static KeyBlockProtectionKey prepareSingleDes() {
    try {
      return KeyBlockProtectionKey.forVersion(
          KeyBlockVersion.A, Hex.decode(TDES_KBPK_HEX.substring(0, 16)), Profile.LENIENT);
    } catch (Tr31Exception e) {
      throw new AssertionError(e);
    }
  }

  private static KeyBlockProtectionKey prepare() {
    try {
      byte[] key = Hex.decode((String) Vectors.keyBlockVector("TR31-008").get("kbpk_hex"));
      return KeyBlockProtectionKey.aes(key);
    } catch (Tr31Exception e) {
      throw new AssertionError(e);
    }
  }

  @FuzzTest(maxDuration = "15m")
  void unwrap_anyInput_throwsOnlyCheckedExceptions(FuzzedDataProvider data) {
    String block = data.consumeRemainingAsAsciiString();
    for (Profile profile : Profile.values()) {
      try (UnwrappedKey key = KBPK.unwrap(block, profile)) {
        byte[] bytes = key.keyBytes();
        String again = KBPK.wrap(key.header(), bytes, WrapOptions.defaults());
        try (UnwrappedKey back = KBPK.unwrap(again, Profile.STRICT)) {
          assertArrayEquals(bytes, back.keyBytes());
        } catch (Tr31Exception e) {
          throw new AssertionError("re-wrapped block does not unwrap: " + e.getMessage(), e);
        }
      } catch (Tr31Exception expected) {
        // the only way an untrusted block may fail
      }
    }
  }

  @FuzzTest(maxDuration = "15m")
  void unwrapTdes_anyInput_throwsOnlyCheckedExceptions(FuzzedDataProvider data) {
    String block = data.consumeRemainingAsAsciiString();
    for (Profile profile : Profile.values()) {
      for (KeyBlockProtectionKey kbpk : new KeyBlockProtectionKey[] {TDES_KBPK, SINGLE_DES_KBPK}) {
        try (UnwrappedKey key = kbpk.unwrap(block, profile)) {
          if (kbpk == SINGLE_DES_KBPK || key.header().version().isProprietary()) {
            continue; // never written: single DES and version 0 are read-only
          }
          byte[] bytes = key.keyBytes();
          String again = kbpk.wrap(key.header(), bytes, LEGACY);
          try (UnwrappedKey back = kbpk.unwrap(again, Profile.STRICT)) {
            assertArrayEquals(bytes, back.keyBytes());
          } catch (Tr31Exception e) {
            throw new AssertionError("re-wrapped block does not unwrap: " + e.getMessage(), e);
          }
        } catch (Tr31Exception expected) {
          // the only way an untrusted block may fail
        }
      }
    }
  }

  private static final byte[] KBPK_BYTES = kbpkBytes();

  private static byte[] kbpkBytes() {
    try {
      return Hex.decode((String) Vectors.keyBlockVector("TR31-008").get("kbpk_hex"));
    } catch (Tr31Exception e) {
      throw new AssertionError(e);
    }
  }

  private static final String[] HEADERS = {
    "D0000P0AE00E0000", "D0000D0TB00S0000", "D0000M7HC00N0100HM0621", "D0000K1AB00E0100KC0C01ABCDEF"
  };

  /**
   * Reaches the code after the MAC check, which random blocks never do: the fuzzer chooses the
   * header and the decrypted payload (length field, key, padding) and the block is sealed
   * authentically, so only the post-decryption checks stand between the input and a key.
   */
  @FuzzTest(maxDuration = "15m")
  void unwrap_authenticBlockWithAnyPayload_yieldsKeyOrTheOneVerificationError(
      FuzzedDataProvider data) throws Exception {
    KeyBlockHeader header =
        KeyBlockHeader.parse(HEADERS[data.consumeInt(0, HEADERS.length - 1)], Profile.STRICT)
            .withPadding();
    byte[] raw = data.consumeRemainingAsBytes();
    byte[] payload = java.util.Arrays.copyOf(raw, Math.max(16, (raw.length + 15) / 16 * 16));
    int total = header.encodedLengthChars() + 2 * payload.length + 32;
    if (total > 9999) {
      return;
    }
    String text = header.encode(total);
    byte[] sealed =
        io.tr31.internal.KeyDerivationBinding.versionD(KBPK_BYTES)
            .seal(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII), payload);
    String block = text + Hex.encode(sealed);
    int bits = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
    byte[] expectedKey =
        java.util.Arrays.copyOfRange(payload, 2, Math.min(payload.length, 2 + bits / 8));
    for (Profile profile : Profile.values()) {
      try (UnwrappedKey key = KBPK.unwrap(block, profile)) {
        assertArrayEquals(expectedKey, key.keyBytes());
      } catch (Tr31VerificationException expected) {
        // the one error after decryption
      } catch (Tr31PolicyException e) {
        // Issue 12, F2: the strict profile refuses an authentic block's degenerate TDES key, and
        // only that (the lenient profile read the same block above or below).
        assertEquals(ErrorCode.DEGENERATE_TDES_KEY, e.code());
        assertEquals(Profile.STRICT, profile);
        assertEquals(io.tr31.keyblock.KeyAlgorithm.TDES, header.algorithm());
        assertTrue(io.tr31.internal.TdesKeys.isDegenerate(expectedKey));
      }
    }
  }
}
