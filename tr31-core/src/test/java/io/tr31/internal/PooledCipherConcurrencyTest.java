/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;

/**
 * The pooled cipher layer under threads, through its public operations only: results shared by
 * threads match a plain JDK / BouncyCastle computation, and a destroy racing operations never lets
 * one compute with half-wiped keys (each operation returns the right answer or throws the one
 * use-after-destroy {@link IllegalStateException}).
 */
class PooledCipherConcurrencyTest {
  private static final int THREADS = 4;

  /** Runs {@code work} on {@link #THREADS} threads at once and returns what they report. */
  private static List<String> onThreads(ThreadWork work) throws InterruptedException {
    List<String> errors = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int id = t;
      Thread thread =
          new Thread(
              () -> {
                try {
                  start.await();
                  work.run(id, errors);
                } catch (Exception | AssertionError e) {
                  errors.add("thread " + id + ": " + e);
                }
              });
      threads.add(thread);
      thread.start();
    }
    start.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    return errors;
  }

  interface ThreadWork {
    void run(int id, List<String> errors) throws Exception;
  }

  private static byte[] random(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  private static byte[] bouncyCastleCmac(byte[] key, byte[] data) {
    CMac mac = new CMac(AESEngine.newInstance());
    mac.init(new KeyParameter(key));
    mac.update(data, 0, data.length);
    byte[] out = new byte[16];
    mac.doFinal(out, 0);
    return out;
  }

  @Test
  void sharedCipherAndCmac_manyThreads_everyResultMatchesThePlainJdkAndBouncyCastle()
      throws Exception {
    byte[] key = random(new Random(1), 32);
    BlockCipher shared = BlockCipher.aes(key);
    Cmac sharedCmac = Cmac.aes(key);
    List<String> errors =
        onThreads(
            (id, out) -> {
              Random r = new Random(id);
              Cipher jdk = Cipher.getInstance("AES/CBC/NoPadding");
              for (int i = 0; i < 300; i++) {
                byte[] iv = random(r, 16);
                byte[] in = random(r, 16 * (1 + r.nextInt(48)));
                jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
                byte[] ct = new byte[in.length];
                shared.encryptCbc(iv, 0, in, 0, in.length, ct, 0);
                byte[] back = new byte[in.length];
                shared.decryptCbc(iv, 0, ct, 0, ct.length, back, 0);
                byte[] msg = Arrays.copyOf(in, r.nextInt(in.length + 1));
                if (!Arrays.equals(jdk.doFinal(in), ct)
                    || !Arrays.equals(in, back)
                    || !Arrays.equals(bouncyCastleCmac(key, msg), sharedCmac.mac(msg))) {
                  out.add("thread " + id + " op " + i + " length " + in.length);
                }
              }
            });
    assertEquals(List.of(), errors);
  }

  /**
   * Rounds of: {@link #THREADS} threads repeat {@code op} on one fresh object while this thread
   * destroys it; every result must equal {@code expected}, every failure be the use-after-destroy
   * exception.
   */
  private static <T> void destroyRacingOperations(
      Supplier<T> make, ThrowingFunction<T> op, byte[] expected, Destroy<T> destroy)
      throws Exception {
    Random r = new Random(3);
    AtomicInteger completed = new AtomicInteger();
    for (int round = 0; round < 100; round++) {
      T target = make.get();
      long delayNanos = r.nextInt(400_000);
      List<String> errors = Collections.synchronizedList(new ArrayList<>());
      CountDownLatch running = new CountDownLatch(THREADS);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Thread thread =
            new Thread(
                () -> {
                  running.countDown();
                  try {
                    while (true) {
                      byte[] got = op.apply(target);
                      if (!Arrays.equals(expected, got)) {
                        errors.add("wrong result " + Hex.encode(got));
                        return;
                      }
                      completed.incrementAndGet();
                    }
                  } catch (IllegalStateException e) {
                    if (!e.getMessage().endsWith("was destroyed")) {
                      errors.add(e.toString());
                    }
                  } catch (Exception e) {
                    errors.add(e.toString());
                  }
                });
        threads.add(thread);
        thread.start();
      }
      running.await();
      long until = System.nanoTime() + delayNanos;
      while (System.nanoTime() < until) {
        Thread.onSpinWait();
      }
      destroy.destroy(target);
      for (Thread thread : threads) {
        thread.join();
      }
      assertEquals(List.of(), errors, "round " + round);
    }
    assertTrue(completed.get() > 0, "no operation completed before destroy");
  }

  interface ThrowingFunction<T> {
    byte[] apply(T t) throws Exception;
  }

  interface Destroy<T> {
    void destroy(T t);
  }

  @Test
  void destroyRacingCmacs_everyTagIsRightOrTheOperationRefuses() throws Exception {
    byte[] key = random(new Random(4), 16);
    byte[] msg = random(new Random(5), 40); // a padded last block: subkey K2
    destroyRacingOperations(
        () -> Cmac.aes(key), c -> c.mac(msg), bouncyCastleCmac(key, msg), Cmac::destroy);
  }

  @Test
  void destroyRacingSeals_everyKeyBlockIsRightOrTheOperationRefuses() throws Exception {
    byte[] kbpk = random(new Random(6), 32);
    byte[] header = "D0112P0AE00E0000".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    byte[] payload = random(new Random(7), 48);
    destroyRacingOperations(
        () -> KeyDerivationBinding.versionD(kbpk),
        b -> b.seal(header, payload),
        BouncyCastleOracle.derivationSeal(true, kbpk, header, payload),
        KeyDerivationBinding::destroy);
  }

  @Test
  void destroyRacingCbc_everyCiphertextIsRightOrTheOperationRefuses() throws Exception {
    byte[] key = random(new Random(8), 24);
    byte[] iv = random(new Random(9), 8);
    byte[] in = random(new Random(10), 64);
    Cipher jdk = Cipher.getInstance("DESede/CBC/NoPadding");
    jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "DESede"), new IvParameterSpec(iv));
    destroyRacingOperations(
        () -> BlockCipher.tdes(key),
        c -> {
          byte[] out = new byte[in.length];
          c.encryptCbc(iv, 0, in, 0, in.length, out, 0);
          return out;
        },
        jdk.doFinal(in),
        BlockCipher::destroy);
  }
}
