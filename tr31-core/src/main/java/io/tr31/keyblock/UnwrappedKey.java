/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31FormatException;
import io.tr31.Tr31PolicyException;
import io.tr31.internal.Bytes;
import io.tr31.internal.Lifecycle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * A key recovered from a key block, with the authenticated header that states how it may be used.
 *
 * <h2>Security</h2>
 *
 * <ul>
 *   <li>The header was authenticated together with the key (X9.143 clause 7): its key usage,
 *       algorithm, mode of use and exportability are the sender's, unaltered. Callers must honour
 *       them.
 *   <li>{@link #keyBytes()} returns a copy each time; the caller wipes it. {@link #destroy()} (or
 *       {@link #close()}) wipes this object's copy. Zeroing is best effort on the JVM.
 *   <li>{@link #toString()} is {@link Object}'s: it shows nothing of the key or its header.
 *   <li>{@link #warnings()} lists every tolerance the lenient profile used to read the block
 *       (empty under the strict profile); a caller that accepts lenient input should log them.
 *   <li>Thread-safe; {@link #destroy()} waits for a {@link #keyBytes()} or {@link #kcv} already
 *       running, so none hands out a half-wiped key; use after destroy throws {@link
 *       IllegalStateException}.
 * </ul>
 *
 * @since 0.1.0
 */
public final class UnwrappedKey implements Destroyable, AutoCloseable {
  private final KeyBlockHeader header;
  private final byte[] key;
  private final List<Tr31Warning> warnings;
  private final Lifecycle lifecycle = new Lifecycle("UnwrappedKey");

  /**
   * Takes ownership of {@code key} (no copy) and copies {@code warnings}: only the library creates
   * instances.
   */
  UnwrappedKey(KeyBlockHeader header, byte[] key, List<Tr31Warning> warnings) {
    this.header = Objects.requireNonNull(header, "header");
    this.key = Objects.requireNonNull(key, "key");
    // Collections, not List.copyOf: the library runs on Android API 26.
    this.warnings =
        warnings.isEmpty()
            ? Collections.<Tr31Warning>emptyList()
            : Collections.unmodifiableList(new ArrayList<>(warnings));
  }

  /** {@return the authenticated header of the key block the key came from} */
  public KeyBlockHeader header() {
    return header;
  }

  /**
   * What the {@link Profile#LENIENT} profile tolerated to read this key, in the order found: the
   * header's tolerances, the block's, the KBPK's, then those found after the MAC verified (a key
   * length the algorithm does not allow, a degenerate TDES key). Empty under {@link
   * Profile#STRICT}. Available after {@link #destroy()}; no entry holds key material.
   *
   * @return an immutable list, never {@code null}
   */
  public List<Tr31Warning> warnings() {
    return warnings;
  }

  /** {@return the key's length in bytes (still answers after {@link #destroy()})} */
  public int keyLengthBytes() {
    return key.length;
  }

  /**
   * A copy of the key; the caller is responsible for wiping it.
   *
   * @return a fresh copy of the key bytes, {@link #keyLengthBytes()} long
   * @throws IllegalStateException after {@link #destroy()}
   */
  @SuppressWarnings("try") // the Use ends the operation; its body needs no reference
  public byte[] keyBytes() {
    try (Lifecycle.Use u = lifecycle.use()) {
      return key.clone();
    }
  }

  /**
   * The key itself, not a copy, for a protection key prepared from it inside this package ({@link
   * KeyBlockProtectionKey#from}); only read, inside {@link #lifecycle()}.
   */
  byte[] keyShared() {
    return key;
  }

  /** The lifecycle that guards {@link #keyShared()}. */
  Lifecycle lifecycle() {
    return lifecycle;
  }

  /**
   * Computes the key's check value (ANSI X9.24-1:2017 Annex A) at the method's full length (3
   * bytes legacy, 5 CMAC).
   *
   * @param method how to compute it; not {@code null}
   * @return the check value; a KCV is public
   * @throws Tr31PolicyException {@link ErrorCode#UNSUPPORTED_OPERATION} when the key's algorithm
   *     has no X9.24-1 KCV (HMAC and asymmetric keys)
   * @throws Tr31FormatException {@link ErrorCode#INVALID_KEY_LENGTH} when the key's length does not
   *     fit its algorithm (a key the lenient profile read)
   * @throws NullPointerException if {@code method} is {@code null}
   * @throws IllegalStateException after {@link #destroy()}
   */
  @SuppressWarnings("try") // the Use ends the operation; its body needs no reference
  public KeyCheckValue kcv(KcvMethod method) throws Tr31PolicyException, Tr31FormatException {
    Objects.requireNonNull(method, "method");
    try (Lifecycle.Use u = lifecycle.use()) {
      return KeyCheckValue.compute(header.algorithm(), key, method, method.maxLengthBytes());
    }
  }

  /**
   * Wipes the key; waits for a {@link #keyBytes()} or {@link #kcv} already running. Best effort
   * on the JVM; idempotent.
   */
  @Override
  public void destroy() {
    lifecycle.destroy(() -> Bytes.wipe(key));
  }

  @Override
  public boolean isDestroyed() {
    return lifecycle.isDestroyed();
  }

  /** Same as {@link #destroy()}, for try-with-resources. */
  @Override
  public void close() {
    destroy();
  }
}
