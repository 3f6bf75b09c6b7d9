package io.tr31.internal;

import java.util.Arrays;

/**
 * Small helpers for secret byte arrays. Comparisons of MACs and KCVs use {@link
 * java.security.MessageDigest#isEqual} directly (constant time for equal lengths).
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
}
