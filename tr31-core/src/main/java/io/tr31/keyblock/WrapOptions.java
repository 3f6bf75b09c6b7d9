/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import java.util.Objects;
import java.util.Optional;

/**
 * Options for {@link KeyBlockProtectionKey#wrap(KeyBlockHeader, byte[], WrapOptions)}.
 *
 * <p>Defaults: key length obfuscation on, no {@code KC} or {@code KP} optional block, deprecated
 * versions A and C refused ({@link LegacyVersions#REFUSE}).
 *
 * <h2>Security</h2>
 *
 * Immutable and thread-safe; holds no secrets. {@code KC} publishes a check value of the wrapped
 * key and {@code KP} one of the KBPK inside the (authenticated, unencrypted) header, as X9.143 6.3
 * allows: a KCV identifies a key, it does not reveal it.
 *
 * @since 0.1.0
 */
public final class WrapOptions {
  private static final WrapOptions DEFAULTS = builder().build();

  private final KcvMethod keyKcv;
  private final KcvMethod kbpkKcv;
  private final KeyLengthPolicy keyLengthPolicy;
  private final LegacyVersions legacyVersions;

  private WrapOptions(Builder b) {
    this.legacyVersions = b.legacyVersions;
    this.keyKcv = b.keyKcv;
    this.kbpkKcv = b.kbpkKcv;
    this.keyLengthPolicy = b.keyLengthPolicy;
  }

  /**
   * {@return the defaults: obfuscated key length, no KC, no KP, versions A and C refused} One
   * shared instance.
   */
  public static WrapOptions defaults() {
    return DEFAULTS;
  }

  /** {@return a new builder starting from the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@return the method of the {@code KC} block (check value of the wrapped key); empty when wrap
   * adds none}
   */
  public Optional<KcvMethod> keyKcv() {
    return Optional.ofNullable(keyKcv);
  }

  /**
   * {@return the method of the {@code KP} block (check value of the KBPK); empty when wrap adds
   * none}
   */
  public Optional<KcvMethod> kbpkKcv() {
    return Optional.ofNullable(kbpkKcv);
  }

  /**
   * {@return how the payload is padded: to the algorithm's maximum key length first, or to the
   * cipher block only}
   */
  public KeyLengthPolicy keyLengthPolicy() {
    return keyLengthPolicy;
  }

  /** {@return whether the deprecated versions A and C may be written} */
  public LegacyVersions legacyVersions() {
    return legacyVersions;
  }

  @Override
  public String toString() {
    return "WrapOptions[kc="
        + keyKcv
        + ", kp="
        + kbpkKcv
        + ", keyLength="
        + keyLengthPolicy
        + ", legacy="
        + legacyVersions
        + "]";
  }

  /** Builds {@link WrapOptions}. Not thread-safe; the built options are. */
  public static final class Builder {
    private KcvMethod keyKcv;
    private KcvMethod kbpkKcv;
    private KeyLengthPolicy keyLengthPolicy = KeyLengthPolicy.OBFUSCATED;
    private LegacyVersions legacyVersions = LegacyVersions.REFUSE;

    private Builder() {}

    /**
     * Sets whether the X9.143-deprecated versions A and C may be written (default {@link
     * LegacyVersions#REFUSE}).
     *
     * @param legacy {@link LegacyVersions#ALLOW_DEPRECATED} to write A and C; not {@code null}
     * @return this builder
     * @throws NullPointerException if {@code legacy} is {@code null}
     */
    public Builder legacyVersions(LegacyVersions legacy) {
      this.legacyVersions = Objects.requireNonNull(legacy, "legacy");
      return this;
    }

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
     * Sets the key length policy (default {@link KeyLengthPolicy#OBFUSCATED}).
     *
     * @param policy how to pad the payload; not {@code null}
     * @return this builder
     * @throws NullPointerException if {@code policy} is {@code null}
     */
    public Builder keyLengthPolicy(KeyLengthPolicy policy) {
      this.keyLengthPolicy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /** {@return the immutable options} The builder may be reused. */
    public WrapOptions build() {
      return new WrapOptions(this);
    }
  }
}
