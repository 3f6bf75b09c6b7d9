/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import io.tr31.KeyBlockHeader;
import io.tr31.KeyBlockProtectionKey;
import io.tr31.Profile;
import io.tr31.Tr31Exception;
import io.tr31.UnwrappedKey;

/**
 * The TMK or KEK of an {@link InstalledKeySet}, with exactly the authority its authenticated header
 * grants: unwrapping key blocks. Both headers say mode of use {@code D} (decrypt / unwrap only,
 * ANSI X9.143:2022 6.2, Table 4) and exportability {@code N}, so this type has no {@code wrap} and
 * never hands out the key.
 *
 * <pre>{@code
 * try (UnwrappedKey tdk = keys.kek().unwrap(newTdkBlock)) {   // strict profile
 *   ...
 * }
 * try (UnwrappedProtectionKey newKek = keys.tmk().unwrapProtectionKey(newKekBlock)) {
 *   ...                                                       // unwrap only, like kek()
 * }
 * }</pre>
 *
 * <h2>Security</h2>
 *
 * <ul>
 *   <li>No wrap, no key bytes, no destroy: the key stays inside its set, and only the set's {@link
 *       InstalledKeySet#destroy()} destroys it (zeroing is best effort on the JVM).
 *   <li>Every {@code unwrap} first checks that the set is not destroyed ({@link
 *       IllegalStateException}) and that its clock is inside the set's validity window ({@link
 *       KeySetException} {@link io.tr31.ErrorCode#KEYSET_EXPIRED} or {@link
 *       io.tr31.ErrorCode#KEYSET_NOT_YET_VALID}), so a reference kept past {@code expires_at}
 *       unwraps nothing.
 *   <li>No key-encryption key leaves as bytes (issue 12, F3): {@link #unwrap} refuses a block of
 *       usage {@code K0}-{@code K4} (or a proprietary usage) with {@link
 *       io.tr31.ErrorCode#KEYSET_KEY_ENCRYPTION_KEY} after its MAC verified, the unwrapped key
 *       destroyed; {@link #unwrapProtectionKey} unwraps a {@code K0}, {@code K1} or {@code K4} key
 *       whose mode allows unwrapping as an {@link UnwrappedProtectionKey}, unwrap only like this
 *       one. Otherwise a terminal could take a new KEK's bytes, wrap a key of its choosing under it
 *       and have it accepted as authentic.
 *   <li>The unwrapped key belongs to the caller (close it). Its header is authenticated; the caller
 *       must honour it. This type does not check that the key fits the hierarchy (for example that
 *       a block under the TMK is a {@code K1} KEK).
 *   <li>Immutable and thread-safe. {@link #toString()} names the slot only.
 * </ul>
 *
 * @since 0.1.0
 */
public final class KeyBlockUnwrapper {
  private final InstalledKeySet set;
  private final Slot slot;
  private final KeyBlockProtectionKey kbpk;

  KeyBlockUnwrapper(InstalledKeySet set, Slot slot, KeyBlockProtectionKey kbpk) {
    this.set = set;
    this.slot = slot;
    this.kbpk = kbpk;
  }

  /** The slot this key was installed in: {@link Slot#TMK} or {@link Slot#KEK}. */
  public Slot slot() {
    return slot;
  }

  /** The authenticated header of this key's block ({@code K1 A D}, exportability {@code N}). */
  public KeyBlockHeader header() {
    return set.header(slot);
  }

  /**
   * Unwraps a working key under the {@link Profile#STRICT} profile.
   *
   * @param keyBlock the key block
   * @return the unwrapped key, which the caller owns and closes
   * @throws KeySetException the set is outside its validity window, or the block holds a
   *     key-encryption key ({@link io.tr31.ErrorCode#KEYSET_KEY_ENCRYPTION_KEY}: use {@link
   *     #unwrapProtectionKey})
   * @throws Tr31Exception as {@link KeyBlockProtectionKey#unwrap(CharSequence, Profile)}
   * @throws IllegalStateException the set was destroyed
   */
  public UnwrappedKey unwrap(CharSequence keyBlock) throws Tr31Exception {
    return SetUnwrap.workingKey(set, kbpk, keyBlock, Profile.STRICT);
  }

  /**
   * Unwraps a working key under {@code profile}.
   *
   * @param keyBlock the key block
   * @param profile the profile
   * @return the unwrapped key, which the caller owns and closes
   * @throws KeySetException the set is outside its validity window, or the block holds a
   *     key-encryption key ({@link io.tr31.ErrorCode#KEYSET_KEY_ENCRYPTION_KEY}: use {@link
   *     #unwrapProtectionKey})
   * @throws Tr31Exception as {@link KeyBlockProtectionKey#unwrap(CharSequence, Profile)}
   * @throws IllegalStateException the set was destroyed
   */
  public UnwrappedKey unwrap(CharSequence keyBlock, Profile profile) throws Tr31Exception {
    return SetUnwrap.workingKey(set, kbpk, keyBlock, profile);
  }

  /**
   * Unwraps a key-encryption key (a new KEK under the TMK, for example) under the {@link
   * Profile#STRICT} profile, as an unwrap-only view: never its bytes.
   *
   * @param keyBlock the key block: usage {@code K0}, {@code K1} or {@code K4}, mode {@code B},
   *     {@code D} or {@code N}
   * @return the view, which the caller owns and closes
   * @throws KeySetException the set is outside its validity window, or the block is not a key that
   *     may unwrap key blocks ({@link io.tr31.ErrorCode#KEYSET_NOT_A_PROTECTION_KEY})
   * @throws Tr31Exception as {@link KeyBlockProtectionKey#unwrap(CharSequence, Profile)}
   * @throws IllegalStateException the set was destroyed
   */
  public UnwrappedProtectionKey unwrapProtectionKey(CharSequence keyBlock) throws Tr31Exception {
    return SetUnwrap.protectionKey(set, kbpk, keyBlock, Profile.STRICT);
  }

  /**
   * Unwraps a key-encryption key under {@code profile}, as an unwrap-only view.
   *
   * @param keyBlock the key block: usage {@code K0}, {@code K1} or {@code K4}, mode {@code B},
   *     {@code D} or {@code N}
   * @param profile the profile
   * @return the view, which the caller owns and closes
   * @throws KeySetException the set is outside its validity window, or the block is not a key that
   *     may unwrap key blocks ({@link io.tr31.ErrorCode#KEYSET_NOT_A_PROTECTION_KEY})
   * @throws Tr31Exception as {@link KeyBlockProtectionKey#unwrap(CharSequence, Profile)}
   * @throws IllegalStateException the set was destroyed
   */
  public UnwrappedProtectionKey unwrapProtectionKey(CharSequence keyBlock, Profile profile)
      throws Tr31Exception {
    return SetUnwrap.protectionKey(set, kbpk, keyBlock, profile);
  }

  @Override
  public String toString() {
    return "KeyBlockUnwrapper[" + slot.jsonName() + ", unwrap only]";
  }
}
