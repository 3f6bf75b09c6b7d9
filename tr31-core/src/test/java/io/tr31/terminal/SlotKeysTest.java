/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlotKeysTest {
  @Test
  void copy_isFresh_andNullForASlotWithoutKey() {
    byte[] tmk = filled(7);
    SlotKeys keys = new SlotKeys("owner", one(Slot.TMK, tmk));
    byte[] copy = keys.copy(Slot.TMK);
    assertArrayEquals(tmk, copy);
    assertNotSame(tmk, copy);
    assertNull(keys.copy(Slot.KEK));
  }

  @Test
  void destroy_wipesTheOwnedArrays_andLaterCopiesNameTheOwner() {
    byte[] tmk = filled(7);
    SlotKeys keys = new SlotKeys("IssueRequest", one(Slot.TMK, tmk));
    assertFalse(keys.isDestroyed());
    keys.destroy();
    keys.destroy(); // idempotent
    assertTrue(keys.isDestroyed());
    assertArrayEquals(new byte[Slot.KEY_BYTES], tmk);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> keys.copy(Slot.TMK));
    assertEquals("IssueRequest was destroyed", e.getMessage());
  }

  @Test
  void anEmptyMapOfAnyKind_isAccepted() {
    assertNull(new SlotKeys("owner", new java.util.HashMap<>()).copy(Slot.MSK));
  }

  private static Map<Slot, byte[]> one(Slot slot, byte[] key) {
    Map<Slot, byte[]> m = new EnumMap<>(Slot.class);
    m.put(slot, key);
    return m;
  }

  private static byte[] filled(int b) {
    byte[] k = new byte[Slot.KEY_BYTES];
    Arrays.fill(k, (byte) b);
    return k;
  }
}
