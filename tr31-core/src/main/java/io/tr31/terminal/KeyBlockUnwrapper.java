/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import io.tr31.keyblock.KeyBlockProtectionKey;

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
 *       io.tr31.Tr31PolicyException} {@link io.tr31.ErrorCode#KEYSET_EXPIRED} or {@link
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
 *   <li>Immutable and thread-safe. {@link #toString()} names the slot only. {@link #header()} is
 *       the slot's authenticated header ({@code K1 A D}, exportability {@code N}).
 * </ul>
 *
 * @since 0.1.0
 */
public final class KeyBlockUnwrapper extends SetUnwrapper {
  private final Slot slot;

  KeyBlockUnwrapper(InstalledKeySet set, Slot slot, KeyBlockProtectionKey kbpk) {
    super(set, set.header(slot), kbpk);
    this.slot = slot;
  }

  /** {@return the slot this key was installed in: {@link Slot#TMK} or {@link Slot#KEK}} */
  public Slot slot() {
    return slot;
  }

  @Override
  public String toString() {
    return "KeyBlockUnwrapper[" + slot.jsonName() + ", unwrap only]";
  }
}
