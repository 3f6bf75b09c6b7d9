/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.testing;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * A "random" source that returns the given bytes, then zeros: injects known padding so that wrap
 * can be compared byte for byte with a published key block. Test use only.
 */
public final class FixedRandom extends SecureRandom {
  private static final long serialVersionUID = 1L;

  private final byte[] bytes;
  private int next;

  public FixedRandom(byte[] bytes) {
    this.bytes = bytes.clone();
  }

  @Override
  public synchronized void nextBytes(byte[] out) {
    for (int i = 0; i < out.length; i++) {
      out[i] = next < bytes.length ? bytes[next++] : 0;
    }
  }

  /**
   * A deterministic generator (SHA1PRNG seeded before first use, as OpenJDK implements it): the
   * same seed gives the same bytes, so a property that draws random fill is reproducible.
   */
  public static SecureRandom seeded(long seed) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(seed);
      return r;
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
