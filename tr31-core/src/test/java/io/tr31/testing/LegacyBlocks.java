/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.testing;

import io.tr31.keyblock.KeyBlockHeader;
import io.tr31.keyblock.KeyBlockProtectionKey;
import io.tr31.Profile;
import io.tr31.Tr31Exception;
import io.tr31.keyblock.WrapOptions;
import io.tr31.keyblock.KeyAlgorithm;
import io.tr31.internal.Hex;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Deterministic batches of TDES key blocks (versions A, B, C) built by our own wrap, for migration
 * tests: the same seed always gives the same keys and blocks.
 */
public final class LegacyBlocks {
  /**
   * A 3-key TDES KBPK made up for these tests: 3-key, so that X9.24-1 lets it protect 3-key keys
   * too.
   */
  public static final String TDES_KBPK = "89E88CF7931444F334BD7547FC3F380C0123456789ABCDEF";

  /** An AES-256 KBPK (TR-31:2018 A.7.4's, a published fact). */
  public static final String AES_KBPK =
      "88E1AB2A2E3DD38C1FA039A536500CC8A87AB9D62DC92C01058FA79F44657DE6";

  private static final String[] TEMPLATES = {
    "A0000P0TE00E0000",
    "B0000D0TB01E0000",
    "C0000K0TB00S0000",
    "B0000M3TC02E0000",
    "A0000B0TX00E0000",
    "C0000M1TC00E0000",
    "B0000V2TN00S0000"
  };

  /** One generated block and the key inside it (hex). */
  public record Block(String keyBlock, String keyHex) {}

  private LegacyBlocks() {}

  /** {@code n} blocks cycling through A, B and C headers, 2-key and 3-key TDES keys. */
  public static List<Block> generate(int n, long seed) throws Tr31Exception {
    SecureRandom random = FixedRandom.seeded(seed);
    KeyBlockProtectionKey kbpk =
        KeyBlockProtectionKey.tdes(Hex.decode(TDES_KBPK));
    WrapOptions legacy =
        WrapOptions.builder()
            .allowDeprecatedVersions()
            .paddingSource(FixedRandom.seeded(seed + 1))
            .build();
    try {
      List<Block> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        byte[] key = new byte[random.nextBoolean() ? 16 : 24];
        random.nextBytes(key);
        KeyBlockHeader h = KeyBlockHeader.parse(TEMPLATES[i % TEMPLATES.length], Profile.STRICT);
        out.add(new Block(kbpk.wrap(h, key, legacy), Hex.encode(key)));
      }
      return out;
    } finally {
      kbpk.destroy();
    }
  }
}
