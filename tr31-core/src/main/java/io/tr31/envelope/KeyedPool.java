package io.tr31.envelope;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A bounded pool of JCE objects ({@link javax.crypto.Cipher}, {@link javax.crypto.Mac}) that hold
 * one key's state, owned by that key's holder so that {@link #close()} reaches every idle object,
 * whichever thread used it last (review 2026-11-28 finding 5: a {@code ThreadLocal} cannot be
 * drained from another thread).
 *
 * <p>{@link #close()} empties the pool and hands each object to the scrubber, which re-keys it with
 * a constant key so that the real key's schedule is overwritten (best effort: the JCE may replace
 * rather than overwrite its arrays). An object in use during {@code close()} is scrubbed when it is
 * given back. Thread-safe; at most {@link #MAX_IDLE} objects are kept, extra ones are scrubbed and
 * dropped.
 */
final class KeyedPool<T> {
  /** Idle objects kept: enough for the threads that use one key at the same time. */
  static final int MAX_IDLE = 8;

  private final Supplier<T> factory;
  private final Consumer<T> scrubber;
  private final ConcurrentLinkedDeque<T> idle = new ConcurrentLinkedDeque<>();
  private final AtomicInteger idleCount = new AtomicInteger();
  private volatile boolean closed;

  KeyedPool(Supplier<T> factory, Consumer<T> scrubber) {
    this.factory = factory;
    this.scrubber = scrubber;
  }

  /** An idle object, or a new one from the factory. */
  T take() {
    T t = idle.pollFirst();
    if (t == null) {
      return factory.get();
    }
    idleCount.decrementAndGet();
    return t;
  }

  /**
   * Returns {@code t} (in a clean state) for reuse; after {@link #close()} or beyond the bound it
   * is scrubbed and dropped instead.
   */
  void give(T t) {
    if (idleCount.incrementAndGet() > MAX_IDLE) {
      idleCount.decrementAndGet();
      scrubber.accept(t);
      return;
    }
    idle.offerFirst(t);
    if (closed) {
      // Given back during or after close(): drained here, so nothing stays pooled.
      drain();
    }
  }

  /** Scrubs and drops every idle object; later {@link #give} calls scrub and drop theirs. */
  void close() {
    closed = true;
    drain();
  }

  /** Number of idle objects (tests). */
  int idle() {
    return idle.size();
  }

  /** The count is not kept up to date here: it no longer matters once the pool is closed. */
  private void drain() {
    for (T t; (t = idle.pollFirst()) != null; ) {
      scrubber.accept(t);
    }
  }
}
