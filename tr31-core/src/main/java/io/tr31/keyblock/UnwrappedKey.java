/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31Exception;
import io.tr31.Tr31FormatException;
import io.tr31.Tr31PolicyException;


import io.tr31.internal.Bytes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
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
 *   <li>{@link #toString()} shows the header and the key length, never the key.
 *   <li>{@link #warnings()} lists every tolerance the lenient profile used to read the block
 *       (empty under the strict profile); a caller that accepts lenient input should log them.
 *   <li>Thread-safe; use after destroy throws {@link IllegalStateException}.
 * </ul>
 *
 * @since 0.1.0
 */
public final class UnwrappedKey implements Destroyable, AutoCloseable {
  private final KeyBlockHeader header;
  private final byte[] key;
  private final List<Tr31Warning> warnings;
  private final AtomicBoolean destroyed = new AtomicBoolean();

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

  /** {@return the key's algorithm, from the authenticated header} */
  public KeyAlgorithm algorithm() {
    return header.algorithm();
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
  public byte[] keyBytes() {
    // Copy first, then check (as BouncyCastle does): destroy() sets the flag before it wipes, so
    // a copy taken before an unset flag is complete. A copy that raced with destroy() may be
    // partly wiped: it is wiped and never handed out (first review, finding 14).
    byte[] copy = key.clone();
    if (destroyed.get()) {
      Bytes.wipe(copy);
      throw new IllegalStateException("key destroyed");
    }
    return copy;
  }

  /**
   * Computes the key's check value (ANSI X9.24-1:2017 Annex A), from a copy of the key that is
   * wiped afterwards.
   *
   * @param method how to compute it; not {@code null}
   * @param lengthBytes how many leftmost bytes to keep, 1 to {@code method.maxLengthBytes()}
   * @return the check value; a KCV is public
   * @throws Tr31Exception a {@link Tr31PolicyException} with {@link
   *     ErrorCode#UNSUPPORTED_OPERATION} when the key's algorithm has no X9.24-1 KCV (HMAC and
   *     asymmetric keys), or a {@link Tr31FormatException} with {@link
   *     ErrorCode#INVALID_KEY_LENGTH} when the key's length does not fit its algorithm
   * @throws NullPointerException if {@code method} is {@code null}
   * @throws IllegalArgumentException if {@code lengthBytes} is not allowed for the method
   * @throws IllegalStateException after {@link #destroy()}
   */
  public KeyCheckValue kcv(KcvMethod method, int lengthBytes) throws Tr31Exception {
    // From a complete copy: a destroy() racing with the computation cannot yield the KCV of a
    // half-wiped key.
    byte[] copy = keyBytes();
    try {
      return KeyCheckValue.compute(header.algorithm(), copy, method, lengthBytes);
    } finally {
      Bytes.wipe(copy);
    }
  }

  /** Wipes the key. Best effort on the JVM; idempotent. */
  @Override
  public void destroy() {
    if (!destroyed.getAndSet(true)) {
      Bytes.wipe(key);
    }
  }

  @Override
  public boolean isDestroyed() {
    return destroyed.get();
  }

  /** Same as {@link #destroy()}, for try-with-resources. */
  @Override
  public void close() {
    destroy();
  }

  @Override
  public String toString() {
    return "UnwrappedKey["
        + header.encode(header.declaredKeyBlockLength()).substring(0, 16)
        + ", "
        + key.length
        + " bytes]";
  }
}
