/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

/**
 * Options for {@link KeyBlockProtectionKey#wrap(KeyBlockHeader, byte[], WrapOptions)}.
 *
 * <p>Defaults: key length obfuscation on (ANSI X9.143:2022 7.2), no {@code KC} or {@code KP}
 * optional block, the versions X9.143 deprecates ({@code A} and {@code C}) refused, padding from
 * the library's own {@link SecureRandom}. Each departure from a default is one named builder call,
 * visible in the caller's code.
 *
 * <h2>Security</h2>
 *
 * <ul>
 *   <li>Immutable and thread-safe; holds no secrets.
 *   <li>{@code KC} publishes a check value of the wrapped key and {@code KP} one of the KBPK inside
 *       the (authenticated, unencrypted) header, as X9.143 6.3 allows: a KCV identifies a key, it
 *       does not reveal it.
 *   <li>With obfuscation every AES or TDES key produces a payload as long as the longest key of its
 *       algorithm, so the block does not tell a 128-bit AES key from a 256-bit one; HMAC and
 *       asymmetric keys have no maximum and are padded to the cipher block only. {@link
 *       Builder#exactKeyLength()} pads to the cipher block only, as TR-31:2018 examples and many
 *       HSMs do: choose it only for a peer that requires it. Unwrap accepts both.
 *   <li>A and C (TDES key variant binding, 4-byte MAC) stay readable for migration; writing them
 *       needs {@link Builder#allowDeprecatedVersions()}. The Thales proprietary {@code 0} is never
 *       written.
 * </ul>
 *
 * @since 0.1.0
 */
public final class WrapOptions {
  private static final WrapOptions DEFAULTS = builder().build();

  private final KcvMethod keyKcv;
  private final KcvMethod kbpkKcv;
  private final boolean exactKeyLength;
  private final boolean allowDeprecatedVersions;
  private final SecureRandom paddingSource;

  private WrapOptions(Builder b) {
    this.keyKcv = b.keyKcv;
    this.kbpkKcv = b.kbpkKcv;
    this.exactKeyLength = b.exactKeyLength;
    this.allowDeprecatedVersions = b.allowDeprecatedVersions;
    this.paddingSource = b.paddingSource;
  }

  /**
   * {@return the defaults: obfuscated key length, no KC, no KP, versions A and C refused, the
   * library's padding source} One shared instance.
   */
  public static WrapOptions defaults() {
    return DEFAULTS;
  }

  /** {@return a new builder starting from the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options, for a caller inside the package that adjusts one. */
  Builder toBuilder() {
    Builder b = new Builder();
    b.keyKcv = keyKcv;
    b.kbpkKcv = kbpkKcv;
    b.exactKeyLength = exactKeyLength;
    b.allowDeprecatedVersions = allowDeprecatedVersions;
    b.paddingSource = paddingSource;
    return b;
  }

  /** The method of the {@code KC} block (check value of the wrapped key), or empty for none. */
  Optional<KcvMethod> keyKcv() {
    return Optional.ofNullable(keyKcv);
  }

  /** The method of the {@code KP} block (check value of the KBPK), or empty for none. */
  Optional<KcvMethod> kbpkKcv() {
    return Optional.ofNullable(kbpkKcv);
  }

  /** Whether the payload is padded to the cipher block only (the key's length shows). */
  boolean exactKeyLength() {
    return exactKeyLength;
  }

  /** Whether the deprecated versions A and C may be written. */
  boolean allowDeprecatedVersions() {
    return allowDeprecatedVersions;
  }

  /** The caller's padding source, or {@code null} for the library's (buffered) one. */
  SecureRandom paddingSource() {
    return paddingSource;
  }

  /** Builds {@link WrapOptions}. Not thread-safe; the built options are. */
  public static final class Builder {
    private KcvMethod keyKcv;
    private KcvMethod kbpkKcv;
    private boolean exactKeyLength;
    private boolean allowDeprecatedVersions;
    private SecureRandom paddingSource;

    private Builder() {}

    /**
     * Adds a {@code KC} block with the wrapped key's check value computed by {@code method}, at the
     * method's full length (3 bytes legacy, 5 CMAC). Wrap then refuses keys whose algorithm has no
     * KCV (HMAC, asymmetric).
     *
     * @param method how to compute the check value; not {@code null}
     * @return this builder
     * @throws NullPointerException if {@code method} is {@code null}
     */
    public Builder keyKcv(KcvMethod method) {
      this.keyKcv = Objects.requireNonNull(method, "method");
      return this;
    }

    /**
     * Adds a {@code KP} block with the KBPK's check value computed by {@code method}, at the
     * method's full length (3 bytes legacy, 5 CMAC).
     *
     * @param method how to compute the check value; not {@code null}
     * @return this builder
     * @throws NullPointerException if {@code method} is {@code null}
     */
    public Builder kbpkKcv(KcvMethod method) {
      this.kbpkKcv = Objects.requireNonNull(method, "method");
      return this;
    }

    /**
     * Pads the key only to the cipher block, so the block shows the key's length (default: padded
     * to the algorithm's longest key first, X9.143 7.2 key length obfuscation).
     *
     * @return this builder
     */
    public Builder exactKeyLength() {
      this.exactKeyLength = true;
      return this;
    }

    /**
     * Lets wrap write the versions X9.143 deprecates, {@code A} and {@code C} (default: refused
     * with {@link io.tr31.ErrorCode#UNSUPPORTED_OPERATION}). Only to feed a peer that reads
     * nothing newer.
     *
     * @return this builder
     */
    public Builder allowDeprecatedVersions() {
      this.allowDeprecatedVersions = true;
      return this;
    }

    /**
     * Draws every wrap's padding from {@code random} instead of the library's own {@link
     * SecureRandom} (inject a seeded source in tests). The source only supplies padding, but with a
     * predictable one two wraps of the same key under the same header give the same key block:
     * production code keeps the default.
     *
     * @param random the padding source; shared by every thread that wraps with these options, so
     *     it must be thread-safe ({@link SecureRandom} instances are); not {@code null}
     * @return this builder
     * @throws NullPointerException if {@code random} is {@code null}
     */
    public Builder paddingSource(SecureRandom random) {
      this.paddingSource = Objects.requireNonNull(random, "random");
      return this;
    }

    /** {@return the immutable options} The builder may be reused. */
    public WrapOptions build() {
      return new WrapOptions(this);
    }
  }
}
