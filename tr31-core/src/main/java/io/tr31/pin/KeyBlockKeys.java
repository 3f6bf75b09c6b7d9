/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.pin;

import io.tr31.ErrorCode;
import io.tr31.Tr31Exception;
import io.tr31.Tr31FormatException;
import io.tr31.Tr31PolicyException;
import io.tr31.internal.BlockCipher;
import io.tr31.internal.Bytes;
import io.tr31.internal.TdesKeys;
import io.tr31.keyblock.KeyAlgorithm;
import io.tr31.keyblock.KeyBlockHeader;
import io.tr31.keyblock.KeyUsage;
import io.tr31.keyblock.ModeOfUse;
import io.tr31.keyblock.UnwrappedKey;

/**
 * The one place where this package reads a key from a key block: the header is enforced here (usage
 * {@code P0}; mode {@code E}, {@code D} or {@code B}; algorithm {@code T} or {@code A}), the key
 * bytes are copied once into a prepared cipher and the copy wiped. Every refusal happens before
 * any PIN is seen.
 */
final class KeyBlockKeys {
  /** What a checked key may do, and its prepared cipher (owned by the caller). */
  static final class Checked {
    final BlockCipher cipher;
    final boolean mayEncipher;
    final boolean mayDecipher;

    private Checked(BlockCipher cipher, boolean mayEncipher, boolean mayDecipher) {
      this.cipher = cipher;
      this.mayEncipher = mayEncipher;
      this.mayDecipher = mayDecipher;
    }
  }

  private KeyBlockKeys() {}

  /**
   * Checks {@code key}'s authenticated header and prepares its cipher.
   *
   * @throws Tr31PolicyException {@link ErrorCode#PIN_KEY_USAGE}, {@link ErrorCode#PIN_KEY_MODE},
   *     {@link ErrorCode#PIN_KEY_ALGORITHM}, {@link ErrorCode#DEGENERATE_TDES_KEY}
   * @throws Tr31FormatException {@link ErrorCode#INVALID_KEY_LENGTH} for a length the algorithm
   *     does not allow (only a lenient unwrap lets one through)
   */
  static Checked check(UnwrappedKey key) throws Tr31Exception {
    KeyBlockHeader h = key.header();
    if (h.keyUsage() != KeyUsage.PIN_ENCRYPTION) {
      throw new Tr31PolicyException(ErrorCode.PIN_KEY_USAGE, "usage " + h.keyUsageCode());
    }
    ModeOfUse mode = h.modeOfUse();
    boolean both = mode == ModeOfUse.ENCRYPT_DECRYPT;
    boolean encipher = both || mode == ModeOfUse.ENCRYPT_ONLY;
    boolean decipher = both || mode == ModeOfUse.DECRYPT_ONLY;
    if (!encipher && !decipher) {
      throw new Tr31PolicyException(ErrorCode.PIN_KEY_MODE, "mode " + h.modeOfUseCode());
    }
    BlockCipher.Algorithm algorithm;
    if (h.algorithm() == KeyAlgorithm.AES) {
      algorithm = BlockCipher.Algorithm.AES;
    } else if (h.algorithm() == KeyAlgorithm.TDES) {
      algorithm = BlockCipher.Algorithm.TDES;
    } else {
      throw new Tr31PolicyException(ErrorCode.PIN_KEY_ALGORITHM, "algorithm " + h.algorithm());
    }
    if (!algorithm.permitsKeyLengthBytes(key.keyLengthBytes())) {
      throw new Tr31FormatException(ErrorCode.INVALID_KEY_LENGTH, -1);
    }
    byte[] bytes = key.keyBytes();
    try {
      if (algorithm == BlockCipher.Algorithm.TDES && TdesKeys.isDegenerate(bytes)) {
        throw new Tr31PolicyException(ErrorCode.DEGENERATE_TDES_KEY, null);
      }
      return new Checked(BlockCipher.of(algorithm, bytes), encipher, decipher);
    } finally {
      Bytes.wipe(bytes);
    }
  }
}
