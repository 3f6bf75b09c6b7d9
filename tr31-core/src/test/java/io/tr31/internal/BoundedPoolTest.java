/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The per-key pool behind {@link BlockCipher} and the envelope keys, with plain objects. */
class BoundedPoolTest {
  private final AtomicInteger created = new AtomicInteger();
  private final List<Object> scrubbed = new ArrayList<>();
  private static final int SLOTS = 8;
  private final BoundedPool<Object> pool =
      new BoundedPool<>(
          SLOTS,
          () -> {
            created.incrementAndGet();
            return new Object();
          },
          scrubbed::add);

  @Test
  void take_afterGive_reusesTheSameObject() {
    Object a = pool.take();
    pool.give(a);
    assertEquals(1, pool.idle());
    assertSame(a, pool.take());
    assertEquals(0, pool.idle());
    assertEquals(1, created.get());
    assertTrue(scrubbed.isEmpty());
  }

  @Test
  void take_onAnEmptyPool_createsANewObject() {
    Object a = pool.take();
    Object b = pool.take();
    assertNotSame(a, b);
    assertEquals(2, created.get());
  }

  @Test
  void give_beyondTheBound_scrubsAndDropsTheExtraObject() {
    List<Object> taken = new ArrayList<>();
    for (int i = 0; i <= SLOTS; i++) {
      taken.add(pool.take());
    }
    for (Object o : taken) {
      pool.give(o);
    }
    assertEquals(SLOTS, pool.idle());
    assertEquals(List.of(taken.get(SLOTS)), scrubbed);
    // The bound counts idle objects only: after one is taken, one more fits again.
    Object o = pool.take();
    pool.give(o);
    assertEquals(SLOTS, pool.idle());
    assertEquals(1, scrubbed.size());
  }

  @Test
  void close_scrubsEveryIdleObject_andLaterGivesAreScrubbedNotPooled() {
    Object a = pool.take();
    Object b = pool.take();
    Object inUse = pool.take();
    pool.give(a);
    pool.give(b);
    pool.close();
    assertEquals(0, pool.idle());
    assertEquals(2, scrubbed.size());
    assertTrue(scrubbed.containsAll(List.of(a, b)));
    pool.give(inUse);
    assertEquals(0, pool.idle());
    assertEquals(3, scrubbed.size());
    assertSame(inUse, scrubbed.get(2));
  }
}
