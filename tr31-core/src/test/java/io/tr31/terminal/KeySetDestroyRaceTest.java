/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    clock.arm();
    Future<InstalledKeySet> install = pool.submit(() -> installer.install(json));
    Thread destroyer = destroyWhileHeld(clock, installer::destroy);
    assertFalse(installer.isDestroyed());
    clock.release();
    try (InstalledKeySet keys = install.get(10, TimeUnit.SECONDS)) {
      assertEquals("ks-2025-01", keys.keySetId());
    }
    destroyer.join(10_000);
    assertTrue(installer.isDestroyed());
  }

  @Test
  void issuer_destroyDuringAnIssue_waitsForIt_andTheIssueSucceeds() throws Exception {
    GateClock clock = new GateClock(KeySets.ISSUED);
    KeySetIssuer issuer =
        KeySetIssuer.builder().random(KeySets.seeded(62)).clock(clock).build(KeySets.ZMK);
    clock.arm();
    Future<IssuedKeySet> issue =
        pool.submit(() -> KeySets.issue(issuer, "ks-2025-01", Duration.ofDays(365)));
    Thread destroyer = destroyWhileHeld(clock, issuer::destroy);
    assertFalse(issuer.isDestroyed());
    clock.release();
    try (IssuedKeySet set = issue.get(10, TimeUnit.SECONDS);
        InstalledKeySet keys = KeySets.installer().install(set.json())) {
      assertEquals("ks-2025-01", keys.keySetId());
    }
    destroyer.join(10_000);
    assertTrue(issuer.isDestroyed());
  }

  @Test
  void installedSet_destroyDuringATpkCopy_waitsForIt_andTheCopyIsTheTpk() throws Exception {
    GateClock clock = new GateClock(KeySets.ISSUED);
    try (IssuedKeySet set = KeySets.seedExample(63)) {
      InstalledKeySet keys = KeySets.installer(clock).install(set.json());
      clock.arm();
      Callable<UnwrappedKey> copy = keys::tpk;
      Future<UnwrappedKey> tpk = pool.submit(copy);
      Thread destroyer = destroyWhileHeld(clock, keys::destroy);
      assertFalse(keys.isDestroyed());
      clock.release();
      try (UnwrappedKey got = tpk.get(10, TimeUnit.SECONDS)) {
        assertEquals(
            io.tr31.internal.Hex.encode(set.keyBytes(Slot.TPK)),
            io.tr31.internal.Hex.encode(got.keyBytes()));
      }
      destroyer.join(10_000);
      assertTrue(keys.isDestroyed());
    }
  }

  /**
   * Starts {@code destroy} once the operation sits in the clock, and checks that it is still
   * waiting a moment later.
   */
  private static Thread destroyWhileHeld(GateClock clock, Runnable destroy) throws Exception {
    assertTrue(clock.entered.await(10, TimeUnit.SECONDS), "the operation reached the clock");
    Thread destroyer = new Thread(destroy, "destroyer");
    destroyer.start();
    destroyer.join(300);
    assertTrue(destroyer.isAlive(), "destroy() waits for the running operation");
    return destroyer;
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
