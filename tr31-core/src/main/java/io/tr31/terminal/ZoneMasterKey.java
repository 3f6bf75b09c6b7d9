/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import io.tr31.internal.Bytes;
import io.tr31.keyblock.KeyBlockProtectionKey;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The zone master key as the issuer and the installer hold it: prepared as an AES-256 KBPK and as
 * its 16-byte fingerprint ({@link KeySetKcv#fingerprint}), never as clear bytes. The fingerprint
 * lets both refuse a set key equal to the ZMK (key separation) in constant time.
 *
 * <p>Not thread-safe on its own: its owner ({@link KeySetIssuer}, {@link KeySetInstaller}) calls
 * {@link #destroy()} only from its {@link io.tr31.internal.Lifecycle}, which waits for the
 * operations using it.
 */
final class ZoneMasterKey {
  private final KeyBlockProtectionKey kbpk;
  private final byte[] fingerprint;

  /**
   * Prepares the ZMK from a copy of {@code zmk}.
   *
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalArgumentException if the ZMK is not 32 bytes
   */
  ZoneMasterKey(byte[] zmk) {
    Objects.requireNonNull(zmk, "zmk");
    if (zmk.length != Slot.KEY_BYTES) {
      // X9.24-1: a wrapping key at least as strong as the AES-256 keys it wraps.
      throw new IllegalArgumentException("the ZMK must be AES-256 (32 bytes)");
    }
    this.kbpk = KeyBlockProtectionKey.aes(zmk);
    this.fingerprint = KeySetKcv.fingerprint(zmk);
  }

  /** {@return the prepared ZMK, the parent of the TMK} */
  KeyBlockProtectionKey kbpk() {
    return kbpk;
  }

  /** Whether a key with fingerprint {@code f} is the ZMK; constant time. */
  boolean isSameKey(byte[] f) {
    return MessageDigest.isEqual(fingerprint, f);
  }

  /** Destroys the prepared ZMK and wipes the fingerprint (best effort on the JVM). */
  void destroy() {
    kbpk.destroy();
    Bytes.wipe(fingerprint);
  }

}
