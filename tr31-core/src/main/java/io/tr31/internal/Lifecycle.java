/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.locks.LockSupport;

/**
 * The one destroy-once state of every holder of secrets in the library: operations run inside
 * {@link #use()}, {@link #destroy(Runnable)} waits for the running ones, wipes exactly once and
 * makes every later operation throw the one use-after-destroy exception.
 *
 * <p>Why it waits: a destroy racing an operation must never let that operation compute with
 * half-wiped keys (review 3, finding 1: a wrap racing destroy could encrypt under an all-zero key).
 * One {@code int} holds the destroyed bit and the number of running operations: an operation enters
 * with one compare-and-set that fails once the bit is set, and leaves with one decrement; destroy
 * sets the bit (no new operation can enter from then on) and waits until the count is zero before
 * it wipes. No lock and no allocation per operation, and a holder costs two small objects, this and
 * its handle (an unwrapped key is created per unwrap). Operations run in parallel. A holder many
 * threads use at once ({@link #shared}) counts its operations per thread stripe instead, so that
 * they do not all write one word; destroy then sets the bit and waits for the sum. Destroy from
 * inside an operation of the same holder would wait for itself: the library never does that.
 * Thread-safe.
 */
public final class Lifecycle {
  private static final int DESTROYED = 1 << 31;
  private static final int WIPED = 1 << 30;
  private static final int COUNT = WIPED - 1;
  private static final AtomicIntegerFieldUpdater<Lifecycle> STATE =
      AtomicIntegerFieldUpdater.newUpdater(Lifecycle.class, "state");

