/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.bench;

import io.tr31.keyblock.WrapOptions;

import com.sun.management.ThreadMXBean;
import io.tr31.Profile;
import io.tr31.envelope.EnvelopeOptions;
import io.tr31.envelope.PayloadProtector;
import io.tr31.keyblock.KeyAlgorithm;
import io.tr31.keyblock.KeyBlockHeader;
import io.tr31.keyblock.KeyBlockProtectionKey;
import io.tr31.keyblock.KeyBlockVersion;
import io.tr31.Profile;
import io.tr31.keyblock.UnwrappedKey;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A cross-check of the JMH results by THREAD CPU time, for machines shared with other work (JMH
 * measures wall time, which other processes' load inflates). For each operation: the best of seven
 * rounds of thread CPU nanoseconds per operation, and the bytes allocated per operation; then two
 * threads sharing one prepared KBPK (CPU per operation per thread, and the wall-clock throughput
 * ratio, which is only meaningful when two cores are idle).
 *
 * <p>Run: {@code java -cp tr31-bench/target/benchmarks.jar io.tr31.bench.CpuTimeCheck}
 */
public final class CpuTimeCheck {
  private static final ThreadMXBean MX = (ThreadMXBean) ManagementFactory.getThreadMXBean();
  private static volatile Object sink;

  private interface Op {
    Object run() throws Exception;
  }

  private CpuTimeCheck() {}

  private static void measure(String name, Op op, int n) throws Exception {
    for (int w = 0; w < 5; w++) {
      for (int i = 0; i < n; i++) {
        sink = op.run();
      }
    }
    double best = Double.MAX_VALUE;
    for (int r = 0; r < 7; r++) {
      long t0 = MX.getCurrentThreadCpuTime();
      for (int i = 0; i < n; i++) {
        sink = op.run();
      }
      best = Math.min(best, (MX.getCurrentThreadCpuTime() - t0) / (double) n);
    }
    long a0 = MX.getCurrentThreadAllocatedBytes();
    for (int i = 0; i < n; i++) {
      sink = op.run();
    }
    double alloc = (MX.getCurrentThreadAllocatedBytes() - a0) / (double) n;
    System.out.printf("%-28s %12.0f ns/op CPU %12.0f B/op%n", name, best, alloc);
  }

  public static void main(String[] args) throws Exception {
    System.out.println(
        "# " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    byte[] kbpk = new byte[32];
    byte[] key = new byte[32];
    new Random(1).nextBytes(kbpk);
    new Random(2).nextBytes(key);
    KeyBlockHeader header = KeyBlockHeader.parse("D0000P0AE00E0000", Profile.STRICT);
    KeyBlockProtectionKey prepared = KeyBlockProtectionKey.aes(kbpk);
    String block = prepared.wrap(header, key, WrapOptions.defaults());
    Op unwrap =
        () -> {
          try (UnwrappedKey k = prepared.unwrap(block)) {
            return k.keyLengthBytes();
          }
        };
    measure("unwrapPrepared AES256", unwrap, 200_000);
    measure("wrapPrepared AES256", () -> prepared.wrap(header, key, WrapOptions.defaults()), 200_000);
    measure("aesFloorUnwrap AES256", floor(kbpk, block), 200_000);

    // One-shot under 64 different KBPKs: the JDK caches the last key schedule of a cipher, which
    // one KBPK used over and over would exploit and real traffic may not.
    byte[][] kbpks = new byte[64][32];
    String[] blocks = new String[64];
    for (int i = 0; i < 64; i++) {
      new Random(100 + i).nextBytes(kbpks[i]);
      blocks[i] = KeyBlockProtectionKey.aes(kbpks[i]).wrap(header, key, WrapOptions.defaults());
    }
    int[] next = {0};
    measure(
        "unwrapOneShot AES256 (64 KBPKs)",
        () -> {
          int i = next[0]++ & 63;
          try (KeyBlockProtectionKey oneShot =
                  KeyBlockProtectionKey.forVersion(KeyBlockVersion.D, kbpks[i], Profile.STRICT);
              UnwrappedKey k = oneShot.unwrap(blocks[i])) {
            return k.keyLengthBytes();
          }
        },
        20_000);

    envelope(65536);
    threads("unwrapPrepared", 1_500_000, () -> unwrap);
    // The floor has no allocation and no shared state: how it scales is the machine's ceiling.
    threads(
        "aesFloorUnwrap",
        6_000_000,
        () -> {
          try {
            return floor(kbpk, block);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }

  /** The same floor as KeyBlockBench.aesFloorUnwrap. */
  private static Op floor(byte[] kbpk, String block) throws Exception {
    int headerChars = 16;
    byte[] body = HexFormat.of().parseHex(block.substring(headerChars));
    byte[] payload = Arrays.copyOf(body, body.length - 16);
    byte[] mac = Arrays.copyOfRange(body, body.length - 16, body.length);
    SecretKeySpec k = new SecretKeySpec(kbpk, "AES");
    Cipher dec = Cipher.getInstance("AES/CBC/NoPadding");
    dec.init(Cipher.DECRYPT_MODE, k, new IvParameterSpec(mac));
    Cipher cbcMac = Cipher.getInstance("AES/CBC/NoPadding");
    cbcMac.init(Cipher.ENCRYPT_MODE, k, new IvParameterSpec(new byte[16]));
    byte[] k1 = cbcMac.doFinal(new byte[16]);
    byte[] in = new byte[headerChars + payload.length];
    byte[] out = new byte[in.length];
    System.arraycopy(block.getBytes(StandardCharsets.US_ASCII), 0, in, 0, headerChars);
    return () -> {
      dec.doFinal(payload, 0, payload.length, in, headerChars);
      for (int i = 0; i < 16; i++) {
        in[in.length - 16 + i] ^= k1[i];
      }
      cbcMac.doFinal(in, 0, in.length, out, 0);
      int diff = 0;
      for (int i = 0; i < 16; i++) {
        diff |= out[out.length - 16 + i] ^ mac[i];
      }
      return diff;
    };
  }

  /** Envelope seal/open against the same floor as EnvelopeBench.sealFloor. */
  private static void envelope(int size) throws Exception {
    byte[] k = new byte[32];
    new Random(3).nextBytes(k);
    PayloadProtector keys = PayloadProtector.create(k, new byte[32]);
    byte[] plaintext = new byte[size];
    new Random(4).nextBytes(plaintext);
    byte[] body =
        keys.seal(plaintext, EnvelopeOptions.DEFAULTS).body().getBytes(StandardCharsets.US_ASCII);
    SecretKeySpec aes = new SecretKeySpec(k, "AES");
    Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
    Mac hmac = Mac.getInstance("HmacSHA256");
    hmac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
    SecureRandom random = new SecureRandom();
    // seal signs too (HMAC-SHA256 over the body), as the floor does.
    measure("seal " + size, () -> keys.seal(plaintext, EnvelopeOptions.DEFAULTS), 200);
    measure("open " + size, () -> keys.openUnauthenticated(body, EnvelopeOptions.DEFAULTS), 200);
    measure(
        "sealFloor " + size,
        () -> {
          byte[] iv = new byte[16];
          random.nextBytes(iv);
          cipher.init(Cipher.ENCRYPT_MODE, aes, new IvParameterSpec(iv));
          String hex = HexFormat.of().withUpperCase().formatHex(cipher.doFinal(plaintext));
          sink = HexFormat.of().withUpperCase().formatHex(iv);
          sink = hmac.doFinal(hex.getBytes(StandardCharsets.US_ASCII));
          return hex;
        },
        200);
  }

  /** Each thread runs {@code n} operations (enough for about half a second). */
  private static void threads(String name, int n, Supplier<Op> perThread) throws Exception {
    Op warm = perThread.get();
    for (int w = 0; w < 5; w++) {
      for (int i = 0; i < 100_000; i++) {
        sink = warm.run();
      }
    }
    double single = 0;
    for (int threads = 1; threads <= 2; threads++) {
      double[] cpu = new double[threads];
      Thread[] ts = new Thread[threads];
      long w0 = System.nanoTime();
      for (int t = 0; t < threads; t++) {
        int ti = t;
        Op op = perThread.get();
        ts[t] =
            new Thread(
                () -> {
                  long c0 = MX.getCurrentThreadCpuTime();
                  try {
                    for (int i = 0; i < n; i++) {
                      sink = op.run();
                    }
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                  cpu[ti] = (MX.getCurrentThreadCpuTime() - c0) / (double) n;
                });
        ts[t].start();
      }
      for (Thread t : ts) {
        t.join();
      }
      double throughput = threads * n / ((System.nanoTime() - w0) / 1e9);
      if (threads == 1) {
        single = throughput;
      }
      System.out.printf(
          "%s %d thread(s): CPU ns/op per thread %s, %.0f ops/s wall (x%.2f)%n",
          name,
          threads,
          Arrays.toString(Arrays.stream(cpu).mapToLong(Math::round).toArray()),
          throughput,
          throughput / single);
    }
  }
}
