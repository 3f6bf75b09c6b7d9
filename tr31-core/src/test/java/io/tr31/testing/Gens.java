/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.testing;

import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/** Shared QuickTheories generators. */
public final class Gens {
  private Gens() {}

  /** Byte arrays of length {@code min..max} inclusive, shrinking towards short and zero. */
  public static Gen<byte[]> bytes(int min, int max) {
    return in -> {
      int n = (int) in.next(Constraint.between(min, max));
      byte[] b = new byte[n];
      for (int i = 0; i < n; i++) {
        b[i] = (byte) in.next(Constraint.between(0, 255).withShrinkPoint(0));
      }
      return b;
    };
  }

  /** Byte arrays of exactly {@code n} bytes. */
  public static Gen<byte[]> bytes(int n) {
    return bytes(n, n);
  }
}
