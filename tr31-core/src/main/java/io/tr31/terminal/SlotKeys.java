/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import io.tr31.internal.Bytes;
import io.tr31.internal.Lifecycle;
import java.util.EnumMap;
import java.util.Map;

/**
 * Clear keys by slot, held for their owner: copies are handed out inside a {@link Lifecycle}
 * operation, and destroy waits for the running ones, then wipes every key at once (best effort on
 * the JVM). The key copies of an {@link IssueRequest} and of an {@link IssuedKeySet}. Thread-safe.
 */
final class SlotKeys {
  private final Lifecycle life;
  private final Map<Slot, byte[]> keys = new EnumMap<>(Slot.class);

  /**
   * Takes ownership of the key arrays in {@code keys} (the map itself is copied).
   *
   * @param what the owner's name in the use-after-destroy message; never secret
   */
  SlotKeys(String what, Map<Slot, byte[]> keys) {
    this.life = new Lifecycle(what);
    this.keys.putAll(keys);
  }

  /**
   * A fresh copy of the key held for {@code slot}; the caller wipes it.
   *
   * @return the copy, or {@code null} when no key is held for {@code slot}
   * @throws IllegalStateException after {@link #destroy()}
   */
  @SuppressWarnings("try") // the Use only brackets the operation
  byte[] copy(Slot slot) {
    try (Lifecycle.Use u = life.use()) {
      byte[] k = keys.get(slot);
      return k == null ? null : k.clone();
    }
  }

  /** Waits for running copies, then wipes every key. Idempotent. */
  void destroy() {
    life.destroy(() -> Bytes.wipeAll(keys.values()));
  }

  /** {@return whether {@link #destroy()} has wiped the keys} */
  boolean isDestroyed() {
    return life.isDestroyed();
  }
}
