/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31Exception;
import io.tr31.Tr31PolicyException;


import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Re-wraps key blocks under a new KBPK and version: the migration of TDES key blocks (A, B, C,
 * Thales {@code 0}) to AES version D that X9.143 and PCI's key block mandate ask for.
 *
 * <pre>{@code
 * Rewrap migration = Rewrap.builder(oldTdesKbpk, newAesKbpk).build(); // to version D
 * Rewrap.Result r = migration.rewrap(oldBlock, Profile.STRICT);
 * send(r.keyBlock()); log(r.kcv(KcvMethod.CMAC)); // operators confirm the key by its KCV
 * }</pre>
 *
 * <p>Each block is unwrapped under the source KBPK (MAC verified first), its header mapped by
 * its source header — key usage, algorithm, mode of use, key version, exportability, key
 * context and optional blocks kept; the version changed; {@code PB} recomputed; {@code KP}
 * recomputed for the new KBPK with the same KCV method — optionally adjusted by a header override,
 * and wrapped under the target KBPK.
 *
 * <h2>Security</h2>
 *
 * <ul>
 *   <li>A key whose authenticated header says exportability {@code N} (X9.143 6.2, Table 5: not
 *       exportable) is refused with {@link ErrorCode#KEY_NOT_EXPORTABLE}, whatever the override.
 *   <li>A key whose authenticated header says key context {@code 1} (X9.143:2022 6.2, Table 6:
 *       storage context only) is refused with {@link ErrorCode#KEY_STORAGE_ONLY} unless the caller
 *       states, with {@link Builder#targetIsStorageKey()}, that the target KBPK is a
 *       storage key: a storage block must not become an exchange block. The new block
 *       keeps the source's key context whatever the target.
 *   <li>The recovered key lives only inside {@link #rewrap} and is wiped before it returns (best
 *       effort on the JVM). The result carries the new block and the key's check values, which
 *       identify the key without revealing it.
 *   <li>The output is strict X9.143 (or ISO 20038 for E): a header that only the lenient profile
 *       accepted is refused by the wrap, never copied.
 *   <li>A block that holds its own KBPK (the source KBPK, or the target KBPK) is refused with
 *       {@link ErrorCode#KEY_IS_KBPK}: re-wrapped, it would hand whoever holds the target KBPK the
 *       source KBPK and every block under it. The keys are compared in constant time through
 *       salted fingerprints, a DES-family key whatever its parity bits.
 *   <li>The new block never states a better wrapping history than its source: when the source
 *       KBPK is weaker than the key (X9.24-1 strength, {@link
 *       io.tr31.keyblock.KeyAlgorithm#securityStrengthBits}; for an asymmetric key, whose strength
 *       its length does not tell, a source KBPK below 112 bits), the new header's {@code WP}
 *       block says pedigree 1 (lesser; 3 when the source said 2), added if the source had none; a
 *       source {@code WP} is carried, and a header override can add to it, never take away
 *       (X9.143:2021 6.3.6.15, Table 23).
 *   <li>Every tolerance the lenient profile used to read the source block is reported in {@link
 *       Result#warnings()}.
 *   <li>A key component ({@code cN} key version) stays the same component: the header override
 *       cannot turn it into a complete key or another component, nor a complete key into one.
 *   <li>Immutable and thread-safe if the override function is; the KBPKs stay owned (and destroyed)
 *       by the caller.
 * </ul>
 *
 * @since 0.1.0
 */
public final class Rewrap {
  private final KeyBlockProtectionKey from;
  private final KeyBlockProtectionKey to;
  private final KeyBlockVersion toVersion;
  private final UnaryOperator<KeyBlockHeader> headerOverride;
  private final WrapOptions options;
  private final boolean targetIsStorageKey;

  private Rewrap(Builder b) {
    this.from = b.from;
    this.to = b.to;
    this.toVersion = b.toVersion;
    this.headerOverride = b.headerOverride;
    this.options = b.options;
    this.targetIsStorageKey = b.targetIsStorageKey;
  }

  /**
   * Starts a re-wrapper of blocks read under {@code from} into blocks under {@code to}.
   *
   * @param from the source KBPK, which must serve the source blocks' versions; not {@code null}
   * @param to the target KBPK, which must serve the target version (D by default); not {@code null}
   * @return a builder with the defaults: version D, no override, {@link
   *     WrapOptions#defaults()}, a target KBPK that may be shared (storage-only blocks refused)
   * @throws NullPointerException if an argument is {@code null}
   */
  public static Builder builder(KeyBlockProtectionKey from, KeyBlockProtectionKey to) {
    return new Builder(from, to);
  }

  /**
   * The header a key of {@code source} gets in version {@code toVersion}: every field and optional
   * block kept except the version, {@code PB} (recomputed by wrap) and {@code KP} (the check value
   * of the old KBPK, recomputed for the new one by {@link #rewrap}).
   *
   * @param source the authenticated header of the source block; not {@code null}
   * @param toVersion the version to write; not {@code null}
   * @return the target header, before any header override
   * @throws NullPointerException if an argument is {@code null}
   */
  static KeyBlockHeader targetHeader(KeyBlockHeader source, KeyBlockVersion toVersion) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(toVersion, "toVersion");
    return source
        .toBuilder()
        .version(toVersion)
        .withoutOptionalBlock("PB")
        .withoutOptionalBlock("KP")
        .build();
  }

  /**
   * Unwraps {@code keyBlock} under the source KBPK and wraps its key under the target KBPK: the
   * header keeps every field and optional block except the version, {@code PB} (recomputed) and
   * {@code KP} (recomputed for the target KBPK with the same method).
   *
   * @param keyBlock the untrusted source key block; {@code null} is reported as {@link
   *     ErrorCode#NULL_INPUT}
   * @param profile how strictly to read the source block ({@link Profile#STRICT} unless legacy
   *     blocks need the lenient profile); the new block is always strict; not {@code null}
   * @return the new key block and the check values of the key it carries
   * @throws NullPointerException if {@code profile} is {@code null}
   * @throws IllegalStateException if either KBPK has been destroyed
   * @throws Tr31Exception anything unwrap throws; {@link ErrorCode#KEY_NOT_EXPORTABLE} when the
   *     key's exportability is {@code N}; {@link ErrorCode#KEY_STORAGE_ONLY} for a key of context
   *     {@code 1} unless {@link Builder#targetIsStorageKey()}; {@link
   *     ErrorCode#REWRAP_WIDENS_KEY_USE} when the header override widens the key's use; {@link
   *     ErrorCode#REWRAP_CHANGES_KEY_COMPONENT} when it changes a key version into, out of or
   *     between key components ({@code cN}); {@link ErrorCode#KEY_IS_KBPK} when the key is the
   *     source or the target KBPK (a DES-family key whatever its parity bits); anything wrap
   *     throws for the target header (for example {@link ErrorCode#WRONG_KBPK_FOR_VERSION} when
   *     the target KBPK cannot serve the version)
   */
  public Result rewrap(CharSequence keyBlock, Profile profile) throws Tr31Exception {
    Objects.requireNonNull(profile, "profile");
    KeyBlock parsed = KeyBlock.parse(keyBlock, profile);
    try (UnwrappedKey key = from.unwrap(parsed, profile)) {
      KeyBlockHeader source = key.header();
      if (source.exportability() == Exportability.NON_EXPORTABLE) {
        // X9.143 Table 5: N forbids wrapping the key under any other key.
        throw new Tr31PolicyException(
            ErrorCode.KEY_NOT_EXPORTABLE,
            "exportability N: the key may not be wrapped under another KBPK");
      }
      if (source.keyContext() == KeyContext.STORAGE_ONLY && !targetIsStorageKey) {
        // X9.143:2022 Table 6: context 1 is for storage under a local key, not for exchange.
        throw new Tr31PolicyException(
            ErrorCode.KEY_STORAGE_ONLY,
            "key context 1 (storage only): re-wrap it only under a storage KBPK"
                + " (targetIsStorageKey())");
      }
      KeyBlockHeader target = headerOverride.apply(targetHeader(source, toVersion));
      RewrapRules.requireNoWidening(source, target, toVersion);
      RewrapRules.requireSameComponent(source, target);
      // X9.24-1 lets a key be protected only by a key of equal or greater strength: when the
      // source KBPK was weaker, the new block says so, whatever the source block claimed (F4).
      WrapOptions wrapOptions = options;
      Optional<KeyCheckValue> kp =
          source.optionalBlock(OptionalBlockId.KP).flatMap(OptionalBlock::kcv);
      if (kp.isPresent() && !options.kbpkKcv().isPresent()) {
        wrapOptions = options.toBuilder().kbpkKcv(kp.get().method()).build();
      }
      byte[] bytes = key.keyBytes();
      try {
        if (from.isThisKbpk(bytes, key.header().algorithm())) {
          // Review 4, finding 2: whoever holds the target KBPK would get the source KBPK, and with
          // it every block under it. Wrap checks the target KBPK itself.
          throw new Tr31PolicyException(ErrorCode.KEY_IS_KBPK, null);
        }
        boolean sourceKbpkWeaker =
            WrappingPedigree.lesser(key.header().algorithm(), bytes, from.keys().strengthBits);
        target = WrappingPedigree.carry(source, target, sourceKbpkWeaker);
        String block = to.wrap(target, bytes, wrapOptions);
        boolean defined = KeyCheckValue.isDefinedFor(key.header().algorithm());
        return new Result(
            block,
            defined ? key.kcv(KcvMethod.LEGACY) : null,
            defined ? key.kcv(KcvMethod.CMAC) : null,
            key.warnings());
      } finally {
        io.tr31.internal.Bytes.wipe(bytes);
      }
    }
  }

  /**
   * One re-wrapped key block and the check values of the key it carries.
   *
   * <h2>Security</h2>
   *
   * Immutable; holds no secret (a KCV identifies a key, X9.24-1 A.2/A.3).
   *
   * @since 0.1.0
   */
  public static final class Result {
    private final String keyBlock;
    private final KeyCheckValue kcvLegacy;
    private final KeyCheckValue kcvCmac;
    private final List<Tr31Warning> warnings;

    /** {@code warnings} is {@link UnwrappedKey#warnings()}: already an immutable copy. */
    Result(
        String keyBlock,
        KeyCheckValue kcvLegacy,
        KeyCheckValue kcvCmac,
        List<Tr31Warning> warnings) {
      this.keyBlock = keyBlock;
      this.kcvLegacy = kcvLegacy;
      this.kcvCmac = kcvCmac;
      this.warnings = warnings;
    }

    /**
     * Every tolerance the lenient profile used to read the source block: the source unwrap's
     * {@link UnwrappedKey#warnings()} (its header's, its block's, the source KBPK's and the key's).
     * The new block itself is strict X9.143 and needs none.
     *
     * @return an immutable list, empty under the strict profile and for a source block that needed
     *     no tolerance
     */
    public List<Tr31Warning> warnings() {
      return warnings;
    }

    /** {@return the new key block, under the target KBPK} */
    public String keyBlock() {
      return keyBlock;
    }

    /**
     * The key's check value by {@code method} (3 bytes legacy, 5 bytes CMAC); empty for keys that
     * have no X9.24-1 KCV (HMAC, asymmetric).
     *
     * @param method the KCV method; not {@code null}
     * @return the check value, or empty for keys without a KCV
     * @throws NullPointerException if {@code method} is {@code null}
     */
    public Optional<KeyCheckValue> kcv(KcvMethod method) {
      Objects.requireNonNull(method, "method");
      return Optional.ofNullable(method == KcvMethod.LEGACY ? kcvLegacy : kcvCmac);
    }
  }

  /** Builds a {@link Rewrap}. Not thread-safe; the built object is. */
  public static final class Builder {
    private final KeyBlockProtectionKey from;
    private final KeyBlockProtectionKey to;
    private KeyBlockVersion toVersion = KeyBlockVersion.D;
    private UnaryOperator<KeyBlockHeader> headerOverride = UnaryOperator.identity();
    private WrapOptions options = WrapOptions.defaults();
    private boolean targetIsStorageKey;

    private Builder(KeyBlockProtectionKey from, KeyBlockProtectionKey to) {
      this.from = Objects.requireNonNull(from, "from");
      this.to = Objects.requireNonNull(to, "to");
    }

    /**
     * Sets the version written (default {@link KeyBlockVersion#D}).
     *
     * @param version the target version; the target KBPK must serve it; not {@code null}
     * @return this builder
     * @throws NullPointerException if {@code version} is {@code null}
     */
    public Builder toVersion(KeyBlockVersion version) {
      this.toVersion = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * Adjusts each target header (the source's, with the target version and without {@code PB} and
     * {@code KP}) before it is written (for example a new key version); it
     * must keep the version. It cannot make an {@code N} key exportable: that is refused first.
     *
     * @param override maps the target header to the header written; it may narrow mode of use and
     *     exportability and change the key version and optional blocks, anything wider is refused
     *     with {@link ErrorCode#REWRAP_WIDENS_KEY_USE}; not {@code null}
     * @return this builder
     * @throws NullPointerException if {@code override} is {@code null}
     */
    public Builder headerOverride(UnaryOperator<KeyBlockHeader> override) {
      this.headerOverride = Objects.requireNonNull(override, "override");
      return this;
    }

    /**
     * Sets the wrap options for the new blocks (default {@link WrapOptions#defaults()}); a {@code
     * KP} of the source is rewritten with its KCV method when the options ask for none.
     *
     * @param options the options; not {@code null}
     * @return this builder
     * @throws NullPointerException if {@code options} is {@code null}
     */
    public Builder wrapOptions(WrapOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * States that the target KBPK is a local storage key that never leaves this system (for example
     * a new storage KBPK of the same system), so that storage-only blocks (key context {@code 1},
     * X9.143:2022 Table 6) are re-wrapped, and stay storage-only. By default the target KBPK may be
     * shared with another party and storage-only blocks are refused with {@link
     * ErrorCode#KEY_STORAGE_ONLY}: the library cannot tell a storage KBPK from an exchange KBPK, so
     * the default assumes the more dangerous case.
     *
     * @return this builder
     */
    public Builder targetIsStorageKey() {
      this.targetIsStorageKey = true;
      return this;
    }

    /** {@return the immutable re-wrapper} The builder may be reused. */
    public Rewrap build() {
      return new Rewrap(this);
    }
  }
}
