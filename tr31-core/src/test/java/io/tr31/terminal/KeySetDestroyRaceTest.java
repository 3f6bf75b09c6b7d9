/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.internal.Hex;
import io.tr31.keyblock.UnwrappedKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code destroy()} racing an operation (issue 13, {@link io.tr31.internal.Lifecycle}): it waits
 * for the running operation, which completes with intact keys, and only then destroys. The
 * operation is held inside its clock read, which every one of them makes while it uses the keys.
 */
class KeySetDestroyRaceTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void installer_destroyDuringAnInstall_waitsForIt_andTheInstallSucceeds() throws Exception {
    String json;
    try (IssuedKeySet set = KeySets.seedExample(61)) {
      json = set.json();
    }
    GateClock clock = new GateClock(KeySets.ISSUED);
    KeySetInstaller installer = KeySets.installer(clock);
    try (InstalledKeySet keys =
        race(clock, () -> installer.install(json), installer::destroy, installer::isDestroyed)) {
      assertEquals("ks-2025-01", keys.keySetId());
    }
  }

  @Test
  void issuer_destroyDuringAnIssue_waitsForIt_andTheIssueSucceeds() throws Exception {
    GateClock clock = new GateClock(KeySets.ISSUED);
    KeySetIssuer issuer =
        KeySetIssuer.builder().random(KeySets.seeded(62)).clock(clock).build(KeySets.ZMK);
    Callable<IssuedKeySet> issue = () -> KeySets.issue(issuer, "ks-2025-01", Duration.ofDays(365));
    try (IssuedKeySet set = race(clock, issue, issuer::destroy, issuer::isDestroyed);
        InstalledKeySet keys = KeySets.installer().install(set.json())) {
      assertEquals("ks-2025-01", keys.keySetId());
    }
  }

  @Test
  void installedSet_destroyDuringATpkCopy_waitsForIt_andTheCopyIsTheTpk() throws Exception {
    GateClock clock = new GateClock(KeySets.ISSUED);
    try (IssuedKeySet set = KeySets.seedExample(63)) {
      InstalledKeySet keys = KeySets.installer(clock).install(set.json());
      try (UnwrappedKey got = race(clock, keys::tpk, keys::destroy, keys::isDestroyed)) {
        assertEquals(Hex.encode(set.keyBytes(Slot.TPK)), Hex.encode(got.keyBytes()));
      }
    }
  }

  /**
   * Runs {@code operation} until it sits in the clock, starts {@code destroy}, checks that destroy
   * is still waiting a moment later, then lets the operation finish: its result, once destroy has
   * completed.
   */
  private <T> T race(
      GateClock clock, Callable<T> operation, Runnable destroy, BooleanSupplier destroyed)
      throws Exception {
    clock.arm();
    Future<T> result = pool.submit(operation);
    assertTrue(clock.entered.await(10, TimeUnit.SECONDS), "the operation reached the clock");
    Thread destroyer = new Thread(destroy, "destroyer");
    destroyer.start();
    destroyer.join(300);
    assertTrue(destroyer.isAlive(), "destroy() waits for the running operation");
    assertFalse(destroyed.getAsBoolean());
    clock.release();
    T got = result.get(10, TimeUnit.SECONDS);
    destroyer.join(10_000);
    assertTrue(destroyed.getAsBoolean());
    return got;
  }

  /** A fixed clock whose next read, once armed, blocks until released. */
  private static final class GateClock extends Clock {
    private final Instant now;
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile boolean armed;

    GateClock(Instant now) {
      this.now = now;
    }

    void arm() {
      armed = true;
    }

    void release() {
      released.countDown();
    }

    @Override
    public Instant instant() {
      if (armed) {
        armed = false;
        entered.countDown();
        try {
          released.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
