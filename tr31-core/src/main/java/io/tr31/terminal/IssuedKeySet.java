/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import io.tr31.envelope.PayloadProtector;
import io.tr31.internal.Bytes;
import java.security.SecureRandom;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.security.auth.Destroyable;

/**
 * A key set as the server issued it: the response body for the terminal, and the server's own
 * copies of the keys (the MSK and MAC key prepared, to open and verify what the terminal sends).
 *
 * <h2>Security</h2>
 *
 * <ul>
 *   <li>{@link #json()} holds only key blocks (ciphertext), ids, times and KCVs: it may be sent and
 *       logged.
 *   <li>{@link #keyBytes(Slot)} returns a copy of a clear key for the server's key store (an HSM,
 *       in production); the caller wipes it. {@link #destroy()} (or {@link #close()}) wipes this
 *       object's copies and destroys the prepared keys; zeroing is best effort on the JVM.
 *   <li>Thread-safe; use after destroy throws {@link IllegalStateException}. {@link #toString()}
 *       shows the key set id only.
 * </ul>
 *
 * @since 0.1.0
 */
public final class IssuedKeySet implements Destroyable, AutoCloseable {
  private final KeySetResponse response;
  private final Map<Slot, byte[]> keys;
  private final PayloadProtector payloads;
  private final AtomicBoolean destroyed = new AtomicBoolean();

  /** Takes ownership of the key arrays. */
  IssuedKeySet(KeySetResponse response, Map<Slot, byte[]> keys, SecureRandom random) {
    this.response = Objects.requireNonNull(response, "response");
    this.keys = new EnumMap<>(keys);
    this.payloads = PayloadProtector.create(keys.get(Slot.MSK), keys.get(Slot.MAC), random);
  }

  /** {@return the response (metadata, key blocks, KCVs); public, usable after destroy} */
  public KeySetResponse response() {
    return response;
  }

  /** {@return the response body as JSON, in the seed's shape and field order} */
  public String json() {
    return response.toJson();
  }

  /**
   * The server's MSK and MAC key, to open and verify the terminal's payloads and seal and sign its
   * own; a view: this set owns the keys and destroys them, the view's {@code close()} does nothing.
   * To keep them longer, create a {@link PayloadProtector} from {@link #keyBytes(Slot)}.
   *
   * @return a view of the set's payload keys
   * @throws IllegalStateException after {@link #destroy()}
   */
  public PayloadProtector payloadProtector() {
    checkNotDestroyed();
    return payloads.view();
  }

  /**
   * A copy of the clear key of {@code slot}, for the server's key store; the caller wipes it.
   *
   * @param slot the slot; not {@code null}
   * @return a fresh copy of the slot's {@link Slot#KEY_BYTES}-byte key
   * @throws NullPointerException if {@code slot} is {@code null}
   * @throws IllegalStateException after {@link #destroy()}
   */
  public byte[] keyBytes(Slot slot) {
    byte[] copy = keys.get(Objects.requireNonNull(slot, "slot")).clone();
    if (destroyed.get()) {
      Bytes.wipe(copy);
      throw new IllegalStateException("IssuedKeySet destroyed");
    }
    return copy;
  }

  private void checkNotDestroyed() {
    if (destroyed.get()) {
      throw new IllegalStateException("IssuedKeySet destroyed");
    }
  }

  /** Wipes the keys and destroys the prepared MSK and MAC key. Idempotent. */
  @Override
  public void destroy() {
    if (!destroyed.getAndSet(true)) {
      for (byte[] k : keys.values()) {
        Bytes.wipe(k);
      }
      payloads.destroy();
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
    return "IssuedKeySet[" + response.keySetId() + (destroyed.get() ? ", destroyed]" : "]");
  }
}
