/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A bounded, lock-free pool of one key's objects (cipher engines, JCE {@code Cipher}s and {@code
 * Mac}s), owned by the key's holder so {@link #close()} reaches every idle one whichever thread
 * used it last (a {@code ThreadLocal} cannot be drained from another thread). The releaser ends an
 * object's life: idle ones at {@code close()}, busy ones when given back after it, extras given to
 * a full pool. Thread-safe; the steady state allocates nothing.
 */
public final class BoundedPool<T> {
  private final AtomicReferenceArray<T> slots;
  private final Supplier<T> factory;
  private final Consumer<T> releaser;
  private volatile boolean closed;

  /** Keeps up to {@code slots} idle objects; {@code releaser} ends an object's life in the pool. */
  public BoundedPool(int slots, Supplier<T> factory, Consumer<T> releaser) {
    if (slots < 1) {
      throw new IllegalArgumentException("slots must be positive");
    }
    this.slots = new AtomicReferenceArray<>(slots);
    this.factory = Objects.requireNonNull(factory, "factory");
    this.releaser = Objects.requireNonNull(releaser, "releaser");
  }

  /** An idle object, or a new one from the factory; the caller gives it back in a finally. */
  public T take() {
    for (int i = 0; i < slots.length(); i++) {
      T t = slots.get(i);
      if (t != null && slots.compareAndSet(i, t, null)) {
        return t;
      }
    }
    return factory.get();
  }

  /** Returns an object to the pool, or releases it when the pool is full or closed. */
  public void give(T t) {
    for (int i = 0; i < slots.length(); i++) {
      if (slots.compareAndSet(i, null, t)) {
        // close() sets the flag, then drains: it may have passed this slot, so take t back out.
        if (closed && slots.compareAndSet(i, t, null)) {
          releaser.accept(t);
        }
        return;
      }
    }
    releaser.accept(t);
  }

  /** Releases every idle object; objects given back later are released, never pooled. */
  public void close() {
    closed = true;
    for (int i = 0; i < slots.length(); i++) {
      T t = slots.getAndSet(i, null);
      if (t != null) {
        releaser.accept(t);
      }
    }
  }

  /** Idle objects in the pool (for tests). */
  public int idle() {
    int n = 0;
    for (int i = 0; i < slots.length(); i++) {
      n += slots.get(i) == null ? 0 : 1;
    }
    return n;
  }
}
