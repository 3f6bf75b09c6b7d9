/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * Searches a dump of the whole heap (unreachable objects included) for a secret, without the
 * secret itself being in the heap when it is dumped: the caller keeps it only masked ({@link
 * #mask}), wipes every copy it made, and then asks {@link #holds}. A find is a copy the code under
 * test left behind (review of session 5). A miss proves little: the garbage collector may have
 * reused the memory before the dump.
 */
public final class HeapSearch {
  private final byte[] masked;
  private final byte[] mask;

  private HeapSearch(byte[] masked, byte[] mask) {
    this.masked = masked;
    this.mask = mask;
  }

  /** Keeps {@code secret[off..off+len)} masked with fresh random bytes (the caller wipes it). */
  public static HeapSearch mask(byte[] secret, int off, int len) {
    byte[] mask = new byte[len];
    new SecureRandom().nextBytes(mask);
    byte[] masked = new byte[len];
    for (int i = 0; i < len; i++) {
      masked[i] = (byte) (secret[off + i] ^ mask[i]);
    }
    return new HeapSearch(masked, mask);
  }

  /** How many times a heap dump taken now contains the secret. */
  public int holds() throws IOException {
    Path dir = Files.createTempDirectory("tr31-heap");
    Path dump = dir.resolve("heap.hprof");
    try {
      dumpHeap(dump.toString());
      return count(dump);
    } finally {
      Files.deleteIfExists(dump);
      Files.deleteIfExists(dir);
    }
  }

  /**
   * HotSpotDiagnosticMXBean.dumpHeap(file, false: unreachable objects too), by reflection: the
   * tests compile inside the module io.tr31, which does not read java.management.
   */
  private static void dumpHeap(String file) throws IOException {
    try {
      Class<?> bean = Class.forName("com.sun.management.HotSpotDiagnosticMXBean");
      Object mx =
          Class.forName("java.lang.management.ManagementFactory")
              .getMethod("getPlatformMXBean", Class.class)
              .invoke(null, bean);
      bean.getMethod("dumpHeap", String.class, boolean.class).invoke(mx, file, false);
    } catch (ReflectiveOperationException e) {
      throw new IOException("cannot dump the heap", e);
    }
  }

  private int count(Path dump) throws IOException {
    int n = masked.length;
    byte[] buf = new byte[1 << 20];
    int have = 0;
    int found = 0;
    try (InputStream in = Files.newInputStream(dump)) {
      for (int r; (r = in.read(buf, have, buf.length - have)) > 0; ) {
        have += r;
        int last = have - n;
        for (int i = 0; i <= last; i++) {
          if ((byte) (buf[i] ^ mask[0]) == masked[0] && at(buf, i)) {
            found++;
          }
        }
        int keep = Math.min(have, n - 1);
        System.arraycopy(buf, have - keep, buf, 0, keep);
        have = keep;
      }
    }
    java.util.Arrays.fill(buf, (byte) 0);
    return found;
  }

  private boolean at(byte[] buf, int i) {
    for (int j = 1; j < masked.length; j++) {
      if ((byte) (buf[i + j] ^ mask[j]) != masked[j]) {
        return false;
      }
    }
    return true;
  }
}
