/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.pin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tr31.testing.HeapSearch;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Review of session 5, finding 5: {@code ClearBlocks.encode} writes the PIN digits into a fresh
 * block before it draws the random fill from the caller's {@code SecureRandom}; when that source
 * throws, {@code PinKey.encipherInto} has no reference to the block yet and it is dropped unwiped.
 * A heap dump then still held the PIN digits (1 copy before the fix: {@code encode} now wipes the
 * block when the fill throws). A garbage collection between the call and the dump could hide a
 * regression, never fake one.
 */
class PinEncodeFailureResidueTest {
  @Test
  void encipher_whoseRandomSourceThrows_leavesNoPinDigitsInTheHeap() throws Exception {
    char[] pin = new char[12];
    HeapSearch field = PinResidueHeapTest.randomPin(new SecureRandom(), pin);
    SecureRandom failing =
        new SecureRandom() {
          private static final long serialVersionUID = 1L;

          @Override
          public void nextBytes(byte[] bytes) {
            throw new IllegalStateException("entropy source failed");
          }
        };
    try (PinKey key = PinTestKeys.both(PinFormat.ISO_4, failing)) {
      assertThrows(
          IllegalStateException.class,
          () -> key.encipher(PinFormat.ISO_4, pin, "4111111111111111"));
    } finally {
      Arrays.fill(pin, '\0');
    }
    assertEquals(0, field.holds(), "copies of the PIN digits after a failed encipher");
  }
}
