/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.Profile;
import io.tr31.Tr31Exception;


import io.tr31.internal.Hex;
import io.tr31.internal.KeyDerivationBinding;

/**
 * Key blocks the library refuses to write, built for tests by calling the writer without its
 * strength rule: what another implementation (or a forger holding the KBPK) could produce.
 */
public final class ForgedBlocks {
  /** A 2-key TDES KBPK (80-bit strength): TR-31:2018 A.7.2.1's. */
  public static final String TDES2_KBPK = "89E88CF7931444F334BD7547FC3F380C";

  /** A 3-key TDES key (112-bit strength) made up for these tests; K1, K2 and K3 all differ. */
  public static final String TDES3_KEY = "0123456789ABCDEFFEDCBA98765432100F1E2D3C4B5A6978";

  private ForgedBlocks() {}

  /**
   * {@code key} in a version D block under the AES {@code kbpk} even when it is the KBPK itself,
   * which wrap refuses ({@code KEY_IS_KBPK}): what a faulty peer could send, for the defences
   * behind wrap (the key set installer's key separation).
   */
  public static String aesBlockEvenOfTheKbpk(
      byte[] kbpk, KeyBlockHeader header, byte[] key, WrapOptions options) throws Tr31Exception {
    return withoutKbpkChecks(
        KeyDerivationBinding.versionD(kbpk), KeyAlgorithm.AES, kbpk, header, key, options);
  }

  /**
   * {@code key} in a version B block under the TDES {@code kbpk} even when it is the KBPK itself
   * (which wrap refuses with {@code KEY_IS_KBPK}) or the KBPK is degenerate (K1 = K2, which wrap
   * refuses with {@code DEGENERATE_TDES_KBPK}): legacy blocks other tools can write.
   */
  public static String tdesBlockEvenOfTheKbpk(byte[] kbpk, KeyBlockHeader header, byte[] key)
      throws Tr31Exception {
    return withoutKbpkChecks(
        KeyDerivationBinding.versionB(kbpk),
        KeyAlgorithm.TDES,
        kbpk,
        header,
        key,
        WrapOptions.defaults());
  }

  /** The writer without the KBPK's fingerprint and strength rules; {@code binding} destroyed. */
  private static String withoutKbpkChecks(
      KeyDerivationBinding binding,
      KeyAlgorithm kbpkAlgorithm,
      byte[] kbpk,
      KeyBlockHeader header,
      byte[] key,
      WrapOptions options)
      throws Tr31Exception {
    try {
      KbpkKeys noFingerprint =
          new KbpkKeys(
              kbpkAlgorithm,
              kbpk.length,
              256,
              false,
              null,
              new io.tr31.internal.Binding[4],
              KeyCheckValue.compute(kbpkAlgorithm, kbpk, KcvMethod.LEGACY, 3).bytes(),
              KeyCheckValue.compute(kbpkAlgorithm, kbpk, KcvMethod.CMAC, 5).bytes(),
              io.tr31.internal.KeyFingerprint.of(new byte[0], false));
      return KeyBlockWriter.write(binding, header, key, options, noFingerprint);
    } finally {
      binding.destroy();
    }
  }

  /**
   * A version B block under {@link #TDES2_KBPK} that holds {@link #TDES3_KEY} with {@code header}
   * (for example with a {@code WP} block claiming pedigree 0): issue 12, F4's source block.
   */
  public static String weakerKbpkBlock(String header) throws Tr31Exception {
    byte[] kbpk = Hex.decode(TDES2_KBPK);
    KeyDerivationBinding binding = KeyDerivationBinding.versionB(kbpk);
    try {
      KbpkKeys claimsStrong =
          new KbpkKeys(
              KeyAlgorithm.TDES,
              kbpk.length,
              112,
              false,
              null,
              new io.tr31.internal.Binding[4],
              KeyCheckValue.compute(KeyAlgorithm.TDES, kbpk, KcvMethod.LEGACY, 3).bytes(),
              KeyCheckValue.compute(KeyAlgorithm.TDES, kbpk, KcvMethod.CMAC, 5).bytes(),
              io.tr31.internal.KeyFingerprint.of(kbpk, true));
      return KeyBlockWriter.write(
          binding,
          KeyBlockHeader.parse(header, Profile.STRICT),
          Hex.decode(TDES3_KEY),
          WrapOptions.defaults(),
          claimsStrong);
    } finally {
      binding.destroy();
    }
  }
}
