/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import io.tr31.Tr31Exception;
import io.tr31.internal.Bytes;
import io.tr31.internal.Hex;
import io.tr31.internal.Lifecycle;
import io.tr31.keyblock.KeyBlockHeader;
import io.tr31.keyblock.KeyBlockProtectionKey;
import io.tr31.keyblock.KeyCheckValue;
import io.tr31.keyblock.OptionalBlock;
import io.tr31.keyblock.OptionalBlockId;
import io.tr31.keyblock.WrapOptions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * The server side of {@code POST /pos/keys}: issues a POS key set under a zone master key (ZMK).
 *
 * <p>For each {@link Slot} in order it takes the given key or draws 32 bytes from the {@link
 * SecureRandom}, computes the seed's KCV ({@link KeySetKcv}) and wraps it as a version D key block
 * (ANSI X9.143:2022 7.3) under its parent: TMK under the ZMK, KEK under the TMK, MSK, TPK, TDK and
 * MAC under the KEK. Each header is the slot's template (src/docs/KEYSET.md) plus {@code LB} =
 * {@code slot/key_set_id/key_id/expires_at} and {@code TS} = {@code issued_at}, so the metadata is
 * authenticated by every block's MAC. {@code issued_at} is the clock's instant truncated to whole
 * seconds.
 *
 * <pre>{@code
 * try (KeySetIssuer issuer = KeySetIssuer.prepare(zmk);
 *     IssueRequest request = IssueRequest.builder().keySetId("ks-2025-01").build();
 *     IssuedKeySet set = issuer.issue(request)) {
 *   respond(set.json());                                     // the seed's response body
 *   store(set.keyBytes(Slot.MSK), set.keyBytes(Slot.MAC));   // copies for the key store; wipe
 * }
 * }</pre>
 *
 * <h2>Security</h2>
 *
 * <ul>
 *   <li>Wrap options: key length obfuscation on (X9.143 7.2), no {@code KC}/{@code KP} blocks: the
 *       version D MAC already authenticates key and header, the seed carries the KCVs in the JSON,
 *       and X9.24-1 defines no KCV for the HMAC key a {@code KC} block could hold.
 *   <li>The TMK and KEK are prepared as protection keys only for the duration of one {@code issue}
 *       and destroyed before it returns; every temporary key array is wiped in {@code finally}
 *       (best effort on the JVM).
 *   <li>Key separation: a key given in the {@link IssueRequest} that equals the ZMK is refused
 *       (constant-time comparison of fingerprints, {@link KeySetKcv}); the request itself refuses
 *       one key given for two slots.
 *   <li>The ZMK is copied into a prepared key block protection key and kept as a 16-byte
 *       fingerprint, never as clear bytes; {@link #destroy()} (or {@link #close()}) waits for the
 *       running {@code issue} calls and wipes both; afterwards {@code issue} throws {@link
 *       IllegalStateException}. Thread-safe if the {@link SecureRandom} is (the JDK's is).
 * </ul>
 *
 * @since 0.1.0
 */
public final class KeySetIssuer implements Destroyable, AutoCloseable {
  private final Lifecycle life = new Lifecycle("KeySetIssuer");
  private final ZoneMasterKey zmk;
  private final SecureRandom random;
  private final Clock clock;

  private KeySetIssuer(byte[] zmk, Builder b) {
    this.random = b.random != null ? b.random : new SecureRandom();
    this.clock = b.clock;
    this.zmk = new ZoneMasterKey(zmk);
  }

  /**
   * Prepares an issuer with a new {@link SecureRandom} and the system UTC clock.
   *
   * @param zmk the zone master key, AES-256 (32 bytes; copied, the caller wipes its array); not
   *     {@code null}
   * @return the issuer, which the caller closes when done
   * @throws NullPointerException if {@code zmk} is {@code null}
   * @throws IllegalArgumentException if the ZMK is not 32 bytes
   */
  public static KeySetIssuer prepare(byte[] zmk) {
    return builder().build(zmk);
  }

  /**
   * A builder, for a clock or a source of randomness other than the defaults.
   *
   * @return a builder with the system UTC clock and a new {@link SecureRandom}
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Settings of a {@link KeySetIssuer}; {@link #build(byte[])} takes the ZMK, so the builder never
   * holds key material. Not thread-safe; the issuer it builds is.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private SecureRandom random;

    private Builder() {}

    /**
     * The source of every key, generated key set id and padding.
     *
     * @param random the source; not {@code null}
     * @return this builder
     * @throws NullPointerException if {@code random} is {@code null}
     */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * The source of {@code issued_at}.
     *
     * @param clock the clock; not {@code null}
     * @return this builder
     * @throws NullPointerException if {@code clock} is {@code null}
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Prepares the issuer.
     *
     * @param zmk the zone master key, AES-256 (32 bytes; copied, the caller wipes its array); not
     *     {@code null}
     * @return the issuer, which the caller closes when done
     * @throws NullPointerException if {@code zmk} is {@code null}
     * @throws IllegalArgumentException if the ZMK is not 32 bytes
     */
    public KeySetIssuer build(byte[] zmk) {
      return new KeySetIssuer(zmk, this);
    }
  }

  /**
   * Issues a key set: every slot's key wrapped under its parent (TMK under the ZMK, KEK under the
   * TMK, the others under the KEK), with its KCV.
   *
   * @param request ids, validity and any keys to use instead of generated ones; not {@code null}
   * @return the issued set, which the caller closes when done
   * @throws NullPointerException if {@code request} is {@code null}
   * @throws IllegalStateException after {@link #destroy()}, or if {@code request} was destroyed
   * @throws IllegalArgumentException if {@code issued_at} or {@code expires_at} falls outside the
   *     years 0000-9999, or a key given in the request is the ZMK (key separation: the ceremony key
   *     never travels as a key of the set)
   */
  @SuppressWarnings("try") // the Use only brackets the operation
  public IssuedKeySet issue(IssueRequest request) {
    Objects.requireNonNull(request, "request");
    try (Lifecycle.Use u = life.use()) {
      return issueLive(request);
    }
  }

  private IssuedKeySet issueLive(IssueRequest request) {
    Instant issuedAt = KeySetTime.seconds(clock.instant());
    Instant expiresAt = issuedAt.plus(request.validity());
    if (!KeySetTime.representable(issuedAt) || !KeySetTime.representable(expiresAt)) {
      throw new IllegalArgumentException("issued_at and expires_at must fall in 0000-9999");
    }
    String keySetId = request.keySetId().orElseGet(this::randomId);
    Map<Slot, byte[]> keys = new EnumMap<>(Slot.class);
    Map<Slot, String> ids = new EnumMap<>(Slot.class);
    Map<Slot, String> blocks = new EnumMap<>(Slot.class);
    Map<Slot, KeyCheckValue> kcvs = new EnumMap<>(Slot.class);
    KeyBlockProtectionKey tmk = null;
    KeyBlockProtectionKey kek = null;
    WrapOptions padding = WrapOptions.builder().paddingSource(random).build();
    boolean done = false;
    try {
      for (Slot slot : Slot.values()) {
        byte[] key = request.key(slot).orElseGet(this::fresh);
        keys.put(slot, key);
        requireNotZmk(slot, key);
        ids.put(slot, request.keyId(slot, keySetId));
        kcvs.put(slot, KeySetKcv.compute(key));
        String label = KeySetResponse.label(slot, keySetId, ids.get(slot), expiresAt);
        KeyBlockHeader header =
            slot.headerTemplate()
                .toBuilder()
                .optionalBlock(OptionalBlock.label(label))
                .optionalBlock(OptionalBlock.timestamp(OptionalBlockId.TS, issuedAt))
                .build();
        KeyBlockProtectionKey parent = slot == Slot.TMK ? zmk.kbpk() : slot == Slot.KEK ? tmk : kek;
        blocks.put(slot, wrap(parent, header, key, padding));
        if (slot == Slot.TMK) {
          tmk = KeyBlockProtectionKey.aes(key);
        } else if (slot == Slot.KEK) {
          kek = KeyBlockProtectionKey.aes(key);
        }
      }
      KeySetResponse response =
          new KeySetResponse(keySetId, issuedAt, expiresAt, ids, blocks, kcvs);
      IssuedKeySet issued = new IssuedKeySet(response, keys);
      done = true;
      return issued;
    } finally {
      if (tmk != null) {
        tmk.destroy();
      }
      if (kek != null) {
        kek.destroy();
      }
      if (!done) {
        Bytes.wipeAll(keys.values());
      }
    }
  }

  /** The fixed templates of the slots always wrap: a failure is a bug of this library. */
  private static String wrap(
      KeyBlockProtectionKey parent, KeyBlockHeader header, byte[] key, WrapOptions options) {
    try {
      return parent.wrap(header, key, options);
    } catch (Tr31Exception e) {
      throw new IllegalStateException("the key set templates always wrap", e);
    }
  }

  /** Constant time, on fingerprints: the issuer holds no clear copy of the ZMK. */
  private void requireNotZmk(Slot slot, byte[] key) {
    byte[] f = KeySetKcv.fingerprint(key);
    boolean same = zmk.isSameKey(f);
    Bytes.wipe(f);
    if (same) {
      throw new IllegalArgumentException("the key given for " + slot + " is the ZMK");
    }
  }

  private byte[] fresh() {
    byte[] k = new byte[Slot.KEY_BYTES];
    random.nextBytes(k);
    return k;
  }

  private String randomId() {
    byte[] b = new byte[4];
    random.nextBytes(b);
    return "ks-" + Hex.encode(b).toLowerCase(Locale.ROOT);
  }

  /**
   * Waits for the running {@code issue} calls, then destroys the prepared ZMK and wipes its
   * fingerprint. Best effort on the JVM; idempotent.
   */
  @Override
  public void destroy() {
    life.destroy(zmk::destroy);
  }

  @Override
  public boolean isDestroyed() {
    return life.isDestroyed();
  }

  /** Same as {@link #destroy()}, for try-with-resources. */
  @Override
  public void close() {
    destroy();
  }
}
