/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Review of session 5, finding 4: {@code IssueRequest.Builder} keeps a clear copy of every key it
 * was given until {@code build()} succeeds; a {@code build()} refused for a duplicate key (and a
 * builder simply dropped) left the copies unwiped, and the builder has no {@code destroy()}. Now
 * {@code build()} wipes and forgets them whether it succeeds or not (failed before the fix: "a
 * clear key copy stays in the refused builder").
 */
class IssueRequestResidueTest {
  @Test
  void build_refusedForADuplicateKey_wipesTheBuildersKeyCopies() throws Exception {
    byte[] key = new byte[Slot.KEY_BYTES];
    key[0] = 1;
    IssueRequest.Builder b = IssueRequest.builder().key(Slot.TDK, key).key(Slot.MSK, key);
    Field f = IssueRequest.Builder.class.getDeclaredField("keys");
    f.setAccessible(true);
    Map<?, ?> held = (Map<?, ?>) f.get(b);
    List<byte[]> copies = new ArrayList<>();
    for (Object copy : held.values()) {
      copies.add((byte[]) copy);
    }
    assertEquals(2, copies.size(), "the builder's copies");
    assertThrows(IllegalArgumentException.class, b::build);
    for (byte[] k : copies) {
      int or = 0;
      for (byte x : k) {
        or |= x;
      }
      assertTrue(or == 0, "a clear key copy stays in the refused builder");
    }
    assertTrue(held.isEmpty(), "the refused builder forgets its copies");
  }
}
