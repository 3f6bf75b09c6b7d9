/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.Profile;


import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code destroy()} racing a wrap (review 3, finding 1): a destroy that wiped the derived keys
 * while a wrap was running let the wrap encrypt the key under an all-zero key and return the block
 * as if nothing happened. A destroy now waits for running operations.
 *
 * <p>The wrap is held inside the operation deterministically: its padding comes from a {@link
 * SecureRandom} that blocks until the test has called {@code destroy()} on another thread.
 */
class KeyBlockProtectionKeyDestroyRaceTest {
  private static final byte[] KBPK = new byte[32];
  private static final byte[] KEY = new byte[32];

  static {
    for (int i = 0; i < 32; i++) {
      KBPK[i] = (byte) (0xA0 + i);
      KEY[i] = (byte) (0x11 * (i % 15 + 1));
    }
  }

  /** Blocks the first padding draw until released. */
  private static final class GateRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    final transient CountDownLatch entered = new CountDownLatch(1);
    final transient CountDownLatch release = new CountDownLatch(1);

    @Override
    public void nextBytes(byte[] out) {
      entered.countDown();
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      java.util.Arrays.fill(out, (byte) 0x5A);
    }
  }

  @Test
  void destroyDuringWrap_waitsForIt_andTheBlockVerifiesUnderTheRealKbpk() throws Exception {
    GateRandom gate = new GateRandom();
    KeyBlockProtectionKey kbpk = KeyBlockProtectionKey.aes(KBPK);
    WrapOptions gated = WrapOptions.builder().paddingSource(gate).build();
    KeyBlockHeader header = KeyBlockHeader.parse("D0000P0AE00E0000", Profile.STRICT);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<String> wrap = pool.submit(() -> kbpk.wrap(header, KEY, gated));
      assertTrue(gate.entered.await(60, TimeUnit.SECONDS), "wrap reached its padding draw");
      Future<?> destroy = pool.submit(kbpk::destroy);
      // The destroy may not finish while the wrap holds the key; give it every chance to.
      assertThrows(
          java.util.concurrent.TimeoutException.class,
          () -> destroy.get(200, TimeUnit.MILLISECONDS),
          "destroy() returned while a wrap was still running");
      gate.release.countDown();
      String block = wrap.get(60, TimeUnit.SECONDS);
      destroy.get(60, TimeUnit.SECONDS);
      assertTrue(kbpk.isDestroyed());
      assertThrows(IllegalStateException.class, () -> kbpk.wrap(header, KEY, WrapOptions.defaults()));
      KeyBlockProtectionKey checker = KeyBlockProtectionKey.aes(KBPK);
      try (UnwrappedKey k = checker.unwrap(block)) {
        assertArrayEquals(KEY, k.keyBytes(), "the block is the key under the real KBPK");
      } finally {
        checker.destroy();
      }
    } finally {
      gate.release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void destroyRacingManyWraps_everyWrapVerifiesOrThrowsIllegalState() throws Exception {
    KeyBlockHeader header = KeyBlockHeader.parse("D0000P0AE00E0000", Profile.STRICT);
    KeyBlockProtectionKey checker = KeyBlockProtectionKey.aes(KBPK);
    try {
      for (int round = 0; round < 200; round++) {
        KeyBlockProtectionKey kbpk = KeyBlockProtectionKey.aes(KBPK);
        CompletableFuture<Void> killer = CompletableFuture.runAsync(kbpk::destroy);
        String block;
        try {
          block = kbpk.wrap(header, KEY, WrapOptions.defaults());
        } catch (IllegalStateException destroyedFirst) {
          killer.get(60, TimeUnit.SECONDS);
          continue;
        }
        killer.get(60, TimeUnit.SECONDS);
        try (UnwrappedKey k = checker.unwrap(block)) {
          assertArrayEquals(KEY, k.keyBytes(), "round " + round);
        }
      }
    } finally {
      checker.destroy();
    }
  }
}
