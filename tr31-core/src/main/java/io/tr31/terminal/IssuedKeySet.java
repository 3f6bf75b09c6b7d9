/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import java.util.Map;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * A key set as the server issued it: the response body for the terminal, and the server's own
 * copies of the clear keys, for its key store.
 *
 * <pre>{@code
 * try (IssuedKeySet set = issuer.issue(request)) {
 *   respond(set.json());
 *   byte[] msk = set.keyBytes(Slot.MSK);   // into the key store (an HSM), then wipe
 * }
 * }</pre>
 *
 * <h2>Security</h2>
 *
 * <ul>
 *   <li>{@link #json()} holds only key blocks (ciphertext), ids, times and KCVs: it may be sent and
 *       logged.
 *   <li>{@link #keyBytes(Slot)} returns a copy of a clear key for the server's key store (an HSM,
 *       in production), from which the server prepares the keys it uses to open and verify what the
 *       terminal sends; the caller wipes the copy. The set hands out no prepared key of its own, so
 *       nothing it owns can be destroyed or kept past it.
 *   <li>{@link #destroy()} (or {@link #close()}) waits for running reads and wipes this object's
 *       copies (best effort on the JVM); afterwards {@link #keyBytes(Slot)} throws {@link
 *       IllegalStateException}. The public data ({@link #json()}, ids) stays readable.
 *   <li>Thread-safe.
 * </ul>
 *
 * @since 0.1.0
 */
public final class IssuedKeySet implements Destroyable, AutoCloseable {
  private final KeySetResponse response;
  private final SlotKeys keys;

  /** Takes ownership of the key arrays. */
  IssuedKeySet(KeySetResponse response, Map<Slot, byte[]> keys) {
    this.response = Objects.requireNonNull(response, "response");
    this.keys = new SlotKeys("IssuedKeySet", keys);
  }

  /** The response (metadata, key blocks, KCVs); public data, usable after destroy. */
  KeySetResponse response() {
    return response;
  }

  /**
   * {@return the response body as JSON, in the seed's shape and field order; usable after destroy}
   */
  public String json() {
    return response.toJson();
  }

  /** {@return the key set id, {@code key_set.key_set_id}; usable after destroy} */
  public String keySetId() {
    return response.keySetId();
  }

  /**
   * Reads a slot's key id; usable after destroy.
   *
   * @param slot the slot; not {@code null}
   * @return {@code keys.<slot>.key_id}
   * @throws NullPointerException if {@code slot} is {@code null}
   */
  public String keyId(Slot slot) {
    return response.keyId(slot);
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
    Objects.requireNonNull(slot, "slot");
    return keys.copy(slot); // the issuer gives every slot a key
  }

  /** Wipes this object's copies of the keys. Idempotent; best effort on the JVM. */
  @Override
  public void destroy() {
    keys.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return keys.isDestroyed();
  }

  /** Same as {@link #destroy()}, for try-with-resources. */
  @Override
  public void close() {
    destroy();
  }
}
