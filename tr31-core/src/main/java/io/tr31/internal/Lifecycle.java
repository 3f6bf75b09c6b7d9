/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import java.util.Objects;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The one destroy-once state of every holder of secrets in the library: operations run inside
 * {@link #use()}, {@link #destroy(Runnable)} waits for the running ones, wipes exactly once and
 * makes every later operation throw the one use-after-destroy exception.
 *
 * <p>Why a lock: a destroy racing an operation must never let that operation compute with
 * half-wiped keys (review 3, finding 1: a wrap racing destroy could encrypt under an all-zero
 * key). Operations share the read lock, so they run in parallel; only destroy is exclusive.
 * Thread-safe.
 */
public final class Lifecycle {
  private final String what;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Lock shared = lock.readLock();
  private final Use release = shared::unlock;
  private volatile boolean destroyed;

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
    this.what = Objects.requireNonNull(what, "what");
  }

  /**
   * Begins an operation on the secrets; close the result (try-with-resources) when it ends.
   *
   * @return the handle that ends the operation (the same object every time: no allocation)
   * @throws IllegalStateException after {@link #destroy(Runnable)}
   */
  public Use use() {
    shared.lock();
    if (destroyed) {
      shared.unlock();
      throw destroyedException();
    }
    return release;
  }

  /**
   * Throws when destroyed, without entering an operation (for reads of non-secret state that
   * must still fail after destroy).
   *
   * @throws IllegalStateException after {@link #destroy(Runnable)}
   */
  public void check() {
    if (destroyed) {
      throw destroyedException();
    }
  }

  /**
   * Waits for the running operations, then runs {@code wipe} once; later calls do nothing.
   *
   * @param wipe wipes the holder's secrets; runs at most once, under the exclusive lock
   * @return {@code true} for the call that destroyed, {@code false} when already destroyed
   */
  public boolean destroy(Runnable wipe) {
    Objects.requireNonNull(wipe, "wipe");
    Lock exclusive = lock.writeLock();
    exclusive.lock();
    try {
      if (destroyed) {
        return false;
      }
      destroyed = true;
      wipe.run();
      return true;
    } finally {
      exclusive.unlock();
    }
  }

  /** {@return whether {@link #destroy(Runnable)} ran} */
  public boolean isDestroyed() {
    return destroyed;
  }

  /** {@return the one use-after-destroy exception, naming the holder and nothing secret} */
  public IllegalStateException destroyedException() {
    return new IllegalStateException(what + " was destroyed");
  }
}
