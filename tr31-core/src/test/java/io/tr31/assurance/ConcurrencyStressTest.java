/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.assurance;

import io.tr31.keyblock.WrapOptions;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.Profile;
import io.tr31.Tr31VerificationException;
import io.tr31.envelope.EnvelopeOptions;
import io.tr31.envelope.PayloadProtector;
import io.tr31.envelope.SealedPayload;
import io.tr31.keyblock.KeyAlgorithm;
import io.tr31.keyblock.KeyBlockHeader;
import io.tr31.keyblock.KeyBlockProtectionKey;
import io.tr31.keyblock.UnwrappedKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Several threads share one prepared KBPK, MSK and MAC key and run wrap/unwrap, seal/open and
 * sign/verify at once; every result is checked (bounded: a fixed number of operations, and a
 * deadline after which the test fails instead of hanging).
 */
class ConcurrencyStressTest {
  private static final int THREADS = 4;
  private static final int ROUNDS = 400;

  @Test
  void sharedPreparedKeys_underConcurrentUse_giveCorrectResultsEverywhere() throws Exception {
    SplittableRandom seed = new SplittableRandom(20261128);
    byte[] kbpkBytes = new byte[32];
    byte[] msk = new byte[32];
    byte[] macKeyBytes = new byte[32];
    fill(seed, kbpkBytes);
    fill(seed, msk);
    fill(seed, macKeyBytes);
    KeyBlockProtectionKey kbpk = KeyBlockProtectionKey.aes(kbpkBytes);
    PayloadProtector envelope = PayloadProtector.create(msk, macKeyBytes);
    KeyBlockHeader header = KeyBlockHeader.parse("D0000P0AE00E0000", Profile.STRICT);

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> results = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      SplittableRandom random = seed.split();
      results.add(
          pool.submit(
              () -> {
                start.await();
                int checked = 0;
                for (int i = 0; i < ROUNDS; i++) {
                  byte[] key = new byte[random.nextBoolean() ? 16 : 32];
                  fill(random, key);
                  String block = kbpk.wrap(header, key, WrapOptions.defaults());
                  try (UnwrappedKey u = kbpk.unwrap(block)) {
                    assertArrayEquals(key, u.keyBytes());
                  }
                  String tampered =
                      block.substring(0, 20)
                          + (block.charAt(20) == '0' ? '1' : '0')
                          + block.substring(21);
                  assertThrows(Tr31VerificationException.class, () -> kbpk.unwrap(tampered));

                  byte[] payload = new byte[random.nextInt(0, 2048)];
                  fill(random, payload);
                  SealedPayload sealed = envelope.seal(payload, EnvelopeOptions.DEFAULTS);
                  byte[] body = sealed.body().getBytes(StandardCharsets.US_ASCII);
                  String signature = sealed.signature();
                  assertArrayEquals(
                      payload, envelope.open(body, signature, EnvelopeOptions.DEFAULTS));
                  byte[] forged = body.clone();
                  forged[forged.length / 2] ^= 1;
                  assertThrows(
                      Tr31VerificationException.class, () -> envelope.verify(forged, signature));
                  checked += 4;
                }
                return checked;
              }));
    }
    start.countDown();
    pool.shutdown();
    assertTrue(pool.awaitTermination(120, TimeUnit.SECONDS), "stress test did not finish in time");
    int total = 0;
    for (Future<Integer> f : results) {
      total += f.get();
    }
    assertEquals(THREADS * ROUNDS * 4, total);
    kbpk.destroy();
    envelope.destroy();
  }

  private static void fill(SplittableRandom r, byte[] b) {
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) r.nextInt(256);
    }
  }
}