  /** Counters of a {@link #shared} lifecycle: a power of two, at most 8, at least the cores. */
  private static final int STRIPES =
      Math.min(
          8,
          Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors() * 2 - 1)));

  /**
   * Ints per counter: 16 ints are 64 bytes, so two counters never share a cache line; the first
   * counter sits one stride in, so that none shares the line of the array's header, whose length
   * every access reads.
   */
  private static final int STRIDE = 16;

  /**
   * A stripe's count above which {@link #use()} also sums the stripes and refuses beyond {@link
   * #COUNT}, as the plain lifecycle does. Below it no check is needed while operations close on
   * the thread that opened them: all stripes together then hold at most half of {@code COUNT}
   * unchecked. Operations closed on other threads skew the stripes (one up, another down, the sum
   * right): a skewed stripe only takes the slower path, never refused for its own value, and a
   * stripe pushed below zero could climb unchecked by as much as it was pushed, which takes about
   * 10^9 operations open at once: far beyond any real use, so the guard is not exact there.
   */
  private static final int STRIPE_CHECK = COUNT / (2 * STRIPES);

  private final String what;
  private final Use release = this::release;

  /**
   * {@link #DESTROYED} bit | {@link #WIPED} bit | number of running operations (of a lifecycle
   * without {@link #stripes}).
   */
  private volatile int state;

  /**
   * {@code null}, or (a {@link #shared} lifecycle) the running operations counted per thread
   * stripe, one cache line each, so that threads entering and leaving do not write one shared word.
   * A stripe may go negative when an operation is closed on another thread than the one that began
   * it; the sum is the number running.
   */
  private final AtomicIntegerArray stripes;

  /** The end of one operation; closing releases it (never throws). */
  public interface Use extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Creates the live state of one holder.
   *
   * @param what the holder's name in the use-after-destroy message (for example {@code "KBPK"});
   *     never secret
   */
  public Lifecycle(String what) {
    this(what, null);
  }

  private Lifecycle(String what, AtomicIntegerArray stripes) {
    this.what = Objects.requireNonNull(what, "what");
    this.stripes = stripes;
  }

  /**
   * Creates the live state of a holder that many threads use at once (a KBPK, a PIN key, a payload
   * protector): the same contract, but entering and leaving an operation write a counter of the
   * calling thread's stripe instead of one word every thread writes (two threads sharing one KBPK
   * then scale as two with a KBPK each). Costs {@code 64 * STRIPES} bytes.
   *
   * @param what as {@link #Lifecycle(String)}
   * @return the lifecycle
   */
  public static Lifecycle shared(String what) {
    return new Lifecycle(what, new AtomicIntegerArray((STRIPES + 1) * STRIDE));
  }

  /**
   * Begins an operation on the secrets; close the result (try-with-resources) when it ends.
   *
   * @return the handle that ends the operation (the same object every time: no allocation per
   *     operation)
   * @throws IllegalStateException after {@link #destroy(Runnable)}, or when {@code 2^30 - 1}
   *     operations already run (a count that never overflows)
   */
  public Use use() {
    if (stripes != null) {
      // Dekker: count first, then read the flag; destroy sets the flag, then reads the counts
      // (both sequentially consistent). Either destroy sees this operation and waits, or this
      // operation sees the flag, backs out and throws.
      int i = stripe();
      if (stripes.incrementAndGet(i) > STRIPE_CHECK && running(0) > COUNT) {
        stripes.getAndDecrement(i);
        // Destroyed first, as the plain lifecycle reports it.
        throw (state & DESTROYED) != 0 ? destroyedException() : tooManyException();
      }
      if ((state & DESTROYED) != 0) {
        stripes.getAndDecrement(i);
        throw destroyedException();
      }
      return release;
    }
    while (true) {
      int s = state;
      if ((s & DESTROYED) != 0) {
        throw destroyedException();
      }
      if ((s & COUNT) == COUNT) {
        throw tooManyException();
      }
      if (STATE.compareAndSet(this, s, s + 1)) {
        return release;
      }
    }
  }

  /** Ends one operation begun by {@link #use()}: what closing its handle does. */
  private void release() {
    if (stripes != null) {
      stripes.getAndDecrement(stripe());
    } else {
      STATE.decrementAndGet(this);
    }
  }

  /** The calling thread's counter (thread ids are public: only a spreading hint). */
  private static int stripe() {
    return ((int) (Thread.currentThread().getId() & (STRIPES - 1)) + 1) * STRIDE;
  }

  /** Running operations: the count in {@code s}, plus the stripes' sum for a shared lifecycle. */
  private int running(int s) {
    int n = s & COUNT;
    if (stripes != null) {
      for (int i = STRIDE; i <= STRIPES * STRIDE; i += STRIDE) {
        n += stripes.get(i);
      }
    }
    return n;
  }

  /**
   * Throws when destroyed, without entering an operation (for reads of non-secret state that must
   * still fail after destroy).
   *
   * @throws IllegalStateException after {@link #destroy(Runnable)}
   */
  public void check() {
    if ((state & DESTROYED) != 0) {
      throw destroyedException();
    }
  }

  /**
   * Waits for the running operations, then runs {@code wipe} once; later calls do nothing.
   *
   * <p>A concurrent second call returns once the first call's wipe has run. Waiting backs off from
   * yielding to sleeping up to a millisecond, so a long operation (a streamed envelope) costs the
   * destroying thread little.
   *
   * @param wipe wipes the holder's secrets; runs at most once, after every running operation ended
   * @return {@code true} for the call that destroyed, {@code false} when already destroyed
   */
  public boolean destroy(Runnable wipe) {
    Objects.requireNonNull(wipe, "wipe");
    while (true) {
      int s = state;
      if ((s & DESTROYED) != 0) {
        awaitZero(WIPED); // another call destroys: return once its wipe has run
        return false;
      }
      if (STATE.compareAndSet(this, s, s | DESTROYED)) {
        break;
      }
    }
    awaitZero(0); // no operation can enter now; wait for the running ones
    try {
      wipe.run();
    } finally {
      // Only this call sets WIPED, and no operation can change the count now: one add suffices.
      STATE.getAndAdd(this, WIPED);
    }
    return true;
  }

  /** Waits until no operation runs and, if {@code bit} is not 0, until {@code bit} is set. */
  private void awaitZero(int bit) {
    long sleep = 1_000L;
    for (int spins = 0; ; spins++) {
      int s = state;
      if ((s & bit) == bit && running(s) == 0) {
        return;
      }
      if (spins < 64) {
        Thread.yield();
      } else {
        LockSupport.parkNanos(sleep);
        sleep = Math.min(sleep * 2, 1_000_000L);
      }
    }
  }

  /**
   * {@return whether a {@link #destroy(Runnable)} has wiped; {@code false} while it still waits for
   * running operations (new ones are already refused then)}
   */
  public boolean isDestroyed() {
    return (state & WIPED) != 0;
  }

  /** More operations than the count holds run at once: refused before the count overflows. */
  private IllegalStateException tooManyException() {
    return new IllegalStateException(what + ": too many concurrent operations");
  }

  /** {@return the one use-after-destroy exception, naming the holder and nothing secret} */
  public IllegalStateException destroyedException() {
    return new IllegalStateException(what + " was destroyed");
  }
}
