/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import io.tr31.KeyBlockHeader;
import io.tr31.KeyBlockProtectionKey;
import io.tr31.Profile;
import io.tr31.Tr31Exception;
import io.tr31.UnwrappedKey;
import javax.security.auth.Destroyable;

/**
 * A key-encryption key unwrapped through an {@link InstalledKeySet} (a new KEK under the TMK, for
 * example), with no more authority than the set's own TMK and KEK: unwrapping key blocks. It never
 * hands out its key and has no {@code wrap}, so a terminal cannot wrap under it a key that the set's
 * unwrappers would then accept (issue 12, F3).
 *
 * <pre>{@code
 * try (UnwrappedProtectionKey newKek = keys.tmk().unwrapProtectionKey(newKekBlock);
 *     UnwrappedKey tdk = newKek.unwrap(tdkBlock)) {
 *   ...
 * }
 * }</pre>
 *
 * <h2>Security</h2>
 *
 * <ul>
 *   <li>Only {@link KeyBlockUnwrapper#unwrapProtectionKey} (and this type's own) create instances,
 *       from an authentic block of usage {@code K0}, {@code K1} or {@code K4} whose mode of use
 *       allows unwrapping ({@code B}, {@code D}, {@code N}); the clear key was wiped when it was
 *       prepared.
 *   <li>The same rules as {@link KeyBlockUnwrapper}: {@link #unwrap} gives working keys and refuses
 *       key-encryption keys ({@link io.tr31.ErrorCode#KEYSET_KEY_ENCRYPTION_KEY}), which only
 *       {@link #unwrapProtectionKey} unwraps, again as a view; every call checks the set's
 *       validity window and that neither the set nor this view is destroyed ({@link
 *       IllegalStateException}).
 *   <li>The caller owns it: {@link #close()} destroys this key (best effort on the JVM); destroying
 *       the set makes it unusable as well.
 *   <li>Thread-safe. {@link #toString()} shows the usage and mode of use only.
 * </ul>
 *
 * @since 0.1.0
 */
public final class UnwrappedProtectionKey implements Destroyable, AutoCloseable {
  private final InstalledKeySet set;
  private final KeyBlockHeader header;
  private final KeyBlockProtectionKey kbpk;

  UnwrappedProtectionKey(InstalledKeySet set, KeyBlockHeader header, KeyBlockProtectionKey kbpk) {
    this.set = set;
    this.header = header;
    this.kbpk = kbpk;
  }

  /**
   * The authenticated header of the block this key came in.
   *
   * @return the header (usage {@code K0}, {@code K1} or {@code K4})
   */
  public KeyBlockHeader header() {
    return header;
  }

  /**
   * Unwraps a working key under the {@link Profile#STRICT} profile.
   *
   * @param keyBlock the key block
   * @return the unwrapped key, which the caller owns and closes
   * @throws KeySetException the set is outside its validity window, or the block holds a
   *     key-encryption key ({@link io.tr31.ErrorCode#KEYSET_KEY_ENCRYPTION_KEY})
   * @throws Tr31Exception as {@link KeyBlockProtectionKey#unwrap(CharSequence, Profile)}
   * @throws IllegalStateException the set or this key was destroyed
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
   *     key-encryption key ({@link io.tr31.ErrorCode#KEYSET_KEY_ENCRYPTION_KEY})
   * @throws Tr31Exception as {@link KeyBlockProtectionKey#unwrap(CharSequence, Profile)}
   * @throws IllegalStateException the set or this key was destroyed
   */
  public UnwrappedKey unwrap(CharSequence keyBlock, Profile profile) throws Tr31Exception {
    return SetUnwrap.workingKey(set, kbpk, keyBlock, profile);
  }

  /**
   * Unwraps a key-encryption key under the {@link Profile#STRICT} profile, as an unwrap-only view.
   *
   * @param keyBlock the key block
   * @return the view, which the caller owns and closes
   * @throws KeySetException the set is outside its validity window, or the block is not a key that
   *     may unwrap key blocks ({@link io.tr31.ErrorCode#KEYSET_NOT_A_PROTECTION_KEY})
   * @throws Tr31Exception as {@link KeyBlockProtectionKey#unwrap(CharSequence, Profile)}
   * @throws IllegalStateException the set or this key was destroyed
   */
  public UnwrappedProtectionKey unwrapProtectionKey(CharSequence keyBlock) throws Tr31Exception {
    return SetUnwrap.protectionKey(set, kbpk, keyBlock, Profile.STRICT);
  }

  /**
   * Unwraps a key-encryption key under {@code profile}, as an unwrap-only view.
   *
   * @param keyBlock the key block
   * @param profile the profile
   * @return the view, which the caller owns and closes
   * @throws KeySetException the set is outside its validity window, or the block is not a key that
   *     may unwrap key blocks ({@link io.tr31.ErrorCode#KEYSET_NOT_A_PROTECTION_KEY})
   * @throws Tr31Exception as {@link KeyBlockProtectionKey#unwrap(CharSequence, Profile)}
   * @throws IllegalStateException the set or this key was destroyed
   */
  public UnwrappedProtectionKey unwrapProtectionKey(CharSequence keyBlock, Profile profile)
      throws Tr31Exception {
    return SetUnwrap.protectionKey(set, kbpk, keyBlock, profile);
  }

  /** Destroys this key (not the set). Idempotent; best effort on the JVM. */
  @Override
  public void destroy() {
    kbpk.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return kbpk.isDestroyed();
  }

  /** Same as {@link #destroy()}, for try-with-resources. */
  @Override
  public void close() {
    destroy();
  }

  @Override
  public String toString() {
    return "UnwrappedProtectionKey["
        + header.keyUsageCode()
        + " "
        + header.modeOfUseCode()
        + ", unwrap only"
        + (isDestroyed() ? ", destroyed]" : "]");
  }
}
