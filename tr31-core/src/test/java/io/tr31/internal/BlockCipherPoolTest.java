/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The state pool of {@link BlockCipher} (security review 1, finding 5): {@code destroy()} from any
 * thread leaves no state behind, a state in use is released when returned, the pool is bounded, and
 * concurrent use is correct.
 */
class BlockCipherPoolTest {
  private static final byte[] KEY = new byte[32];

  static {
    new Random(5).nextBytes(KEY);
  }

  /**
   * Runs {@code task} on a new thread and waits for it (a fresh thread has an empty CipherPool).
   */
  static void onNewThread(ThrowingRunnable task) throws Exception {
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    Thread t =
        new Thread(
            () -> {
              try {
                task.run();
              } catch (Throwable e) {
                failures.add(e);
              }
            });
    t.start();
    t.join();
    if (!failures.isEmpty()) {
      throw new AssertionError("failed on the other thread", failures.get(0));
    }
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  private static void assertReleased(BlockCipher.State s) {
    assertTrue(s.released);
    assertArrayEquals(new Cipher[3], s.ciphers());
    assertArrayEquals(new byte[s.scratch.length], s.scratch);
  }

  /** Takes every idle state out of the pool, then hands them all back. */
  private static List<BlockCipher.State> idleStates(BlockCipher bc) {
    List<BlockCipher.State> states = new ArrayList<>();
    while (bc.pooledStates() > 0) {
      states.add(bc.borrow());
    }
    states.forEach(bc::giveBack);
    return states;
  }

  @Test
  void borrow_afterGiveBack_returnsTheSameStateWithItsCiphers() {
    BlockCipher bc = BlockCipher.aes(KEY);
    bc.encryptEcb(new byte[16], 0, 16, new byte[16], 0);
    assertEquals(1, bc.pooledStates());
    BlockCipher.State s = bc.borrow();
    assertEquals(0, bc.pooledStates());
    Cipher ecb = s.ciphers()[0];
    bc.giveBack(s);
    bc.encryptEcb(new byte[16], 0, 16, new byte[16], 0);
    BlockCipher.State again = bc.borrow();
    assertSame(s, again);
    assertSame(ecb, again.ciphers()[0]);
    assertFalse(again.released);
  }

  @Test
  void everyOperation_returnsItsStateToThePool() {
    BlockCipher bc = BlockCipher.aes(KEY);
    byte[] b = new byte[32];
    byte[] iv = new byte[16];
    bc.encryptEcb(b, 0, 32, b.clone(), 0);
    BlockCipher.State s = bc.borrow();
    bc.giveBack(s);
    List<Runnable> operations =
        List.of(
            () -> bc.encryptEcb(b, 0, 32, b.clone(), 0),
            () -> bc.decryptEcb(b, 0, 32, b.clone(), 0),
            () -> bc.encryptCbc(iv, 0, b, 0, 32, b.clone(), 0),
            () -> bc.encryptCbc(iv, 0, new byte[1024], 0, 1024, new byte[1024], 0),
            () -> bc.decryptCbc(iv, 0, b, 0, 32, b.clone(), 0));
    for (Runnable op : operations) {
      op.run();
      assertEquals(1, bc.pooledStates());
      BlockCipher.State again = bc.borrow();
      assertSame(s, again);
      bc.giveBack(again);
    }
  }

  @Test
  void destroy_fromAnotherThread_leavesNoPooledStateAndReleasesEveryState() throws Exception {
    BlockCipher bc = BlockCipher.aes(KEY);
    // Several threads at once, so that the pool ends up holding several states.
    int threads = 4;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    List<String> errors = Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < threads; t++) {
      Thread w =
          new Thread(
              () -> {
                try {
                  start.await();
                  for (int i = 0; i < 300; i++) {
                    BlockCipher.State s = bc.borrow();
                    BlockCipher.State s2 = bc.borrow();
                    bc.giveBack(s2);
                    bc.giveBack(s);
                    bc.encryptEcb(new byte[32], 0, 32, new byte[32], 0);
                  }
                } catch (InterruptedException e) {
                  errors.add(e.toString());
                }
              });
      workers.add(w);
      w.start();
    }
    start.countDown();
    for (Thread w : workers) {
      w.join();
    }
    assertEquals(List.of(), errors);
    List<BlockCipher.State> states = idleStates(bc);
    assertTrue(states.size() >= 2, "pooled states: " + states.size());
    assertTrue(states.stream().anyMatch(s -> s.ciphers()[0] != null));

    onNewThread(bc::destroy);

    assertTrue(bc.isDestroyed());
    assertEquals(0, bc.pooledStates());
    states.forEach(BlockCipherPoolTest::assertReleased);
    assertThrows(IllegalStateException.class, bc::borrow);
    assertThrows(
        IllegalStateException.class, () -> bc.encryptEcb(new byte[16], 0, 16, new byte[16], 0));
    assertThrows(
        IllegalStateException.class,
        () -> bc.decryptCbc(new byte[16], 0, new byte[16], 0, 16, new byte[16], 0));
  }

