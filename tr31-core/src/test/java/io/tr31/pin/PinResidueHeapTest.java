/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.pin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tr31.testing.HeapSearch;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Review of session 5: after a PIN was enciphered and deciphered (formats 0 and 4) and the caller
 * wiped its PIN arrays and closed the key, a dump of the whole heap (unreachable objects included)
 * holds no clear PIN block or PIN field: every temporary holding digits is wiped (PinKey,
 * ClearBlocks). What stays inside SunJCE's TDES cipher is an encrypted intermediate, not the
 * clear block (finding 1, {@code internal.TdesResidueTest}); this test cannot see it.
 */
class PinResidueHeapTest {
  @Test
  void format0EncipherAndDecipher_leaveNoClearPinDigitsInTheHeap() throws Exception {
    assertEquals(0, digitsLeft(PinFormat.ISO_0), "copies of the PIN digits (format 0)");
  }

  @Test
  void format4EncipherAndDecipher_leaveNoClearPinDigitsInTheHeap() throws Exception {
    assertEquals(0, digitsLeft(PinFormat.ISO_4), "copies of the PIN digits (format 4)");
  }

  /**
   * Fills {@code pin} with random digits and returns the search for them as the nibbles of a clear
   * PIN block's bytes 1-6 (formats 0-4 put digits 1-12 there), kept only masked.
   */
  static HeapSearch randomPin(SecureRandom random, char[] pin) {
    byte[] nibbles = new byte[(pin.length + 1) / 2];
    for (int i = 0; i < pin.length; i++) {
      int d = random.nextInt(10);
      pin[i] = (char) ('0' + d);
      nibbles[i / 2] |= (byte) (d << (i % 2 == 0 ? 4 : 0));
    }
    HeapSearch field = HeapSearch.mask(nibbles, 0, nibbles.length);
    Arrays.fill(nibbles, (byte) 0);
    return field;
  }

  /** Copies of the 12 PIN digits as nibbles (bytes 1-6 of the clear block or PIN field). */
  private static int digitsLeft(PinFormat format) throws Exception {
    SecureRandom random = new SecureRandom();
    char[] pin = new char[12];
    HeapSearch field = randomPin(random, pin);
    String pan = "4111111111111111";
    try (PinKey key = PinTestKeys.both(format, random)) {
      byte[] block = key.encipher(format, pin, pan);
      char[] back = key.decipher(format, block, pan);
      assertArrayEquals(pin, back);
      Arrays.fill(back, '\0');
    } finally {
      Arrays.fill(pin, '\0');
    }
    return field.holds();
  }
}
