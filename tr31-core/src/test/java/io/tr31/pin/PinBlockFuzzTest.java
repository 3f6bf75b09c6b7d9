/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.pin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tr31.ErrorCode;
import io.tr31.Tr31Exception;
import io.tr31.Tr31VerificationException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Any bytes as a PIN block and PAN for decipher: the answer is a PIN of 4 to 12 decimal digits or
 * one of the documented checked errors ({@link ErrorCode#PIN_BLOCK_LENGTH}, {@link
 * ErrorCode#PAN_INVALID}, the one {@link ErrorCode#PIN_BLOCK_VERIFICATION_FAILED}), never another
 * exception. Input: byte 0 picks the format, byte 1 the PAN length, then the PAN's characters, then
 * the block. Seeds ({@code PinBlockFuzzTestInputs/}): valid format 4 and 3 blocks, a wrong PAN, a
 * format 1 block, a short block.
 */
class PinBlockFuzzTest {
  private static final String ONE_MESSAGE =
      new Tr31VerificationException(ErrorCode.PIN_BLOCK_VERIFICATION_FAILED).getMessage();
  private static final PinKey[] KEYS = new PinKey[PinFormat.values().length];

  static {
    try {
      for (PinFormat f : PinFormat.values()) {
        KEYS[f.ordinal()] = PinTestKeys.both(f, new SecureRandom());
      }
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Test
  void validSeed_deciphers_soTheCorpusReachesTheSuccessPath() throws Exception {
    try (InputStream in =
        PinBlockFuzzTest.class.getResourceAsStream(
            "PinBlockFuzzTestInputs/decipher_anyBlockAndPan_yieldsAPinOrOneCheckedError/valid4")) {
      assertEquals("123456789012", new String(decipher(in.readAllBytes())));
    }
  }

  @FuzzTest(maxDuration = "15m")
  void decipher_anyBlockAndPan_yieldsAPinOrOneCheckedError(byte[] data) {
    if (data == null) {
      return;
    }
    try {
      char[] pin = decipher(data);
      assertTrue(pin.length >= 4 && pin.length <= 12, "PIN length");
      for (char c : pin) {
        assertTrue(c >= '0' && c <= '9', "PIN digit");
      }
    } catch (Tr31VerificationException e) {
      assertEquals(ErrorCode.PIN_BLOCK_VERIFICATION_FAILED, e.code());
      assertEquals(ONE_MESSAGE, e.getMessage());
    } catch (Tr31Exception e) {
      assertTrue(
          e.code() == ErrorCode.PIN_BLOCK_LENGTH || e.code() == ErrorCode.PAN_INVALID,
          e.code().name());
    }
  }

  private static char[] decipher(byte[] data) throws Tr31Exception {
    PinFormat format = PinFormat.values()[data.length == 0 ? 0 : (data[0] & 0xFF) % 4];
    int start = Math.min(data.length, 2);
    int panLength = data.length < 2 ? 0 : Math.min(data[1] & 0xFF, data.length - 2);
    String pan = new String(data, start, panLength, StandardCharsets.ISO_8859_1);
    byte[] block = Arrays.copyOfRange(data, start + panLength, data.length);
    return KEYS[format.ordinal()].decipher(format, block, format.panBound() ? pan : null);
  }
}
