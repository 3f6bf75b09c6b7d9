/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import io.tr31.internal.Bytes;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.Destroyable;

/**
 * What {@link KeySetIssuer#issue(IssueRequest)} should issue: the key set id, the key ids, the
 * validity, and optionally keys to use instead of generating them.
 *
 * <p>Defaults: a key set id {@code ks-} followed by 8 random hex digits (drawn at issue time from
 * the issuer's {@link java.security.SecureRandom}); key ids derived from the key set id as in the
 * seed ({@code ks-2025-01} gives {@code tmk-2025-01}, any other id {@code X} gives {@code tmk-X});
 * a validity of 365 days; fresh random keys.
 *
 * <h2>Security</h2>
 *
 * Keys given to {@link Builder#key(Slot, byte[])} are copied; {@link Builder#build()} wipes the
 * builder's copies whether it succeeds or throws, {@link #destroy()} (or {@link #close()}) the
 * request's (best effort on the JVM), and the issuer never keeps them. Key separation: {@link
 * Builder#build()} refuses one key given for two slots, and {@link
 * KeySetIssuer#issue(IssueRequest)} refuses a given key equal to its ZMK (the request does not know
 * the ZMK); issuing from a destroyed request throws {@link IllegalStateException}. Immutable after
 * {@link Builder#build()} apart from {@link #destroy()}; thread-safe.
 *
 * @since 0.1.0
 */
public final class IssueRequest implements Destroyable, AutoCloseable {
  /** The default validity: 365 days. */
  public static final Duration DEFAULT_VALIDITY = Duration.ofDays(365);

  private final String keySetId;
  private final Map<Slot, String> keyIds;
  private final Duration validity;
  private final SlotKeys keys;

  private IssueRequest(Builder b) {
    this.keySetId = b.keySetId;
    this.keyIds = new EnumMap<>(b.keyIds);
    this.validity = b.validity;
    Map<Slot, byte[]> copies = new EnumMap<>(Slot.class);
    for (Map.Entry<Slot, byte[]> e : b.keys.entrySet()) {
      copies.put(e.getKey(), e.getValue().clone());
    }
    this.keys = new SlotKeys("IssueRequest", copies);
  }

  /**
   * {@return a new builder with the defaults: a generated key set id, derived key ids, {@link
   * #DEFAULT_VALIDITY}, every key generated}
   */
  public static Builder builder() {
    return new Builder();
  }

  /** The requested key set id; empty when the issuer generates one. */
  Optional<String> keySetId() {
    return Optional.ofNullable(keySetId);
  }

  /** The key id for {@code slot} under {@code keySetId}: the one given, or the derived default. */
  String keyId(Slot slot, String keySetId) {
    String given = keyIds.get(slot);
    if (given != null) {
      return given;
    }
    String suffix = keySetId.startsWith("ks-") ? keySetId.substring(2) : "-" + keySetId;
    String derived = slot.jsonName() + suffix;
    return derived.substring(0, Math.min(derived.length(), KeySetResponse.MAX_ID_CHARS));
  }

  /** How long the set is valid from its {@code issued_at}, whole seconds. */
  Duration validity() {
    return validity;
  }

  /** A copy of the key given for {@code slot}, if any (the caller wipes it). */
  Optional<byte[]> key(Slot slot) {
    return Optional.ofNullable(keys.copy(slot));
  }

  /** Wipes the copies of any keys given to the builder. Best effort on the JVM; idempotent. */
  @Override
  public void destroy() {
    keys.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return keys.isDestroyed();
  }

  /** Same as {@link #destroy()}, for try-with-resources. */
  @Override
  public void close() {
    destroy();
  }

  /**
   * Builds an {@link IssueRequest}. Not thread-safe.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private String keySetId;
    private final Map<Slot, String> keyIds = new EnumMap<>(Slot.class);
    private Duration validity = DEFAULT_VALIDITY;
    private final Map<Slot, byte[]> keys = new EnumMap<>(Slot.class);

    private Builder() {}

    /**
     * Sets the key set id.
     *
     * @param id 1-64 characters of {@code A-Z a-z 0-9 . _ -}; not {@code null}
     * @return this builder
     * @throws NullPointerException if {@code id} is {@code null}
     * @throws IllegalArgumentException unless 1-64 characters of {@code A-Z a-z 0-9 . _ -}
     */
    public Builder keySetId(String id) {
      this.keySetId = checkId(id);
      return this;
    }

    /**
     * Sets the key id of one slot instead of the one derived from the key set id.
     *
     * @param slot the slot; not {@code null}
     * @param id 1-64 characters of {@code A-Z a-z 0-9 . _ -}; not {@code null}
     * @return this builder
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException if {@code id} breaks the rule
     */
    public Builder keyId(Slot slot, String id) {
      keyIds.put(Objects.requireNonNull(slot, "slot"), checkId(id));
      return this;
    }

    /**
     * Sets the validity.
     *
     * @param validity how long the set is valid from its {@code issued_at}; not {@code null}
     * @return this builder
     * @throws NullPointerException if {@code validity} is {@code null}
     * @throws IllegalArgumentException unless a positive whole number of seconds
     */
    public Builder validity(Duration validity) {
      Objects.requireNonNull(validity, "validity");
      if (validity.isNegative() || validity.isZero() || validity.getNano() != 0) {
        throw new IllegalArgumentException("validity must be a positive whole number of seconds");
      }
      this.validity = validity;
      return this;
    }

    /**
     * Uses {@code key} (copied) for {@code slot} instead of generating one; a key given before for
     * the slot is wiped.
     *
     * @param slot the slot; not {@code null}
     * @param key the clear key, {@link Slot#KEY_BYTES} bytes; copied, the caller wipes its array;
     *     not {@code null}
     * @return this builder
     * @throws NullPointerException if an argument is {@code null}
     * @throws IllegalArgumentException unless 32 bytes
     */
    public Builder key(Slot slot, byte[] key) {
      Objects.requireNonNull(slot, "slot");
      Objects.requireNonNull(key, "key");
      if (key.length != Slot.KEY_BYTES) {
        throw new IllegalArgumentException("key set keys have 32 bytes");
      }
      byte[] old = keys.put(slot, key.clone());
      Bytes.wipe(old);
      return this;
    }

    /**
     * Returns the request; the builder's key copies are wiped and forgotten whether it succeeds or
     * throws (building again gives a request without them). So {@code build()} is also how a
     * builder given keys is discarded: build and {@link IssueRequest#close() close} the request.
     *
     * @return the request, which the caller closes when done
     * @throws IllegalArgumentException if two slots were given the same key (key separation)
     */
    public IssueRequest build() {
      try {
        Slot[] given = keys.keySet().toArray(new Slot[0]);
        for (int j = 1; j < given.length; j++) {
          for (int i = 0; i < j; i++) {
            if (java.security.MessageDigest.isEqual(keys.get(given[i]), keys.get(given[j]))) {
              throw new IllegalArgumentException(
                  "the same key was given for " + given[i] + " and " + given[j]);
            }
          }
        }
        return new IssueRequest(this);
      } finally {
        Bytes.wipeAll(keys.values());
        keys.clear();
      }
    }

    private static String checkId(String id) {
      Objects.requireNonNull(id, "id");
      if (!KeySetResponse.isValidId(id)) {
        throw new IllegalArgumentException("ids are 1-64 characters of A-Z a-z 0-9 . _ -");
      }
      return id;
    }
  }
}
