/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.tr31.ErrorCode;
import io.tr31.Tr31Exception;
import io.tr31.Tr31FormatException;
import io.tr31.Tr31VerificationException;
import java.util.Arrays;

/** Seal-then-open checks shared by the bindings' properties and fuzz tests. */
final class SealOpen {
  private SealOpen() {}

  /** Seals {@code payload} under {@code header}, then opens the result: the opened payload. */
  static byte[] roundTrip(Binding binding, byte[] header, byte[] payload)
      throws Tr31FormatException, Tr31VerificationException {
    byte[] sealed = binding.seal(header, payload);
    return binding.open(
        header,
        Arrays.copyOf(sealed, payload.length),
        Arrays.copyOfRange(sealed, payload.length, sealed.length));
  }

  /** Whether the round trip gives {@code payload} back; {@code false} on any checked exception. */
  static boolean roundTrips(Binding binding, byte[] header, byte[] payload) {
    try {
      return Arrays.equals(payload, roundTrip(binding, header, payload));
    } catch (Tr31Exception e) {
      return false;
    }
  }

  /**
   * Asserts the round trip of {@code data} zero-padded to whole payload blocks, failing with "own
   * key block did not open" on a checked exception.
   */
  static void assertOpensItsOwn(Binding binding, byte[] header, byte[] data) {
    int block = binding.payloadBlockBytes();
    byte[] payload = Arrays.copyOf(data, (data.length + block - 1) / block * block);
    try {
      assertArrayEquals(payload, roundTrip(binding, header, payload));
    } catch (Tr31FormatException | Tr31VerificationException e) {
      throw new AssertionError("own key block did not open", e);
    }
  }

  /**
   * Opens arbitrary bytes: a verification failure is the usual outcome; a format failure must be
   * {@link ErrorCode#INVALID_PAYLOAD_LENGTH}, and only for lengths the binding refuses; success
   * only where a random forgery can verify ({@code forgeable}: a 4-byte MAC).
   */
  static void assertOpenRefusesArbitrary(
      Binding binding, byte[] header, byte[] ct, byte[] mac, boolean forgeable) {
    boolean lengthsValid =
        mac.length == binding.macBytes()
            && ct.length > 0
            && ct.length % binding.payloadBlockBytes() == 0;
    try {
      byte[] plain = binding.open(header, ct, mac);
      if (!forgeable) {
        // A forgery would need the KBAK: reaching here means the fuzzer found a MAC collision.
        throw new AssertionError("random input verified: " + plain.length + " bytes");
      }
    } catch (Tr31VerificationException expected) {
      // the usual outcome
    } catch (Tr31FormatException e) {
      if (e.code() != ErrorCode.INVALID_PAYLOAD_LENGTH || lengthsValid) {
        throw new AssertionError("unexpected format failure " + e.code(), e);
      }
    }
  }

  /**
   * Seals, flips bit {@code r} (modulo the bits of header || ciphertext || MAC) and opens: whether
   * that throws the verification exception, and nothing else.
   */
  static boolean bitFlipIsRefused(Binding binding, byte[] header, byte[] payload, int r) {
    byte[] sealed = binding.seal(header, payload);
    byte[] all = BouncyCastleOracle.concat(header, sealed);
    int bit = r % (all.length * 8);
    all[bit / 8] ^= (byte) (1 << (bit % 8));
    try {
      binding.open(
          Arrays.copyOf(all, header.length),
          Arrays.copyOfRange(all, header.length, header.length + payload.length),
          Arrays.copyOfRange(all, header.length + payload.length, all.length));
      return false;
    } catch (Tr31VerificationException expected) {
      return true;
    } catch (Tr31Exception other) {
      return false;
    }
  }
}