  @Test
  void stateInUseDuringDestroy_isReleasedWhenReturned() throws Exception {
    BlockCipher bc = BlockCipher.aes(KEY);
    BlockCipher.State inUse = bc.borrow();
    inUse.ecbEncryptor();
    BlockCipher.State inUseWithoutCiphers = bc.borrow();
    BlockCipher.State idle = bc.borrow();
    bc.giveBack(idle);
    onNewThread(bc::destroy);
    assertReleased(idle);
    assertFalse(inUse.released);
    // The key is wiped: a state borrowed before destroy() cannot key a new cipher after it.
    assertThrows(IllegalStateException.class, inUseWithoutCiphers::cbcEncryptor);
    bc.giveBack(inUse);
    bc.giveBack(inUseWithoutCiphers);
    assertEquals(0, bc.pooledStates());
    assertReleased(inUse);
    assertReleased(inUseWithoutCiphers);
  }

  @Test
  void fullPool_releasesTheExtraStateAndKeepsTheOthers() {
    BlockCipher bc = BlockCipher.tdes(Arrays.copyOf(KEY, 24));
    List<BlockCipher.State> states = new ArrayList<>();
    for (int i = 0; i <= BlockCipher.POOL_SLOTS; i++) {
      states.add(bc.borrow());
    }
    assertEquals(BlockCipher.POOL_SLOTS + 1, states.stream().distinct().count());
    states.forEach(bc::giveBack);
    assertEquals(BlockCipher.POOL_SLOTS, bc.pooledStates());
    for (int i = 0; i < BlockCipher.POOL_SLOTS; i++) {
      assertFalse(states.get(i).released, "state " + i);
    }
    assertReleased(states.get(BlockCipher.POOL_SLOTS));
  }

