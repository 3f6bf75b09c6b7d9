/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import io.tr31.keyblock.KeyBlockHeader;
import io.tr31.keyblock.KeyBlockProtectionKey;
import javax.security.auth.Destroyable;

/**
 * A key-encryption key unwrapped through an {@link InstalledKeySet} (a new KEK under the TMK, for
 * example), with no more authority than the set's own TMK and KEK: unwrapping key blocks. It never
 * hands out its key and has no {@code wrap}, so a terminal cannot wrap under it a key that the
 * set's unwrappers would then accept (issue 12, F3).
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
 *       {@link #unwrapProtectionKey} unwraps, again as a view; every call checks the set's validity
 *       window and that neither the set nor this view is destroyed ({@link IllegalStateException}).
 *   <li>The caller owns it: {@link #close()} destroys this key (best effort on the JVM); destroying
 *       the set makes it unusable as well.
 *   <li>Thread-safe. {@link #header()} is the authenticated header of the block this key came in;
 *       {@link #toString()} shows the usage and mode of use only.
 * </ul>
 *
 * @since 0.1.0
 */
public final class UnwrappedProtectionKey extends SetUnwrapper
    implements Destroyable, AutoCloseable {
  UnwrappedProtectionKey(InstalledKeySet set, KeyBlockHeader header, KeyBlockProtectionKey kbpk) {
    super(set, header, kbpk);
  }

  /** Destroys this key (not the set). Idempotent; best effort on the JVM. */
  @Override
  public void destroy() {
    destroyKey();
  }

  @Override
  public boolean isDestroyed() {
    return keyDestroyed();
  }

  /** Same as {@link #destroy()}, for try-with-resources. */
  @Override
  public void close() {
    destroy();
  }

  @Override
  public String toString() {
    return "UnwrappedProtectionKey["
        + header().keyUsageCode()
        + " "
        + header().modeOfUseCode()
        + ", unwrap only"
        + (isDestroyed() ? ", destroyed]" : "]");
  }
}
