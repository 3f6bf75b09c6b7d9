/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import io.tr31.ErrorCode;
import io.tr31.KeyBlockHeader;
import io.tr31.KeyBlockProtectionKey;
import io.tr31.Profile;
import io.tr31.Tr31Exception;
import io.tr31.UnwrappedKey;
import io.tr31.header.KeyUsage;
import io.tr31.header.ModeOfUse;
import io.tr31.internal.Bytes;
import java.util.Objects;

/**
 * The one unwrap path of {@link KeyBlockUnwrapper} and {@link UnwrappedProtectionKey}: liveness,
 * the set's validity window, the strict or named profile, then what may leave the set (issue 12,
 * F3): a working key as an {@link UnwrappedKey}, a key-encryption key only as an unwrap-only view.
 */
final class SetUnwrap {
  private SetUnwrap() {}

  /**
   * Unwraps a working key; refuses a key-encryption key ({@code K0}-{@code K4}) and a proprietary
   * usage, after the MAC verified and with the unwrapped key destroyed.
   */
  static UnwrappedKey workingKey(
      InstalledKeySet set, KeyBlockProtectionKey kbpk, CharSequence block, Profile profile)
      throws Tr31Exception {
    UnwrappedKey key = unwrap(set, kbpk, block, profile);
    KeyBlockHeader h = key.header();
    if (isKeyEncryptionUsage(h.keyUsage())) {
      key.destroy();
      throw new KeySetException(
          ErrorCode.KEYSET_KEY_ENCRYPTION_KEY, null, "usage " + h.keyUsageCode());
    }
    return key;
  }

  /**
   * Unwraps a symmetric key-encryption key ({@code K0}, {@code K1}, {@code K4}; mode {@code B},
   * {@code D} or {@code N}) and prepares it as an unwrap-only view; its clear bytes are wiped here.
   */
  static UnwrappedProtectionKey protectionKey(
      InstalledKeySet set, KeyBlockProtectionKey kbpk, CharSequence block, Profile profile)
      throws Tr31Exception {
    UnwrappedKey key = unwrap(set, kbpk, block, profile);
    byte[] bytes = null;
    try {
      KeyBlockHeader h = key.header();
      if (!mayUnwrapKeyBlocks(h)) {
        throw new KeySetException(
            ErrorCode.KEYSET_NOT_A_PROTECTION_KEY,
            null,
            "usage " + h.keyUsageCode() + ", mode " + h.modeOfUseCode());
      }
      bytes = key.keyBytes();
      KeyBlockProtectionKey prepared;
      try {
        prepared = KeyBlockProtectionKey.prepare(h.algorithm(), bytes);
      } catch (Tr31Exception e) {
        // The KBPK rules concern the header's algorithm and the key's length: public data.
        throw new KeySetException(ErrorCode.KEYSET_NOT_A_PROTECTION_KEY, null, e.code().name());
      }
      return new UnwrappedProtectionKey(set, h, prepared);
    } finally {
      Bytes.wipe(bytes);
      key.destroy();
    }
  }

  private static UnwrappedKey unwrap(
      InstalledKeySet set, KeyBlockProtectionKey kbpk, CharSequence block, Profile profile)
      throws Tr31Exception {
    Objects.requireNonNull(block, "keyBlock");
    Objects.requireNonNull(profile, "profile");
    // The set destroys its TMK and KEK, the caller a view: either state is checked, before the
    // window.
    if (set.isDestroyed() || kbpk.isDestroyed()) {
      throw new IllegalStateException("InstalledKeySet or unwrapper destroyed");
    }
    set.checkWindow();
    return kbpk.unwrap(block, profile);
  }

  /** X9.143:2022 Table 2: the {@code K} usages wrap keys; a proprietary one might. */
  static boolean isKeyEncryptionUsage(KeyUsage u) {
    switch (u) {
      case KEY_ENCRYPTION:
      case KEY_BLOCK_PROTECTION:
      case TR34_ASYMMETRIC:
      case ASYMMETRIC_KEY_AGREEMENT:
      case ISO20038_KEY_BLOCK_PROTECTION:
      case PROPRIETARY:
        return true;
      default:
        return false;
    }
  }

  /**
   * A symmetric key-encryption usage whose mode of use allows unwrapping (X9.143:2022 Table 4:
   * {@code B} both, {@code D} unwrap only, {@code N} no restriction; {@code E} is wrap only).
   */
  private static boolean mayUnwrapKeyBlocks(KeyBlockHeader h) {
    KeyUsage u = h.keyUsage();
    ModeOfUse m = h.modeOfUse();
    boolean usage =
        u == KeyUsage.KEY_ENCRYPTION
            || u == KeyUsage.KEY_BLOCK_PROTECTION
            || u == KeyUsage.ISO20038_KEY_BLOCK_PROTECTION;
    boolean mode =
        m == ModeOfUse.ENCRYPT_DECRYPT
            || m == ModeOfUse.DECRYPT_ONLY
            || m == ModeOfUse.NO_RESTRICTIONS;
    return usage && mode;
  }
}
