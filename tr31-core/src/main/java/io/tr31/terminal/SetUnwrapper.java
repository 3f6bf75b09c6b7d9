/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import io.tr31.ErrorCode;
import io.tr31.keyblock.KeyBlockHeader;
import io.tr31.keyblock.KeyBlockProtectionKey;
import io.tr31.Profile;
import io.tr31.Tr31Exception;
import io.tr31.Tr31PolicyException;
import io.tr31.keyblock.UnwrappedKey;
import io.tr31.keyblock.KeyUsage;
import io.tr31.keyblock.ModeOfUse;
import io.tr31.internal.Bytes;
import java.util.Objects;

/**
 * The one unwrap path of {@link KeyBlockUnwrapper} (the set's TMK and KEK) and {@link
 * UnwrappedProtectionKey} (a key-encryption key unwrapped through them): liveness, the set's
 * validity window, the strict or named profile, then what may leave the set (issue 12, F3): a
 * working key as an {@link UnwrappedKey}, a key-encryption key only as an unwrap-only view. No
 * wrap, no key bytes. Package-private: only these two types extend it.
 */
abstract class SetUnwrapper {
  private final InstalledKeySet set;
  private final KeyBlockHeader header;
  private final KeyBlockProtectionKey kbpk;

  SetUnwrapper(InstalledKeySet set, KeyBlockHeader header, KeyBlockProtectionKey kbpk) {
    this.set = set;
    this.header = header;
    this.kbpk = kbpk;
  }

  /**
   * The authenticated header of this key's block.
   *
   * @return the header
   */
  public final KeyBlockHeader header() {
    return header;
  }

  /**
   * Unwraps a working key under the {@link Profile#STRICT} profile.
   *
   * @param keyBlock the key block
   * @return the unwrapped key, which the caller owns and closes
   * @throws Tr31PolicyException the set is outside its validity window, or the block holds a
   *     key-encryption key ({@link ErrorCode#KEYSET_KEY_ENCRYPTION_KEY}: use {@link
   *     #unwrapProtectionKey})
   * @throws Tr31Exception as {@link KeyBlockProtectionKey#unwrap(CharSequence, Profile)}
   * @throws IllegalStateException the set (or this view) was destroyed
   */
  public final UnwrappedKey unwrap(CharSequence keyBlock) throws Tr31Exception {
    return unwrap(keyBlock, Profile.STRICT);
  }

  /**
   * Unwraps a working key under {@code profile}; refuses a key-encryption key ({@code K0}-{@code
   * K4}) and a proprietary usage after the MAC verified, with the unwrapped key destroyed.
   *
   * @param keyBlock the key block
   * @param profile the profile
   * @return the unwrapped key, which the caller owns and closes
   * @throws Tr31PolicyException the set is outside its validity window, or the block holds a
   *     key-encryption key ({@link ErrorCode#KEYSET_KEY_ENCRYPTION_KEY}: use {@link
   *     #unwrapProtectionKey})
   * @throws Tr31Exception as {@link KeyBlockProtectionKey#unwrap(CharSequence, Profile)}
   * @throws IllegalStateException the set (or this view) was destroyed
   */
  public final UnwrappedKey unwrap(CharSequence keyBlock, Profile profile) throws Tr31Exception {
    UnwrappedKey key = unwrapAny(keyBlock, profile);
    KeyBlockHeader h = key.header();
    if (isKeyEncryptionUsage(h.keyUsage())) {
      key.destroy();
      throw new Tr31PolicyException(
          ErrorCode.KEYSET_KEY_ENCRYPTION_KEY, "usage " + h.keyUsageCode());
    }
    return key;
  }

  /**
   * Unwraps a key-encryption key (a new KEK under the TMK, for example) under the {@link
   * Profile#STRICT} profile, as an unwrap-only view: never its bytes.
   *
   * @param keyBlock the key block: usage {@code K0}, {@code K1} or {@code K4}, mode {@code B},
   *     {@code D} or {@code N}
   * @return the view, which the caller owns and closes
   * @throws Tr31PolicyException the set is outside its validity window, or the block is not a key that
   *     may unwrap key blocks ({@link ErrorCode#KEYSET_NOT_A_PROTECTION_KEY})
   * @throws Tr31Exception as {@link KeyBlockProtectionKey#unwrap(CharSequence, Profile)}
   * @throws IllegalStateException the set (or this view) was destroyed
   */
  public final UnwrappedProtectionKey unwrapProtectionKey(CharSequence keyBlock)
      throws Tr31Exception {
    return unwrapProtectionKey(keyBlock, Profile.STRICT);
  }

  /**
   * Unwraps a key-encryption key under {@code profile}, as an unwrap-only view; the clear key is
   * wiped as soon as it is prepared.
   *
   * @param keyBlock the key block: usage {@code K0}, {@code K1} or {@code K4}, mode {@code B},
   *     {@code D} or {@code N}
   * @param profile the profile
   * @return the view, which the caller owns and closes
   * @throws Tr31PolicyException the set is outside its validity window, or the block is not a key that
   *     may unwrap key blocks ({@link ErrorCode#KEYSET_NOT_A_PROTECTION_KEY})
   * @throws Tr31Exception as {@link KeyBlockProtectionKey#unwrap(CharSequence, Profile)}
   * @throws IllegalStateException the set (or this view) was destroyed
   */
  public final UnwrappedProtectionKey unwrapProtectionKey(CharSequence keyBlock, Profile profile)
      throws Tr31Exception {
    UnwrappedKey key = unwrapAny(keyBlock, profile);
    byte[] bytes = null;
    try {
      KeyBlockHeader h = key.header();
      if (!mayUnwrapKeyBlocks(h)) {
        throw new Tr31PolicyException(
            ErrorCode.KEYSET_NOT_A_PROTECTION_KEY,
            "usage " + h.keyUsageCode() + ", mode " + h.modeOfUseCode());
      }
      bytes = key.keyBytes();
      KeyBlockProtectionKey prepared;
      try {
        prepared = KeyBlockProtectionKey.prepare(h.algorithm(), bytes);
      } catch (Tr31Exception e) {
        // The KBPK rules concern the header's algorithm and the key's length: public data.
        throw new Tr31PolicyException(ErrorCode.KEYSET_NOT_A_PROTECTION_KEY, e.code().name());
      }
      return new UnwrappedProtectionKey(set, h, prepared);
    } finally {
      Bytes.wipe(bytes);
      key.destroy();
    }
  }

  /** Whether this view's own key was destroyed (the set's TMK and KEK: with the set). */
  final boolean keyDestroyed() {
    return kbpk.isDestroyed();
  }

  /** Destroys this view's key: only for a view the caller owns. */
  final void destroyKey() {
    kbpk.destroy();
  }

  private UnwrappedKey unwrapAny(CharSequence keyBlock, Profile profile) throws Tr31Exception {
    Objects.requireNonNull(keyBlock, "keyBlock");
    Objects.requireNonNull(profile, "profile");
    // The set destroys its TMK and KEK, the caller its views: both states, before the window.
    if (set.isDestroyed() || kbpk.isDestroyed()) {
      throw new IllegalStateException("InstalledKeySet destroyed");
    }
    set.checkWindow();
    return kbpk.unwrap(keyBlock, profile);
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
