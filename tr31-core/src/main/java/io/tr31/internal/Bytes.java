/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import java.util.Arrays;

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

  /** Overwrites every given array with zeros; {@code null} entries are skipped. */
  public static void wipe(byte[]... arrays) {
    for (byte[] a : arrays) {
      if (a != null) {
        Arrays.fill(a, (byte) 0);
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
    Arrays.fill(a, from, to, (byte) 0);
  }
}
