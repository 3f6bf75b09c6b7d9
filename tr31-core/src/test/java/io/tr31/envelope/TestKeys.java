/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Fixed test keys and a deterministic {@link SecureRandom} (SHA1PRNG seeded before first use). */
final class TestKeys {
  static final byte[] MSK = bytes(32, 0x10);
  static final byte[] MAC = bytes(32, 0x40);

  private TestKeys() {}

  static byte[] bytes(int n, int start) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (start + i);
    }
    return b;
  }

  static SecureRandom seeded(long seed) {
    try {
      SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
      r.setSeed(seed);
      return r;
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static EnvelopeKey msk() {
    return EnvelopeKey.prepare(MSK, seeded(1));
  }

  static MacKey mac() {
    return MacKey.prepare(MAC);
  }
}
