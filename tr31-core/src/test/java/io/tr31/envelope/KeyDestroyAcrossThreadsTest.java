/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tr31.internal.Hex;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Review 2026-11-28 finding 5 for the envelope keys: {@code destroy()} on one thread reaches the
 * JCE objects another thread used, because they live in the key's own pool, not in a {@code
 * ThreadLocal}; and whatever leaves a pool is re-keyed with the constant scrub key.
 */
class KeyDestroyAcrossThreadsTest {
  private static final byte[] BODY = "{\"amount\":100}".getBytes(US_ASCII);
  private final ExecutorService worker = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopWorker() {
    worker.shutdownNow();
  }

  @Test
  void macKey_usedOnAnotherThread_destroyHereDrainsThatThreadsMac() throws Exception {
    PayloadProtector key = TestKeys.keys();
    HmacSha256 hmac = key.hmac();
    String signature = worker.submit(() -> key.sign(BODY)).get();
    assertEquals(1, hmac.pooled());
    key.destroy();
    assertEquals(0, hmac.pooled());
    assertThrows(IllegalStateException.class, () -> key.verify(BODY, signature));
    // The worker thread keeps nothing of the key: a later use there fails as well.
    Exception e = assertThrows(Exception.class, () -> worker.submit(() -> key.sign(BODY)).get());
    assertEquals(IllegalStateException.class, e.getCause().getClass());
  }

  @Test
  void envelopeKey_usedOnAnotherThread_destroyHereDrainsThatThreadsCipher() throws Exception {
    PayloadProtector key = TestKeys.keys();
    AesCbc cbc = key.aes();
    String body = worker.submit(() -> key.seal(BODY, EnvelopeOptions.DEFAULTS).body()).get();
    worker.submit(() -> TestKeys.openUnauthenticated(key, body)).get();
    assertEquals(1, cbc.pooled());
    key.destroy();
    assertEquals(0, cbc.pooled());
    assertThrows(IllegalStateException.class, () -> TestKeys.openUnauthenticated(key, body));
  }

  @Test
  void sealStream_inProgressDuringDestroy_failsAndItsCipherIsNotPooledAfterwards() {
    PayloadProtector key = TestKeys.keys();
    AesCbc cbc = key.aes();
    InputStream destroyingPlaintext =
        new InputStream() {
          private int reads;

          @Override
          public int read() {
            throw new UnsupportedOperationException();
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (reads++ == 0) {
              key.destroy(); // mid-stream: the cipher is taken, not idle
              b[off] = 'x';
              return 1;
            }
            return -1;
          }
        };
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    // The next step after destroy fails: no more ciphertext, and no signature, under a dead key.
    assertThrows(
        IllegalStateException.class,
        () -> key.seal(destroyingPlaintext, body, EnvelopeOptions.DEFAULTS));
    assertEquals(0, cbc.pooled());
    assertEquals(0, key.hmac().pooled());
  }

  @Test
  void macKey_streamReadFailure_leavesThePooledMacClean() throws Exception {
    PayloadProtector key = TestKeys.keys();
    InputStream failing =
        new InputStream() {
          private boolean fed;

          @Override
          public int read() throws IOException {
            throw new IOException("read failed");
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (!fed) {
              fed = true;
              b[off] = 'x';
              return 1;
            }
            throw new IOException("read failed");
          }
        };
    String signature = TestKeys.keys().sign(BODY);
    assertThrows(IOException.class, () -> key.verify(failing, signature));
    assertEquals(1, key.hmac().pooled());
    // The same (pooled) Mac now computes from a clean state.
    key.verify(new ByteArrayInputStream(BODY), signature);
    assertEquals(signature, key.sign(BODY));
  }

  @Test
  void scrub_rekeysAMacWithTheConstantAllZeroKey() throws Exception {
    Mac m = Mac.getInstance("HmacSHA256");
    m.init(new SecretKeySpec(TestKeys.MAC, "HmacSHA256"));
    HmacSha256.scrub(m);
    Mac zero = Mac.getInstance("HmacSHA256");
    zero.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
    assertArrayEquals(zero.doFinal(BODY), m.doFinal(BODY));
  }

  @Test
  void scrub_rekeysACipherWithTheConstantAllZeroKeyToEncrypt() throws Exception {
    Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
    c.init(
        Cipher.DECRYPT_MODE,
        new SecretKeySpec(TestKeys.MSK, "AES"),
        new IvParameterSpec(new byte[16]));
    AesCbc.scrub(c);
    Cipher zero = Cipher.getInstance("AES/CBC/PKCS5Padding");
    zero.init(
        Cipher.ENCRYPT_MODE,
        new SecretKeySpec(new byte[32], "AES"),
        new IvParameterSpec(new byte[16]));
    assertEquals(Hex.encode(zero.doFinal(BODY)), Hex.encode(c.doFinal(BODY)));
  }
}
