/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@SuppressWarnings("try")
class LifecycleTest {

  @ParameterizedTest(name = "shared={0}")
  @ValueSource(booleans = {false, true})
  void useAfterDestroy_isTheOneIllegalState_namingTheHolder(boolean shared) {
    Lifecycle life = create("KBPK", shared);
    try (Lifecycle.Use u = life.use()) {
      life.check();
    }
    assertTrue(life.destroy(() -> {}));
    IllegalStateException e = assertThrows(IllegalStateException.class, life::use);
    assertEquals("KBPK was destroyed", e.getMessage());
    assertThrows(IllegalStateException.class, life::check);
    assertTrue(life.isDestroyed());
  }

  @ParameterizedTest(name = "shared={0}")
  @ValueSource(booleans = {false, true})
  void destroy_wipesOnce_laterCallsReturnFalse(boolean shared) {
    Lifecycle life = create("x", shared);
    AtomicInteger wipes = new AtomicInteger();
    assertFalse(life.isDestroyed());
    assertTrue(life.destroy(wipes::incrementAndGet));
    assertFalse(life.destroy(wipes::incrementAndGet));
    assertEquals(1, wipes.get());
  }

  @ParameterizedTest(name = "shared={0}")
  @ValueSource(booleans = {false, true})
  void destroy_waitsForTheRunningOperation_thenWipes(boolean shared) throws Exception {
    Lifecycle life = create("x", shared);
    AtomicInteger wiped = new AtomicInteger();
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Boolean> destroyed;
      try (Lifecycle.Use u = life.use()) {
        destroyed = pool.submit(() -> life.destroy(wiped::incrementAndGet));
        Thread.sleep(200); // destroy is now waiting for this operation
        assertEquals(0, wiped.get(), "wiped while an operation was running");
        assertThrows(IllegalStateException.class, life::use, "a new operation entered");
        assertFalse(life.isDestroyed(), "destroyed before the wipe");
      }
      assertTrue(destroyed.get(5, TimeUnit.SECONDS));
      assertEquals(1, wiped.get());
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest(name = "shared={0}")
  @ValueSource(booleans = {false, true})
  void concurrentDestroys_wipeOnce_andEveryCallReturnsOnlyAfterTheWipe(boolean shared)
      throws Exception {
    for (int round = 0; round < 50; round++) {
      Lifecycle life = create("x", shared);
      AtomicInteger wipes = new AtomicInteger();
      AtomicInteger done = new AtomicInteger();
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<Boolean>> calls = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          calls.add(
              pool.submit(
                  () -> {
                    go.await();
                    boolean first =
                        life.destroy(
                            () -> {
                              sleep(5);
                              wipes.incrementAndGet();
                            });
                    assertEquals(1, wipes.get(), "returned before the wipe ran");
                    done.incrementAndGet();
                    return first;
                  }));
        }
        go.countDown();
        int firsts = 0;
        for (Future<Boolean> f : calls) {
          firsts += f.get(5, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertEquals(1, firsts);
        assertEquals(1, wipes.get());
        assertEquals(4, done.get());
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @ParameterizedTest(name = "shared={0}")
  @ValueSource(booleans = {false, true})
  void operationsRunInParallel_andNoneRunsAfterTheWipe(boolean shared) throws Exception {
    Lifecycle life = create("x", shared);
    int[] secret = {42};
    AtomicInteger sawWiped = new AtomicInteger();
    AtomicInteger ran = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < 2; t++) {
        workers.add(
            pool.submit(
                () -> {
                  while (true) {
                    try (Lifecycle.Use u = life.use()) {
                      int before = secret[0];
                      Thread.yield();
                      if (before != 42 || secret[0] != 42) {
                        sawWiped.incrementAndGet();
                      }
                      ran.incrementAndGet();
                    } catch (IllegalStateException destroyed) {
                      return;
                    }
                  }
                }));
      }
      while (ran.get() < 1_000) {
        Thread.yield();
      }
      assertTrue(life.destroy(() -> secret[0] = 0));
      for (Future<?> w : workers) {
        w.get(5, TimeUnit.SECONDS);
      }
      assertEquals(0, sawWiped.get(), "an operation computed with a wiped secret");
    } finally {
      pool.shutdownNow();
    }
  }

  /** A plain lifecycle, or one that counts per thread stripe ({@link Lifecycle#shared}). */
  private static Lifecycle create(String what, boolean shared) {
    return shared ? Lifecycle.shared(what) : new Lifecycle(what);
  }

  @Test
  void shared_anOperationClosedOnAnotherThread_stillLetsDestroyFinish() throws Exception {
    Lifecycle life = Lifecycle.shared("x");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Lifecycle.Use u = life.use();
      Future<Boolean> destroyed = pool.submit(() -> life.destroy(() -> {}));
      Thread.sleep(100);
      assertFalse(destroyed.isDone(), "destroy did not wait for the running operation");
      pool.submit(u::close).get(5, TimeUnit.SECONDS); // closed on the pool's other thread
      // Opened on this thread, closed on another (another stripe, unless their ids collide): the
      // stripes' sum is zero again, so destroy's wait ends.
      assertTrue(destroyed.get(5, TimeUnit.SECONDS));
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest(name = "stripe at {0}")
  @ValueSource(ints = {(1 << 30) - 1, 1 << 30})
  void shared_stripeAtTheLimit_refusesTheOperation_andLeavesTheCountAsItWas(int count)
      throws Exception {
    Lifecycle life = Lifecycle.shared("KBPK");
    AtomicIntegerArray stripes = stripes(life);
    int mine = stripeOfThisThread();
    stripes.set(mine, count); // as if that many operations ran on this thread's stripe
    IllegalStateException e = assertThrows(IllegalStateException.class, life::use);
    assertEquals("KBPK: too many concurrent operations", e.getMessage());
    assertEquals(count, stripes.get(mine), "the refused operation was still counted");
    stripes.set(mine, 0);
    assertTrue(life.destroy(() -> {}), "destroy waited for the refused operation");
  }

  @Test
  void shared_destroyedAndAtTheLimit_reportsTheDestroy_asThePlainLifecycle() throws Exception {
    Lifecycle life = Lifecycle.shared("KBPK");
    assertTrue(life.destroy(() -> {}));
    AtomicIntegerArray stripes = stripes(life);
    int mine = stripeOfThisThread();
    stripes.set(mine, (1 << 30) - 1);
    IllegalStateException e = assertThrows(IllegalStateException.class, life::use);
    assertEquals("KBPK was destroyed", e.getMessage());
    assertEquals((1 << 30) - 1, stripes.get(mine));
  }

  @Test
  void shared_oneLessThanTheLimit_stillRuns() throws Exception {
    Lifecycle life = Lifecycle.shared("x");
    AtomicIntegerArray stripes = stripes(life);
    int mine = stripeOfThisThread();
    stripes.set(mine, (1 << 30) - 2);
    try (Lifecycle.Use u = life.use()) {
      assertEquals((1 << 30) - 1, stripes.get(mine));
    }
    assertEquals((1 << 30) - 2, stripes.get(mine));
  }

  @Test
  void shared_aStripeSkewedByCrossThreadCloses_isNoReasonToRefuse() throws Exception {
    Lifecycle life = Lifecycle.shared("x");
    AtomicIntegerArray stripes = stripes(life);
    // The stripes sit at STRIDE, 2 * STRIDE, ...: the first line holds only the array's header.
    assumeTrue(stripes.length() > 2 * STRIDE, "one stripe only: no skew possible");
    int mine = stripeOfThisThread();
    int other = mine == STRIDE ? 2 * STRIDE : STRIDE;
    // Operations begun on this thread and closed on another, a billion times: the sum is zero.
    stripes.set(mine, Integer.MAX_VALUE - 1);
    stripes.set(other, -(Integer.MAX_VALUE - 1));
    try (Lifecycle.Use u = life.use()) {
      life.check();
    }
    stripes.set(mine, Integer.MAX_VALUE);
    stripes.set(other, -Integer.MAX_VALUE);
    try (Lifecycle.Use u = life.use()) { // this stripe wraps to Integer.MIN_VALUE: the sum is 1
      assertEquals(Integer.MIN_VALUE, stripes.get(mine));
    }
    stripes.set(mine, 0);
    stripes.set(other, 0);
    assertTrue(life.destroy(() -> {}));
  }

  /** Ints per stripe, as in {@code Lifecycle}. */
  private static final int STRIDE = 16;

  private static AtomicIntegerArray stripes(Lifecycle life) throws ReflectiveOperationException {
    Field f = Lifecycle.class.getDeclaredField("stripes");
    f.setAccessible(true);
    return (AtomicIntegerArray) f.get(life);
  }

  private static int stripeOfThisThread() throws ReflectiveOperationException {
    Method m = Lifecycle.class.getDeclaredMethod("stripe");
    m.setAccessible(true);
    return (int) m.invoke(null);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
