/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.testing;

import io.tr31.Profile;
import io.tr31.Tr31Exception;
import io.tr31.keyblock.KeyAlgorithm;
import io.tr31.keyblock.KeyBlock;
import io.tr31.keyblock.KeyBlockHeader;
import io.tr31.keyblock.KeyBlockProtectionKey;
import io.tr31.keyblock.UnwrappedKey;
import io.tr31.keyblock.WrapOptions;
import java.security.SecureRandom;

/**
 * Test shorthands over the public KBPK factories: a KBPK by algorithm (as tests loop over
 * algorithms), and the one-shot wrap and unwrap the CLI does (a KBPK prepared for the block's
 * version, closed before returning).
 */
public final class Kbpks {
  private Kbpks() {}

  /** {@link KeyBlockProtectionKey#aes} or {@link KeyBlockProtectionKey#tdes} by algorithm. */
  public static KeyBlockProtectionKey prepare(KeyAlgorithm algorithm, byte[] key)
      throws Tr31Exception {
    switch (algorithm) {
      case AES:
        return KeyBlockProtectionKey.aes(key);
      case TDES:
        return KeyBlockProtectionKey.tdes(key);
      default:
        throw new IllegalArgumentException("a KBPK is AES or TDES, not " + algorithm);
    }
  }

  /** Options whose padding comes from {@code random} (deterministic vectors). */
  public static WrapOptions padding(SecureRandom random) {
    return WrapOptions.builder().paddingSource(random).build();
  }

  /** One-shot unwrap: a KBPK prepared for the block's version, closed before returning. */
  public static UnwrappedKey unwrap(byte[] kbpk, CharSequence keyBlock, Profile profile)
      throws Tr31Exception {
    KeyBlock parsed = KeyBlock.parse(keyBlock, profile);
    try (KeyBlockProtectionKey k =
        KeyBlockProtectionKey.forVersion(parsed.header().version(), kbpk, profile)) {
      return k.unwrap(keyBlock, profile);
    }
  }

  /** One-shot wrap: a KBPK prepared for the header's version, closed before returning. */
  public static String wrap(byte[] kbpk, KeyBlockHeader header, byte[] key, WrapOptions options)
      throws Tr31Exception {
    try (KeyBlockProtectionKey k =
        KeyBlockProtectionKey.forVersion(header.version(), kbpk, Profile.STRICT)) {
      return k.wrap(header, key, options);
    }
  }
}
