/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import io.tr31.Tr31FormatException;
import io.tr31.Tr31VerificationException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/** Fixed test keys and a deterministic {@link SecureRandom} (SHA1PRNG seeded before first use). */
final class TestKeys {
  static final byte[] MSK = bytes(32, 0x10);
  static final byte[] MAC = bytes(32, 0x40);

  /** A gzip inner payload, single format. */
  static final EnvelopeOptions GZIP = EnvelopeOptions.builder().gzip().build();

  private TestKeys() {}

  static byte[] bytes(int n, int start) {
    return io.tr31.testing.Gens.counting(n, start);
  }

  static SecureRandom seeded(long seed) {
    return io.tr31.testing.FixedRandom.seeded(seed);
  }

  /** The test MSK and MAC key, IVs from {@code seeded(1)}. */
  static PayloadProtector keys() {
    return PayloadProtector.create(MSK, MAC, seeded(1));
  }

  static EnvelopeOptions chunked(int chunkSizeBytes) {
    return EnvelopeOptions.builder().chunked(chunkSizeBytes).build();
  }

  static EnvelopeOptions chunkedGzip(int chunkSizeBytes) {
    return EnvelopeOptions.builder().gzip().chunked(chunkSizeBytes).build();
  }

  /** The unauthenticated open of a body held as text (UTF-8), with the defaults. */
  static byte[] openUnauthenticated(PayloadProtector keys, String body)
      throws Tr31FormatException, Tr31VerificationException {
    return keys.openUnauthenticated(
        body.getBytes(StandardCharsets.UTF_8), EnvelopeOptions.DEFAULTS);
  }

  /** The unauthenticated open of a body, with the defaults. */
  static byte[] openUnauthenticated(PayloadProtector keys, byte[] body)
      throws Tr31FormatException, Tr31VerificationException {
    return keys.openUnauthenticated(body, EnvelopeOptions.DEFAULTS);
  }
}
