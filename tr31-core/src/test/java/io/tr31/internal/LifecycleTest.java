/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@SuppressWarnings("try")
class LifecycleTest {

  @Test
  void useAfterDestroy_isTheOneIllegalState_namingTheHolder() {
    Lifecycle life = new Lifecycle("KBPK");
    try (Lifecycle.Use u = life.use()) {
      life.check();
    }
    assertTrue(life.destroy(() -> {}));
    IllegalStateException e = assertThrows(IllegalStateException.class, life::use);
    assertEquals("KBPK was destroyed", e.getMessage());
    assertThrows(IllegalStateException.class, life::check);
    assertTrue(life.isDestroyed());
  }

  @Test
  void destroy_wipesOnce_laterCallsReturnFalse() {
    Lifecycle life = new Lifecycle("x");
    AtomicInteger wipes = new AtomicInteger();
    assertFalse(life.isDestroyed());
    assertTrue(life.destroy(wipes::incrementAndGet));
    assertFalse(life.destroy(wipes::incrementAndGet));
    assertEquals(1, wipes.get());
  }

  @Test
  void destroy_waitsForTheRunningOperation_thenWipes() throws Exception {
    Lifecycle life = new Lifecycle("x");
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

  @Test
  void concurrentDestroys_wipeOnce_andEveryCallReturnsOnlyAfterTheWipe() throws Exception {
    for (int round = 0; round < 50; round++) {
      Lifecycle life = new Lifecycle("x");
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

  @Test
  void operationsRunInParallel_andNoneRunsAfterTheWipe() throws Exception {
    Lifecycle life = new Lifecycle("x");
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

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