  @Test
  void destroy_handsTheCiphersToThisThreadsCipherPool_forTheNextKey() throws Exception {
    onNewThread(
        () -> {
          BlockCipher first = BlockCipher.aes(KEY);
          first.encryptEcb(new byte[16], 0, 16, new byte[16], 0);
          BlockCipher.State s = first.borrow();
          Cipher ecb = s.ciphers()[0];
          first.giveBack(s);
          assertEquals(
              0, CipherPool.pooled(BlockCipher.Algorithm.AES, CipherPool.Kind.ECB_ENCRYPT));
          first.destroy();
          assertEquals(
              1, CipherPool.pooled(BlockCipher.Algorithm.AES, CipherPool.Kind.ECB_ENCRYPT));
          // Pooled re-keyed with the constant all-zero AES-128 key (FIPS 197 C.1 style known
          // answer AES-128(0, 0)), no longer with this key's schedule.
          assertEquals("66E94BD4EF8A2C3B884CFA59CA342B2E", Hex.encode(ecb.doFinal(new byte[16])));
          // States that never made a decryptor or CBC encryptor give back nothing for them.
          assertEquals(
              0, CipherPool.pooled(BlockCipher.Algorithm.AES, CipherPool.Kind.ECB_DECRYPT));

          byte[] key2 = KEY.clone();
          key2[0] ^= 1;
          BlockCipher second = BlockCipher.aes(key2);
          byte[] out = new byte[16];
          second.encryptEcb(new byte[16], 0, 16, out, 0);
          BlockCipher.State s2 = second.borrow();
          assertSame(ecb, s2.ciphers()[0]);
          second.giveBack(s2);
          Cipher jdk = Cipher.getInstance("AES/ECB/NoPadding");
          jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key2, "AES"));
          assertArrayEquals(jdk.doFinal(new byte[16]), out);
        });
  }

  @Test
  void cipherPool_keepsAtMostMaxPerKindPerThread() throws Exception {
    onNewThread(
        () -> {
          List<BlockCipher> ciphers = new ArrayList<>();
          for (int i = 0; i < CipherPool.MAX_PER_KIND + 2; i++) {
            BlockCipher bc = BlockCipher.aes(KEY);
            bc.encryptEcb(new byte[16], 0, 16, new byte[16], 0);
            ciphers.add(bc);
          }
          ciphers.forEach(BlockCipher::destroy);
          assertEquals(
              CipherPool.MAX_PER_KIND,
              CipherPool.pooled(BlockCipher.Algorithm.AES, CipherPool.Kind.ECB_ENCRYPT));
        });
  }

  @Test
  void concurrentUse_eightThreads_everyResultMatchesTheJdk() throws Exception {
    byte[] iv = new byte[16];
    new Random(7).nextBytes(iv);
    BlockCipher bc = BlockCipher.aes(KEY);
    int threads = 8;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    List<String> errors = Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < threads; t++) {
      int seed = t;
      Thread w =
          new Thread(
              () -> {
                try {
                  Cipher jdk = Cipher.getInstance("AES/CBC/NoPadding");
                  jdk.init(
                      Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY, "AES"), new IvParameterSpec(iv));
                  Random r = new Random(seed);
                  start.await();
                  for (int i = 0; i < 200; i++) {
                    byte[] in = new byte[16 * (1 + r.nextInt(40))];
                    r.nextBytes(in);
                    byte[] ct = new byte[in.length];
                    bc.encryptCbc(iv, 0, in, 0, in.length, ct, 0);
                    byte[] back = new byte[in.length];
                    bc.decryptCbc(iv, 0, ct, 0, ct.length, back, 0);
                    if (!Arrays.equals(jdk.doFinal(in), ct) || !Arrays.equals(in, back)) {
                      errors.add("thread " + seed + " op " + i + " length " + in.length);
                    }
                  }
                } catch (Exception e) {
                  errors.add(e.toString());
                }
              });
      workers.add(w);
      w.start();
    }
    start.countDown();
    for (Thread w : workers) {
      w.join();
    }
    assertEquals(List.of(), errors);
    assertTrue(bc.pooledStates() >= 1 && bc.pooledStates() <= BlockCipher.POOL_SLOTS);
    bc.destroy();
    assertEquals(0, bc.pooledStates());
  }

  @Test
  void rawKey_destroy_wipesAndRefusesTheKey() {
    byte[] bytes = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    RawKey key = new RawKey("AES", bytes);
    bytes[0] = 99;
    byte[] encoded = key.getEncoded();
    assertEquals(1, encoded[0]);
    assertNotSame(encoded, key.getEncoded());
    assertEquals("AES", key.getAlgorithm());
    assertEquals("RAW", key.getFormat());
    assertFalse(key.isDestroyed());
    assertEquals("RawKey[AES, destroyed=false]", key.toString());
    key.destroy();
    key.destroy();
    assertTrue(key.isDestroyed());
    assertThrows(IllegalStateException.class, key::getEncoded);
  }
}
