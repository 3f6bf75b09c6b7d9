/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import io.tr31.ErrorCode;
import io.tr31.keyblock.KeyBlockProtectionKey;
import io.tr31.Tr31Exception;
import io.tr31.Tr31VerificationException;
import io.tr31.keyblock.UnwrappedKey;
import io.tr31.keyblock.KeyAlgorithm;
import io.tr31.internal.Bytes;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * The terminal side of {@code POST /pos/keys}: verifies a key set response and installs it, all or
 * nothing, with the pre-provisioned zone master key (ZMK).
 *
 * <p>Order (the seed's "Terminal install order"): parse the JSON strictly ({@link
 * KeySetResponse#parse}); then for TMK (under the ZMK), KEK (under the TMK), MSK, TPK, TDK and MAC
 * (under the KEK): unwrap the version D block under the strict profile (MAC verified in constant
 * time before anything in it is read), check its authenticated header against the {@link Slot},
 * check the bound metadata ({@code LB}, {@code TS}) against the JSON, and compare the seed's KCV in
 * constant time; finally check that no two of the six keys and the ZMK are the same key, and {@code
 * issued_at - allowance <= now < expires_at} with the injected {@link Clock}, which the {@link
 * InstalledKeySet} keeps checking on every key access.
 *
 * <p>The not-before allowance ({@link Builder#notBeforeAllowance}, default {@link
 * #DEFAULT_NOT_BEFORE_ALLOWANCE}, 5 minutes) tolerates a terminal clock behind the issuer's:
 * without it a clock one second slow refuses a set issued a moment ago. Five minutes is the skew
 * Kerberos tolerates by default (RFC 4120 1.6), far above what NTP or an operator-set terminal
 * clock drifts between key downloads, and small beside a set's validity of days. It widens the
 * window at {@code issued_at} only; {@code expires_at} stays exact, so no set is ever used after
 * its expiry.
 *
 * <pre>{@code
 * KeySetInstaller installer = KeySetInstaller.prepare(zmk, Clock.systemUTC());   // or builder()
 * try (InstalledKeySet keys = installer.install(responseBody)) {
 *   String body = keys.msk().seal(request);
 *   String signature = keys.mac().sign(body.getBytes(StandardCharsets.US_ASCII));
 * }
 * }</pre>
 *
 * <h2>Security</h2>
 *
 * <ul>
 *   <li>All or nothing: on any refusal every key already unwrapped is destroyed and only a {@link
 *       KeySetException} (naming the slot and the reason) comes out, never key material.
 *   <li>A block moved to another slot is refused: by its parent's MAC (TMK, KEK), by its header
 *       attributes (usage, algorithm, mode of use), or by the slot name in its {@code LB} (MSK and
 *       TDK share attributes).
 *   <li>Not covered: replay of an older, unexpired key set that is otherwise valid; a terminal that
 *       must refuse it keeps the last installed {@link InstalledKeySet#issuedAt()} and compares.
 *   <li>The ZMK is held as a prepared {@link KeyBlockProtectionKey} and a 16-byte fingerprint (the
 *       AES encryption of a zero block, for the key separation check), never as clear bytes; {@link
 *       #destroy()} wipes both (best effort on the JVM). Thread-safe: concurrent installs share
 *       nothing but the ZMK.
 * </ul>
 *
 * @since 0.1.0
 */
public final class KeySetInstaller implements Destroyable {
  /**
   * The default not-before allowance, 5 minutes: how far the terminal's clock may be behind the
   * issuer's {@code issued_at} (the class description says why this value).
   */
  public static final Duration DEFAULT_NOT_BEFORE_ALLOWANCE = Duration.ofMinutes(5);

  /**
   * The largest not-before allowance, 1 hour: a clock further off is broken and must be set, not
   * tolerated.
   */
  public static final Duration MAX_NOT_BEFORE_ALLOWANCE = Duration.ofHours(1);

  private final KeyBlockProtectionKey zmk;
  private final byte[] zmkFingerprint;
  private final Clock clock;
  private final SecureRandom random;
  private final Duration notBeforeAllowance;

  private KeySetInstaller(byte[] zmk, Builder b) {
    SecureRandom r = b.random != null ? b.random : new SecureRandom();
    this.zmk = prepareZmk(zmk, r);
    this.zmkFingerprint = KeySetKcv.fingerprint(zmk);
    this.clock = b.clock;
    this.random = r;
    this.notBeforeAllowance = b.notBeforeAllowance;
  }

  /**
   * Prepares an installer with a new {@link SecureRandom} for the MSK's envelope IVs and the
   * default not-before allowance.
   *
   * @param zmk the zone master key, AES-256 (32 bytes; copied, the caller wipes its array); not
   *     {@code null}
   * @param clock the clock the validity window is checked against; not {@code null}
   * @return the installer, which the caller destroys when done
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalArgumentException if the ZMK is not 32 bytes
   */
  public static KeySetInstaller prepare(byte[] zmk, Clock clock) {
    return builder().clock(clock).build(zmk);
  }

  /**
   * Prepares an installer with the default not-before allowance.
   *
   * @param zmk the zone master key, AES-256 (32 bytes; copied)
   * @param clock the clock the validity window is checked against
   * @param random the source of IVs for the installed MSK (inject a seeded one only in tests)
   * @return the installer, which the caller destroys when done
   * @throws NullPointerException if an argument is {@code null}
   * @throws IllegalArgumentException if the ZMK is not 32 bytes
   */
  public static KeySetInstaller prepare(byte[] zmk, Clock clock, SecureRandom random) {
    return builder().clock(clock).random(random).build(zmk);
  }

  /**
   * A builder, for a not-before allowance other than the default.
   *
   * @return a builder with the system UTC clock, a new {@link SecureRandom} and {@link
   *     #DEFAULT_NOT_BEFORE_ALLOWANCE}
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Settings of a {@link KeySetInstaller}; {@link #build(byte[])} takes the ZMK, so the builder
   * never holds key material. Not thread-safe; the installer it builds is.
   *
   * @since 0.1.0
   */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private SecureRandom random;
    private Duration notBeforeAllowance = DEFAULT_NOT_BEFORE_ALLOWANCE;

    private Builder() {}

    /**
     * The clock the validity window is checked against, at install and on every key access.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The source of IVs for the installed MSK (inject a seeded one only in tests).
     *
     * @param random the source
     * @return this builder
     */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * How far the clock may be behind {@code issued_at}: a set is valid from {@code issued_at -
     * allowance}. {@code expires_at} stays exact.
     *
     * @param allowance from zero (the exact window) to {@link #MAX_NOT_BEFORE_ALLOWANCE}
     * @return this builder
     * @throws IllegalArgumentException if negative or above the maximum
     */
    public Builder notBeforeAllowance(Duration allowance) {
      Objects.requireNonNull(allowance, "allowance");
      if (allowance.isNegative() || allowance.compareTo(MAX_NOT_BEFORE_ALLOWANCE) > 0) {
        throw new IllegalArgumentException("the not-before allowance must be 0 to 1 hour");
      }
      this.notBeforeAllowance = allowance;
      return this;
    }

    /**
     * Prepares the installer.
     *
     * @param zmk the zone master key, AES-256 (32 bytes; copied)
     * @return the installer
     * @throws IllegalArgumentException if the ZMK is not 32 bytes
     */
    public KeySetInstaller build(byte[] zmk) {
      return new KeySetInstaller(zmk, this);
    }
  }

  static KeyBlockProtectionKey prepareZmk(byte[] zmk, SecureRandom random) {
    Objects.requireNonNull(zmk, "zmk");
    if (zmk.length != Slot.KEY_BYTES) {
      // X9.24-1: a wrapping key at least as strong as the AES-256 keys it wraps.
      throw new IllegalArgumentException("the ZMK must be AES-256 (32 bytes)");
    }
    return KeyBlockProtectionKey.aes(zmk);
  }

  /**
   * Parses {@code json} (UTF-8 bytes as received) and installs it.
   *
   * @param json the response body as received; not {@code null}
   * @return the installed set, which the caller closes when done
   * @throws KeySetException a parse code of {@link KeySetResponse#parse(byte[])}, or a refusal of
   *     {@link #install(KeySetResponse)}; nothing is installed
   * @throws NullPointerException if {@code json} is {@code null}
   * @throws IllegalStateException after {@link #destroy()}
   */
  public InstalledKeySet install(byte[] json) throws KeySetException {
    checkNotDestroyed();
    return install(KeySetResponse.parse(json));
  }

  /**
   * Parses {@code json} and installs it.
   *
   * @param json the response body as received; not {@code null}
   * @return the installed set, which the caller closes when done
   * @throws KeySetException a parse code of {@link KeySetResponse#parse(byte[])}, or a refusal of
   *     {@link #install(KeySetResponse)}; nothing is installed
   * @throws NullPointerException if {@code json} is {@code null}
   * @throws IllegalStateException after {@link #destroy()}
   */
  public InstalledKeySet install(String json) throws KeySetException {
    checkNotDestroyed();
    return install(KeySetResponse.parse(json));
  }

  /**
   * Installs a parsed response.
   *
   * @param response the parsed response; not {@code null}
   * @return the installed set, which the caller closes when done
   * @throws KeySetException the first refusal, naming the slot; nothing is installed: {@link
   *     ErrorCode#KEYSET_UNWRAP_FAILED} (a block does not verify under its parent), {@link
   *     ErrorCode#KEYSET_KEY_BLOCK_MALFORMED} (the detail names the key block error code), {@link
   *     ErrorCode#KEYSET_SLOT_MISMATCH}, {@link ErrorCode#KEYSET_METADATA_MISMATCH}, {@link
   *     ErrorCode#KEYSET_KCV_MISMATCH}, {@link ErrorCode#KEYSET_DUPLICATE_KEY}, {@link
   *     ErrorCode#KEYSET_NOT_YET_VALID} or {@link ErrorCode#KEYSET_EXPIRED}
   * @throws NullPointerException if {@code response} is {@code null}
   * @throws IllegalStateException after {@link #destroy()}
   */
  public InstalledKeySet install(KeySetResponse response) throws KeySetException {
    Objects.requireNonNull(response, "response");
    checkNotDestroyed();
    Map<Slot, UnwrappedKey> keys = new EnumMap<>(Slot.class);
    Map<Slot, byte[]> fingerprints = new EnumMap<>(Slot.class);
    KeyBlockProtectionKey tmk = null;
    KeyBlockProtectionKey kek = null;
    InstalledKeySet installed = null;
    try {
      for (Slot slot : Slot.values()) {
        KeyBlockProtectionKey parent = slot == Slot.TMK ? zmk : slot == Slot.KEK ? tmk : kek;
        UnwrappedKey key = unwrap(parent, slot, response.keyBlock(slot));
        keys.put(slot, key);
        SlotCheck.header(slot, key);
        SlotCheck.metadata(slot, key.header(), response);
        byte[] bytes = key.keyBytes();
        try {
          if (!KeySetKcv.matches(response.kcv(slot), bytes)) {
            throw new KeySetException(ErrorCode.KEYSET_KCV_MISMATCH, slot, null);
          }
          fingerprints.put(slot, KeySetKcv.fingerprint(bytes));
          if (slot == Slot.TMK) {
            tmk = KeyBlockProtectionKey.from(key); // its header: K1 A D, unwrap only
          } else if (slot == Slot.KEK) {
            kek = KeyBlockProtectionKey.from(key);
          }
        } catch (KeySetException e) {
          throw e;
        } catch (Tr31Exception e) {
          throw new AssertionError("a verified 32-byte AES key is always a valid KBPK", e);
        } finally {
          Bytes.wipe(bytes);
        }
      }
      distinct(fingerprints);
      InstalledKeySet.checkWindow(response, notBeforeAllowance, clock.instant());
      installed = new InstalledKeySet(response, keys, tmk, kek, clock, notBeforeAllowance, random);
      return installed;
    } finally {
      for (byte[] f : fingerprints.values()) {
        Bytes.wipe(f);
      }
      if (installed == null) {
        for (UnwrappedKey k : keys.values()) {
          k.destroy();
        }
        if (tmk != null) {
          tmk.destroy();
        }
        if (kek != null) {
          kek.destroy();
        }
      }
    }
  }

  private static UnwrappedKey unwrap(KeyBlockProtectionKey parent, Slot slot, String block)
      throws KeySetException {
    try {
      return parent.unwrap(block); // strict profile
    } catch (Tr31VerificationException e) {
      throw new KeySetException(
          ErrorCode.KEYSET_UNWRAP_FAILED, slot, "under the " + slot.parentName());
    } catch (Tr31Exception e) {
      // Format and unsupported errors concern public header data: their code is safe to name.
      throw new KeySetException(ErrorCode.KEYSET_KEY_BLOCK_MALFORMED, slot, e.code().name());
    }
  }

  /**
   * Key separation: the six roles and the ZMK never share a key (a server that put one key in two
   * slots would let, for example, the data key decrypt what the encrypt-only PIN key protects; a
   * TMK equal to the ZMK would merge the ceremony key with the transport key). Compares the keys'
   * fingerprints ({@link KeySetKcv#fingerprint}) in constant time: the installer holds the ZMK only
   * in prepared form and as its fingerprint.
   */
  private void distinct(Map<Slot, byte[]> fingerprints) throws KeySetException {
    Slot[] slots = Slot.values();
    for (int j = 0; j < slots.length; j++) {
      byte[] b = fingerprints.get(slots[j]);
      if (MessageDigest.isEqual(zmkFingerprint, b)) {
        throw new KeySetException(ErrorCode.KEYSET_DUPLICATE_KEY, slots[j], "same key as the ZMK");
      }
      for (int i = 0; i < j; i++) {
        if (MessageDigest.isEqual(fingerprints.get(slots[i]), b)) {
          throw new KeySetException(
              ErrorCode.KEYSET_DUPLICATE_KEY, slots[j], "same key as " + slots[i].jsonName());
        }
      }
    }
    // destroy() destroys the ZMK before it wipes the fingerprint: if a concurrent destroy() wiped
    // it during the comparisons above, they were against zeros, so refuse (review 3, finding 3).
    checkNotDestroyed();
  }

  private void checkNotDestroyed() {
    if (zmk.isDestroyed()) {
      throw new IllegalStateException("KeySetInstaller destroyed");
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
    return "KeySetInstaller[ZMK AES-256" + (zmk.isDestroyed() ? ", destroyed]" : "]");
  }
}
