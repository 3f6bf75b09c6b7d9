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
  /**
   * Array entries per slot: 16 references are 64 bytes with compressed references, so two slots
   * never share a cache line and two threads' gives and takes do not slow each other; the first
   * slot sits one stride in, off the line of the array's header, whose length every access reads.
   */
  private static final int STRIDE = 16;

  private final AtomicReferenceArray<T> slots;
  private final int size;
  /** The largest power of two up to {@link #size}, less one: homes by mask, not division. */
  private final int homeMask;
  private final Supplier<T> factory;
  private final Consumer<T> releaser;
  private volatile boolean closed;

  /** Keeps up to {@code slots} idle objects; {@code releaser} ends an object's life in the pool. */
  public BoundedPool(int slots, Supplier<T> factory, Consumer<T> releaser) {
    if (slots < 1) {
      throw new IllegalArgumentException("slots must be positive");
    }
    this.size = slots;
    this.homeMask = Integer.highestOneBit(slots) - 1;
    this.slots = new AtomicReferenceArray<>((slots + 1) * STRIDE);
    this.factory = Objects.requireNonNull(factory, "factory");
    this.releaser = Objects.requireNonNull(releaser, "releaser");
  }

  /**
   * An idle object, or a new one from the factory; the caller gives it back in a finally. The
   * search starts at the calling thread's home slot, where it gave its last object back: a thread
   * that runs alone on a key keeps reusing the same object (its JCE state stays in that core's
   * cache) and two threads do not fight over one slot.
   */
  public T take() {
    int n = size;
    int home = home();
    for (int k = 0; k < n; k++) {
      int i = slot(home + k, n);
      T t = slots.get(i);
      if (t != null && slots.compareAndSet(i, t, null)) {
        return t;
      }
    }
    return factory.get();
  }

  /** Returns an object to the pool, or releases it when the pool is full or closed. */
  public void give(T t) {
    int n = size;
    int home = home();
    for (int k = 0; k < n; k++) {
      int i = slot(home + k, n);
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

  /**
   * The calling thread's first slot (thread ids are public; this is only a spreading hint). A mask,
   * not {@code id % size}: a 64-bit division on every take and give cost measurable time.
   */
  private int home() {
    return (int) Thread.currentThread().getId() & homeMask;
  }

  /** The array index of slot {@code k mod n}: one slot per cache line ({@link #STRIDE}). */
  private static int slot(int k, int n) {
    return ((k < n ? k : k - n) + 1) * STRIDE;
  }

  /** Releases every idle object; objects given back later are released, never pooled. */
  public void close() {
    closed = true;
    for (int i = STRIDE; i < slots.length(); i += STRIDE) {
      T t = slots.getAndSet(i, null);
      if (t != null) {
        releaser.accept(t);
      }
    }
  }

  /** Idle objects in the pool (for tests). */
  public int idle() {
    int n = 0;
    for (int i = STRIDE; i < slots.length(); i += STRIDE) {
      n += slots.get(i) == null ? 0 : 1;
    }
    return n;
  }
}
