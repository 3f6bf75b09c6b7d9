/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import io.tr31.Tr31Exception;
import java.util.Objects;

/**
 * The one door from {@code io.tr31.terminal} to the package-private constructor of {@code
 * io.tr31.keyblock.KeyBlockUnwrapper} (the JDK's shared-secrets pattern): a key set hands out
 * unwrap-only views of the protection keys it owns, each guarded by the set's own check (liveness,
 * validity window), without a public factory that would let any caller attach a guard.
 *
 * <p>Typed by parameters so that this package does not depend on the key block package (the
 * layering {@code io.tr31 <- internal <- keyblock} stays acyclic). {@code io.tr31.keyblock}
 * registers the factory when its protection key class initialises, which happens before any
 * protection key exists. Not exported: callers outside the module cannot reach it.
 */
public final class Views {
  /** A check run before each use of a view; throws when its owner no longer allows the use. */
  public interface Guard {
    /**
     * Checks that the view may still be used.
     *
     * @throws Tr31Exception when the owner refuses the use (for example an expired key set)
     * @throws IllegalStateException when the owner was destroyed
     */
    void check() throws Tr31Exception;
  }

  /**
   * Makes an unwrap-only view of a protection key that cannot destroy it.
   *
   * @param <K> the protection key type
   * @param <V> the view type
   */
  public interface UnwrapOnly<K, V> {
    /**
     * Makes the view.
     *
     * @param kbpk the protection key, still owned by the caller
     * @param guard runs before every unwrap of the view and of the views it hands out
     * @return the view
     */
    V view(K kbpk, Guard guard);
  }

  private static volatile UnwrapOnly<?, ?> unwrapOnly;

  private Views() {}

  /**
   * Registers the factory; only the first registration counts.
   *
   * @param <K> the protection key type
   * @param <V> the view type
   * @param factory the key block package's factory
   */
  public static synchronized <K, V> void register(UnwrapOnly<K, V> factory) {
    if (unwrapOnly == null) {
      unwrapOnly = Objects.requireNonNull(factory, "factory");
    }
  }

  /**
   * The registered factory.
   *
   * @param <K> the protection key type
   * @param <V> the view type
   * @return the factory
   * @throws IllegalStateException if none is registered (no protection key class initialised yet)
   */
  @SuppressWarnings("unchecked")
  public static <K, V> UnwrapOnly<K, V> unwrapOnly() {
    UnwrapOnly<?, ?> f = unwrapOnly;
    if (f == null) {
      throw new IllegalStateException("no unwrap-only view factory registered");
    }
    return (UnwrapOnly<K, V>) f;
  }
}
