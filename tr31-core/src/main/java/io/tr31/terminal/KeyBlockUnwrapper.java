/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import io.tr31.KeyBlockHeader;
import io.tr31.KeyBlockProtectionKey;
import io.tr31.Profile;
import io.tr31.Tr31Exception;
import io.tr31.UnwrappedKey;
import java.util.Objects;

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

  /** {@return the slot this key was installed in: {@link Slot#TMK} or {@link Slot#KEK}} */
  public Slot slot() {
    return slot;
  }

  /**
   * {@return the authenticated header of this key's block ({@code K1 A D}, exportability {@code
   * N})}
   */
  public KeyBlockHeader header() {
    return set.header(slot);
  }

  /**
   * Unwraps a key block under the {@link Profile#STRICT} profile.
   *
   * @param keyBlock the untrusted key block; not {@code null}
   * @return the key and its authenticated header; the caller closes it
   * @throws NullPointerException if {@code keyBlock} is {@code null}
   * @throws KeySetException the set is outside its validity window
   * @throws Tr31Exception as {@link KeyBlockProtectionKey#unwrap(CharSequence, Profile)}
   * @throws IllegalStateException the set was destroyed
   */
  public UnwrappedKey unwrap(CharSequence keyBlock) throws Tr31Exception {
    return unwrap(keyBlock, Profile.STRICT);
  }

  /**
   * Unwraps a key block under {@code profile}.
   *
   * @param keyBlock the untrusted key block; not {@code null}
   * @param profile how strictly to read; not {@code null}
   * @return the key and its authenticated header; the caller closes it
   * @throws NullPointerException if an argument is {@code null}
   * @throws KeySetException the set is outside its validity window
   * @throws Tr31Exception as {@link KeyBlockProtectionKey#unwrap(CharSequence, Profile)}
   * @throws IllegalStateException the set was destroyed
   */
  public UnwrappedKey unwrap(CharSequence keyBlock, Profile profile) throws Tr31Exception {
    Objects.requireNonNull(keyBlock, "keyBlock");
    Objects.requireNonNull(profile, "profile");
    // The set destroys the KBPK: its state is the one to check, before the window.
    if (kbpk.isDestroyed()) {
      throw new IllegalStateException("InstalledKeySet destroyed");
    }
    set.checkWindow();
    return kbpk.unwrap(keyBlock, profile);
  }

  @Override
  public String toString() {
    return "KeyBlockUnwrapper[" + slot.jsonName() + ", unwrap only]";
  }
}
