/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import io.tr31.Tr31Exception;
import io.tr31.internal.BlockCipher;
import io.tr31.keyblock.KcvMethod;
import io.tr31.keyblock.KeyAlgorithm;
import io.tr31.keyblock.KeyCheckValue;
import java.util.Objects;

/**
 * The key check value the seed defines for every key of the set: "encrypt a block of zeros and
 * compare the first 3 bytes", i.e. {@link KcvMethod#LEGACY} with AES, 3 bytes (ANSI X9.24-1:2017
 * A.2 applied to AES; X9.24-1 itself specifies CMAC for AES keys).
 *
 * <p>The MAC key is an HMAC key, for which X9.24-1 defines no KCV. The seed still gives it one; we
 * read the seed literally: its 32 bytes are used as an AES-256 key and one zero block is encrypted
 * under it. This identifies the key as well as any 3-byte KCV does, and is labelled as the seed's
 * definition wherever it is shown.
 *
 * <h2>Security</h2>
 *
 * Stateless and thread-safe. A 3-byte KCV is public and identifies a key; it is not an integrity
 * check (one key in 2^24 shares it) and says nothing an attacker could use to recover the key.
 * Comparison is constant time ({@link KeyCheckValue#matches(KeyAlgorithm, byte[])} uses {@link
 * java.security.MessageDigest#isEqual}).
 *
 * @since 0.1.0
 */
public final class KeySetKcv {
  /** The method: encrypt one zero block ({@link KcvMethod#LEGACY}). */
  public static final KcvMethod METHOD = KcvMethod.LEGACY;

  /** The cipher the seed's KCV uses for every slot, the MAC key included. */
  public static final KeyAlgorithm CIPHER = KeyAlgorithm.AES;

  /** The number of KCV bytes (6 hex digits). */
  public static final int LENGTH_BYTES = 3;

  private KeySetKcv() {}

  /**
   * Computes the seed's KCV of a 32-byte key of any slot.
   *
   * @param key the key, {@link Slot#KEY_BYTES} bytes (only read); not {@code null}
   * @return the 3-byte {@link KcvMethod#LEGACY} check value under AES
   * @throws NullPointerException if {@code key} is {@code null}
   * @throws IllegalArgumentException if the key is not 32 bytes
   */
  public static KeyCheckValue compute(byte[] key) {
    Objects.requireNonNull(key, "key");
    if (key.length != Slot.KEY_BYTES) {
      throw new IllegalArgumentException("key set keys have 32 bytes");
    }
    try {
      return KeyCheckValue.compute(CIPHER, key, METHOD, LENGTH_BYTES);
    } catch (Tr31Exception e) {
      throw new IllegalStateException("AES-256 always has a legacy KCV", e);
    }
  }

  /**
   * Whether {@code key} has {@code expected} (constant-time comparison).
   *
   * @param expected the KCV the key set states; not {@code null}
   * @param key the candidate key (only read); not {@code null}
   * @return {@code true} if {@code expected} is a 3-byte legacy KCV and equals the key's; {@code
   *     false} otherwise, also for a key that is not 16, 24 or 32 bytes
   * @throws NullPointerException if an argument is {@code null}
   */
  static boolean matches(KeyCheckValue expected, byte[] key) {
    Objects.requireNonNull(expected, "expected");
    Objects.requireNonNull(key, "key");
    if (expected.method() != METHOD || expected.hex().length() != 2 * LENGTH_BYTES) {
      return false;
    }
    try {
      return expected.matches(CIPHER, key);
    } catch (Tr31Exception e) {
      return false; // not a 32-byte key: cannot match
    }
  }

  /**
   * The whole AES-256 encryption of one zero block under {@code key} (16 bytes, of which the KCV is
   * the first 3): equal for equal keys and, for different keys, equal with probability 2^-128. The
   * issuer and installer keep this instead of a clear copy of the ZMK, to refuse a set key equal to
   * it; compared with {@link java.security.MessageDigest#isEqual}. The caller wipes it.
   */
  static byte[] fingerprint(byte[] key) {
    BlockCipher aes = BlockCipher.aes(key);
    try {
      byte[] block = new byte[aes.blockSizeBytes()];
      aes.encryptEcb(block, 0, block.length, block, 0);
      return block;
    } finally {
      aes.destroy();
    }
  }

  /** A KCV of this method from its 3 bytes. */
  static KeyCheckValue of(byte[] bytes) {
    return KeyCheckValue.of(METHOD, bytes);
  }
}
