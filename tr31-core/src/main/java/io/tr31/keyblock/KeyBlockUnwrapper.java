/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31Exception;
import io.tr31.Tr31PolicyException;
import io.tr31.internal.Lifecycle;
import io.tr31.internal.Views;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * An unwrap-only view of a key-encryption key: it unwraps key blocks and nothing else. It has no
 * {@code wrap} and never hands out its key, so whoever holds it cannot wrap a key of their choosing
 * that the same key would then accept as authentic (issue 12, F3). A POS key set hands out its TMK
 * and KEK this way ({@code InstalledKeySet.tmk()}, {@code kek()}: both headers say mode of use
 * {@code D}, unwrap only, X9.143:2022 6.2, Table 4).
 *
 * <pre>{@code
 * try (UnwrappedKey tdk = keys.kek().unwrap(newTdkBlock)) {          // strict profile
 *   ...
 * }
 * try (KeyBlockUnwrapper newKek = keys.tmk().unwrapProtectionKey(newKekBlock);
 *     UnwrappedKey tdk = newKek.unwrap(tdkBlock)) {                    // unwrap only, like tmk()
 *   ...
 * }
 * }</pre>
 *
 * <h2>Security</h2>
 *
 * <ul>
 *   <li>Authority only narrows: {@link #unwrap} gives working keys and refuses a block of usage
 *       {@code K0}-{@code K4} (or a proprietary usage) with {@link
 *       ErrorCode#KEYSET_KEY_ENCRYPTION_KEY} after its MAC verified, the unwrapped key destroyed;
 *       {@link #unwrapProtectionKey} unwraps a {@code K0}, {@code K1} or {@code K4} key whose mode
 *       allows unwrapping only as another such view, which the caller owns.
 *   <li>Ownership: a view the caller owns ({@link #unwrapProtectionKey}) destroys its key when
 *       closed. A view of a key the caller does not own (a key set's TMK and KEK) cannot destroy it:
 *       closing such a view ends only the view, and the key lives until its owner destroys it.
 *   <li>Every unwrap first checks that neither this view nor its key is destroyed ({@link
 *       IllegalStateException}) and runs its owner's check: a key set's views, and every view they
 *       hand out, refuse to unwrap outside the set's validity window and after the set is
 *       destroyed.
 *   <li>The unwrapped key belongs to the caller (close it). Its header is authenticated; the caller
 *       must honour it. This type does not check that a key fits a hierarchy (for example that a
 *       block under a TMK is a {@code K1} KEK).
 *   <li>Thread-safe. {@link #header()} is the authenticated header of the block the key came in.
 * </ul>
 *
 * @since 0.1.0
 */
public final class KeyBlockUnwrapper implements Destroyable, AutoCloseable {
  private static final Views.Guard NO_OWNER = () -> {};

  private final KeyBlockProtectionKey kbpk;
  private final Views.Guard guard;
  private final boolean owned;
  private final Lifecycle lifecycle = new Lifecycle("KeyBlockUnwrapper");

  /**
   * A view of {@code kbpk}, a KBPK made {@link KeyBlockProtectionKey#from} an unwrapped key (so
   * {@link #header()} is known); {@code owned} views destroy it when destroyed.
   */
  KeyBlockUnwrapper(KeyBlockProtectionKey kbpk, Views.Guard guard, boolean owned) {
    this.kbpk = Objects.requireNonNull(kbpk, "kbpk");
    this.guard = guard == null ? NO_OWNER : guard;
    this.owned = owned;
    Objects.requireNonNull(kbpk.header(), "a view's KBPK comes from an unwrapped key block");
  }

  /** {@return the authenticated header of the key block this key came in} */
  public KeyBlockHeader header() {
    return kbpk.header();
  }

  /**
   * Unwraps a working key under the {@link Profile#STRICT} profile.
   *
   * @param keyBlock the untrusted key block; not {@code null}
   * @return the unwrapped key, which the caller owns and closes
   * @throws NullPointerException if {@code keyBlock} is {@code null}
   * @throws IllegalStateException after {@link #destroy()}, or when the key or its owner was
   *     destroyed
   * @throws Tr31Exception as {@link #unwrap(CharSequence, Profile)}
   */
  public UnwrappedKey unwrap(CharSequence keyBlock) throws Tr31Exception {
    return unwrap(keyBlock, Profile.STRICT);
  }

  /**
   * Unwraps a working key under {@code profile}; refuses a key-encryption key ({@code K0}-{@code
   * K4}) and a proprietary usage after the MAC verified, with the unwrapped key destroyed.
   *
   * @param keyBlock the untrusted key block; not {@code null}
   * @param profile how strictly to read; not {@code null}
   * @return the unwrapped key, which the caller owns and closes
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalStateException after {@link #destroy()}, or when the key or its owner was
   *     destroyed
   * @throws Tr31PolicyException {@link ErrorCode#KEYSET_KEY_ENCRYPTION_KEY} for a key-encryption
   *     key (use {@link #unwrapProtectionKey}); the owner's refusal (a key set outside its
   *     validity window: {@link ErrorCode#KEYSET_EXPIRED}, {@link ErrorCode#KEYSET_NOT_YET_VALID})
   * @throws Tr31Exception as {@link KeyBlockProtectionKey#unwrap(CharSequence, Profile)}
   */
  public UnwrappedKey unwrap(CharSequence keyBlock, Profile profile) throws Tr31Exception {
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
   * Profile#STRICT} profile, as an unwrap-only view that the caller owns: never its bytes. The
   * clear key is wiped as soon as the view's KBPK is prepared.
   *
   * @param keyBlock the untrusted key block: usage {@code K0}, {@code K1} or {@code K4}, mode
   *     {@code B}, {@code D} or {@code N}; not {@code null}
   * @return the view, which the caller owns and closes; it has this view's owner
   * @throws NullPointerException if {@code keyBlock} is {@code null}
   * @throws IllegalStateException after {@link #destroy()}, or when the key or its owner was
   *     destroyed
   * @throws Tr31PolicyException {@link ErrorCode#KEYSET_NOT_A_PROTECTION_KEY} when the block does
   *     not hold a key that may unwrap key blocks; the owner's refusal, as {@link #unwrap}
   * @throws Tr31Exception as {@link KeyBlockProtectionKey#unwrap(CharSequence, Profile)}
   */
  public KeyBlockUnwrapper unwrapProtectionKey(CharSequence keyBlock) throws Tr31Exception {
    try (UnwrappedKey key = unwrapAny(keyBlock, Profile.STRICT)) {
      KeyBlockHeader h = key.header();
      if (h.modeOfUse() == ModeOfUse.ENCRYPT_ONLY) {
        throw new Tr31PolicyException(
            ErrorCode.KEYSET_NOT_A_PROTECTION_KEY,
            "usage " + h.keyUsageCode() + ", mode " + h.modeOfUseCode());
      }
      KeyBlockProtectionKey child;
      try {
        child = KeyBlockProtectionKey.from(key);
      } catch (Tr31PolicyException e) {
        // The KBPK rules concern the header and the key's length: public data.
        throw new Tr31PolicyException(
            ErrorCode.KEYSET_NOT_A_PROTECTION_KEY,
            e.code() == ErrorCode.KEYSET_NOT_A_PROTECTION_KEY
                ? "usage " + h.keyUsageCode() + ", mode " + h.modeOfUseCode()
                : e.code().name());
      }
      return new KeyBlockUnwrapper(child, guard, true);
    }
  }

  @SuppressWarnings("try") // the Use ends the operation; its body needs no reference
  private UnwrappedKey unwrapAny(CharSequence keyBlock, Profile profile) throws Tr31Exception {
    Objects.requireNonNull(keyBlock, "keyBlock");
    Objects.requireNonNull(profile, "profile");
    try (Lifecycle.Use u = lifecycle.use()) {
      // The owner's liveness and window first, then the key's own state (in unwrap).
      guard.check();
      return kbpk.unwrap(keyBlock, profile);
    }
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
   * Ends this view: a view the caller owns ({@link #unwrapProtectionKey}) also destroys its key,
   * waiting for the unwraps already running; a view of a key set's key leaves that key to the
   * set. Idempotent; best effort on the JVM.
   */
  @Override
  public void destroy() {
    lifecycle.destroy(owned ? kbpk::destroy : () -> {});
  }

  /** {@return whether this view, or the key it shows, was destroyed} */
  @Override
  public boolean isDestroyed() {
    return lifecycle.isDestroyed() || kbpk.isDestroyed();
  }

  /** Same as {@link #destroy()}, for try-with-resources. */
  @Override
  public void close() {
    destroy();
  }
}
