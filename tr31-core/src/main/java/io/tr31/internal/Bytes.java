/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

/**
 * Small helpers for secret byte arrays. Comparisons of MACs and KCVs use {@link
 * java.security.MessageDigest#isEqual} directly (constant time for equal lengths).
 *
 * <p>Only for zeroing temporaries that nothing reads afterwards (best effort on the JVM: the
 * garbage collector may have copied them). A zeroing whose result is observable, such as clearing a
 * caller's output buffer on failure, is written out where it happens.
 */
public final class Bytes {
  private Bytes() {}

  /**
   * The source of every wipe: {@code System.arraycopy} from zeros is an intrinsic that stores whole
   * vectors at any length, where {@code Arrays.fill} on JDK 17 (no {@code OptimizeFill} on x86)
   * writes a short range byte by byte: 64 bytes took several times as long. Never written.
   */
  private static final byte[] ZEROS = new byte[1024];

  /** Overwrites every given array with zeros; {@code null} entries are skipped. */
  public static void wipe(byte[]... arrays) {
    for (byte[] a : arrays) {
      if (a != null) {
        wipe(a, 0, a.length);
      }
    }
  }

  /** Overwrites every array of {@code arrays} with zeros; {@code null} entries are skipped. */
  public static void wipeAll(Iterable<byte[]> arrays) {
    for (byte[] a : arrays) {
      wipe(a);
    }
  }

  /** Overwrites {@code a[from..to)} with zeros. */
  public static void wipe(byte[] a, int from, int to) {
    if (from < 0 || from > to || to > a.length) {
      throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") of " + a.length);
    }
    for (int i = from; i < to; ) {
      int k = Math.min(ZEROS.length, to - i); // no "i += ZEROS.length": that could overflow
      System.arraycopy(ZEROS, 0, a, i, k);
      i += k;
    }
  }
}
