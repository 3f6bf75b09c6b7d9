/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import io.tr31.keyblock.KeyBlockHeader;
import io.tr31.keyblock.KeyBlockProtectionKey;
import io.tr31.Tr31Exception;
import io.tr31.keyblock.WrapOptions;
import io.tr31.keyblock.KeyAlgorithm;
import io.tr31.internal.Bytes;
import io.tr31.internal.Hex;
import io.tr31.keyblock.KeyCheckValue;
import io.tr31.keyblock.OptionalBlock;
import io.tr31.keyblock.OptionalBlockId;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * The server side of {@code POST /pos/keys}: issues a POS key set under a zone master key (ZMK).
 *
 * <p>For each {@link Slot} in order it takes the given key or draws 32 bytes from the {@link
 * SecureRandom}, computes the seed's KCV ({@link KeySetKcv}) and wraps it as a version D key block
 * (ANSI X9.143:2022 7.3) under its parent: TMK under the ZMK, KEK under the TMK, MSK, TPK, TDK and
 * MAC under the KEK. Each header is the slot's {@link Slot#headerTemplate()} plus {@code LB} =
 * {@code slot/key_set_id/key_id/expires_at} and {@code TS} = {@code issued_at}, so the metadata is
 * authenticated by every block's MAC. {@code issued_at} is the injected {@link Clock}'s instant
 * truncated to whole seconds.
 *
 * <pre>{@code
 * KeySetIssuer issuer = KeySetIssuer.prepare(zmk, new SecureRandom(), Clock.systemUTC());
 * try (IssuedKeySet set = issuer.issue(IssueRequest.builder().keySetId("ks-2025-01").build())) {
 *   respond(set.json());            // the seed's response body
 *   store(set.keyBytes(Slot.MSK), set.keyBytes(Slot.MAC));   // copies for the key store; wipe
 * }                                 // closing the set destroys set.payloadProtector()
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
 *   <li>The ZMK is copied into a prepared {@link KeyBlockProtectionKey} and kept as a 16-byte
 *       fingerprint, never as clear bytes; {@link #destroy()} wipes both. Thread-safe if the
 *       injected {@link SecureRandom} is (the JDK's is).
 * </ul>
 *
 * @since 0.1.0
 */
public final class KeySetIssuer implements Destroyable {
  private final KeyBlockProtectionKey zmk;
  private final byte[] zmkFingerprint;
  private final SecureRandom random;
  private final Clock clock;

  private KeySetIssuer(
      KeyBlockProtectionKey zmk, byte[] zmkFingerprint, SecureRandom random, Clock clock) {
    this.zmk = zmk;
    this.zmkFingerprint = zmkFingerprint;
    this.random = random;
    this.clock = clock;
  }

  /**
   * Prepares an issuer with a new {@link SecureRandom} and the system UTC clock.
   *
   * @param zmk the zone master key, AES-256 (32 bytes; copied, the caller wipes its array); not
   *     {@code null}
   * @return the issuer, which the caller destroys when done
   * @throws NullPointerException if {@code zmk} is {@code null}
   * @throws IllegalArgumentException if the ZMK is not 32 bytes
   */
  public static KeySetIssuer prepare(byte[] zmk) {
    return prepare(zmk, new SecureRandom(), Clock.systemUTC());
  }

  /**
   * Prepares an issuer.
   *
   * @param zmk the zone master key, AES-256 (32 bytes; copied)
   * @param random source of keys, key set ids and padding
   * @param clock source of {@code issued_at}
   * @return the issuer, which the caller destroys when done
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalArgumentException if the ZMK is not 32 bytes
   */
  public static KeySetIssuer prepare(byte[] zmk, SecureRandom random, Clock clock) {
    return new KeySetIssuer(
        KeySetInstaller.prepareZmk(zmk, random),
        KeySetKcv.fingerprint(zmk),
        Objects.requireNonNull(random, "random"),
        Objects.requireNonNull(clock, "clock"));
  }

  /**
   * Issues a set with generated keys, the derived key ids and the given validity.
   *
   * @param keySetId 1-64 characters of {@code A-Z a-z 0-9 . _ -}; not {@code null}
   * @param validity how long the set is valid, a positive whole number of seconds; not {@code
   *     null}
   * @return the issued set, which the caller destroys when done
   * @throws Tr31Exception only if wrapping fails, which cannot happen for the fixed templates
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalArgumentException if the id or the validity breaks its rule, or the times fall
   *     outside the years 0000-9999
   * @throws IllegalStateException after {@link #destroy()}
   */
  public IssuedKeySet issue(String keySetId, Duration validity) throws Tr31Exception {
    return issue(IssueRequest.builder().keySetId(keySetId).validity(validity).build());
  }

  /**
   * Issues a key set: every slot's key wrapped under its parent (TMK under the ZMK, KEK under the
   * TMK, the others under the KEK), with its KCV.
   *
   * @param request ids, validity and any keys to use instead of generated ones; not {@code null}
   * @return the issued set, which the caller destroys when done
   * @throws NullPointerException if {@code request} is {@code null}
   * @throws IllegalStateException after {@link #destroy()}, or if {@code request} was destroyed
   * @throws Tr31Exception only if wrapping fails, which cannot happen for the fixed templates
   * @throws IllegalArgumentException if {@code issued_at} or {@code expires_at} falls outside the
   *     years 0000-9999, or a key given in the request is the ZMK (key separation: the ceremony key
   *     never travels as a key of the set)
   */
  public IssuedKeySet issue(IssueRequest request) throws Tr31Exception {
    Objects.requireNonNull(request, "request");
    checkNotDestroyed();
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
    boolean done = false;
    try {
      for (Slot slot : Slot.values()) {
        byte[] key = request.key(slot).orElseGet(() -> fresh());
        keys.put(slot, key);
        requireNotZmk(slot, key);
        ids.put(slot, request.keyId(slot, keySetId));
        kcvs.put(slot, KeySetKcv.compute(key));
        String label = KeySetResponse.label(slot, keySetId, ids.get(slot), expiresAt);
        KeyBlockHeader header =
            slot.headerTemplate()
                .withOptionalBlock(OptionalBlock.label(label))
                .withOptionalBlock(OptionalBlock.timestamp(OptionalBlockId.TS, issuedAt));
        KeyBlockProtectionKey parent = slot == Slot.TMK ? zmk : slot == Slot.KEK ? tmk : kek;
        blocks.put(slot, parent.wrap(header, key, WrapOptions.defaults()));
        if (slot == Slot.TMK) {
          tmk = KeyBlockProtectionKey.prepare(KeyAlgorithm.AES, key, random);
        } else if (slot == Slot.KEK) {
          kek = KeyBlockProtectionKey.prepare(KeyAlgorithm.AES, key, random);
        }
      }
      KeySetResponse response =
          new KeySetResponse(keySetId, issuedAt, expiresAt, ids, blocks, kcvs);
      IssuedKeySet issued = new IssuedKeySet(response, keys, random);
      done = true;
      return issued;
    } finally {
      destroy(tmk);
      destroy(kek);
      if (!done) {
        for (byte[] k : keys.values()) {
          Bytes.wipe(k);
        }
      }
    }
  }

  /** Constant time, on fingerprints: the issuer holds no clear copy of the ZMK. */
  private void requireNotZmk(Slot slot, byte[] key) {
    byte[] f = KeySetKcv.fingerprint(key);
    boolean same = MessageDigest.isEqual(zmkFingerprint, f);
    Bytes.wipe(f);
    // A concurrent destroy() destroys the ZMK before wiping the fingerprint compared above.
    checkNotDestroyed();
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
    return "ks-" + Hex.encode(b).toLowerCase(java.util.Locale.ROOT);
  }

  private static void destroy(Destroyable d) {
    if (d != null) {
      try {
        d.destroy();
      } catch (javax.security.auth.DestroyFailedException e) {
        // Our own types never throw it; nothing more can be done.
      }
    }
  }

  private void checkNotDestroyed() {
    if (zmk.isDestroyed()) {
      throw new IllegalStateException("KeySetIssuer destroyed");
    }
  }

  /** Wipes the prepared ZMK and its fingerprint. Best effort on the JVM; idempotent. */
  @Override
  public void destroy() {
    zmk.destroy();
    Bytes.wipe(zmkFingerprint);
  }

  @Override
  public boolean isDestroyed() {
    return zmk.isDestroyed();
  }

  @Override
  public String toString() {
    return "KeySetIssuer[ZMK AES-256" + (zmk.isDestroyed() ? ", destroyed]" : "]");
  }
}
