/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import io.tr31.ErrorCode;
import io.tr31.Tr31Exception;
import io.tr31.Tr31FormatException;
import io.tr31.Tr31PolicyException;
import io.tr31.Tr31VerificationException;
import io.tr31.internal.Bytes;
import io.tr31.internal.Lifecycle;
import io.tr31.keyblock.KeyBlockProtectionKey;
import io.tr31.keyblock.UnwrappedKey;
import java.nio.charset.StandardCharsets;
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
 * <p>Order (the seed's "Terminal install order"): parse the JSON strictly (src/docs/KEYSET.md);
 * then for TMK (under the ZMK), KEK (under the TMK), MSK, TPK, TDK and MAC (under the KEK): unwrap
 * the version D block under the strict profile (MAC verified in constant time before anything in it
 * is read), check its authenticated header against the {@link Slot}, check the bound metadata
 * ({@code LB}, {@code TS}) against the JSON, and compare the seed's KCV in constant time; finally
 * check that no two of the six keys and the ZMK are the same key, and {@code issued_at - allowance
 * <= now < expires_at} with the builder's {@link Clock}, which the {@link InstalledKeySet} keeps
 * checking on every key access.
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
 * try (KeySetInstaller installer = KeySetInstaller.prepare(zmk);   // or builder()
 *     InstalledKeySet keys = installer.install(responseBody)) {
 *   ...                                                            // keys.msk(), keys.mac(), ...
 * }
 * }</pre>
 *
 * <h2>Security</h2>
 *
 * <ul>
 *   <li>All or nothing: on any refusal every key already unwrapped is destroyed and only the
 *       refusal comes out, naming the slot and the reason in its message, never key material.
 *   <li>A block moved to another slot is refused: by its parent's MAC (TMK, KEK), by its header
 *       attributes (usage, algorithm, mode of use), or by the slot name in its {@code LB} (MSK and
 *       TDK share attributes).
 *   <li>Not covered: replay of an older, unexpired key set that is otherwise valid; a terminal that
 *       must refuse it keeps the last installed {@link InstalledKeySet#issuedAt()} and compares.
 *   <li>The ZMK is held as a prepared key block protection key and a 16-byte fingerprint (the AES
 *       encryption of a zero block, for the key separation check), never as clear bytes; {@link
 *       #destroy()} (or {@link #close()}) waits for the running installs and wipes both (best
 *       effort on the JVM); afterwards {@code install} throws {@link IllegalStateException}.
 *       Thread-safe: concurrent installs share nothing but the ZMK.
 * </ul>
 *
 * @since 0.1.0
 */
public final class KeySetInstaller implements Destroyable, AutoCloseable {
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

  /**
   * The longest response body {@link #install} accepts, in bytes (128 KiB; six maximal key blocks
   * fit in 80 KiB): a reader of the body stops one byte after it.
   */
  public static final int MAX_RESPONSE_BYTES = 128 * 1024;

  private final Lifecycle life = new Lifecycle("KeySetInstaller");
  private final SecureRandom random = new SecureRandom();
  private final ZoneMasterKey zmk;
  private final Clock clock;
  private final Duration notBeforeAllowance;

  private KeySetInstaller(byte[] zmk, Builder b) {
    this.zmk = new ZoneMasterKey(zmk);
    this.clock = b.clock;
    this.notBeforeAllowance = b.notBeforeAllowance;
  }

  /**
   * Prepares an installer with the system UTC clock and the default not-before allowance.
   *
   * @param zmk the zone master key, AES-256 (32 bytes; copied, the caller wipes its array); not
   *     {@code null}
   * @return the installer, which the caller closes when done
   * @throws NullPointerException if {@code zmk} is {@code null}
   * @throws IllegalArgumentException if the ZMK is not 32 bytes
   */
  public static KeySetInstaller prepare(byte[] zmk) {
    return builder().build(zmk);
  }

  /**
   * A builder, for a clock or a not-before allowance other than the defaults.
   *
   * @return a builder with the system UTC clock and {@link #DEFAULT_NOT_BEFORE_ALLOWANCE}
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
    private Duration notBeforeAllowance = DEFAULT_NOT_BEFORE_ALLOWANCE;

    private Builder() {}

    /**
     * The clock the validity window is checked against, at install and on every key access.
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
     * How far the clock may be behind {@code issued_at}: a set is valid from {@code issued_at -
     * allowance}. {@code expires_at} stays exact.
     *
     * @param allowance from zero (the exact window) to {@link #MAX_NOT_BEFORE_ALLOWANCE}; not
     *     {@code null}
     * @return this builder
     * @throws NullPointerException if {@code allowance} is {@code null}
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
     * @param zmk the zone master key, AES-256 (32 bytes; copied, the caller wipes its array); not
     *     {@code null}
     * @return the installer, which the caller closes when done
     * @throws NullPointerException if {@code zmk} is {@code null}
     * @throws IllegalArgumentException if the ZMK is not 32 bytes
     */
    public KeySetInstaller build(byte[] zmk) {
      return new KeySetInstaller(zmk, this);
    }
  }

  /**
   * Parses the response body (UTF-8 bytes as received) strictly and installs it; the first refusal
   * ends the install with every key already unwrapped destroyed, and names the slot (when it
   * concerns one key) in its message.
   *
   * @param json the response body as received; not {@code null}
   * @return the installed set, which the caller closes when done
   * @throws Tr31FormatException the JSON breaks the response format (a {@code KEYSET_*} format code
   *     with the offset in the body: src/docs/KEYSET.md lists them), or a key block is malformed
   *     ({@link ErrorCode#KEYSET_KEY_BLOCK_MALFORMED}, the detail names the key block error code)
   * @throws Tr31VerificationException a block does not verify under its parent ({@link
   *     ErrorCode#KEYSET_UNWRAP_FAILED}), its {@code LB}/{@code TS} disagree with the JSON ({@link
   *     ErrorCode#KEYSET_METADATA_MISMATCH}) or its KCV does not match ({@link
   *     ErrorCode#KEYSET_KCV_MISMATCH})
   * @throws Tr31PolicyException an authentic block is not its slot's ({@link
   *     ErrorCode#KEYSET_SLOT_MISMATCH}), two keys are the same or one is the ZMK ({@link
   *     ErrorCode#KEYSET_DUPLICATE_KEY}), or the clock is outside the validity window ({@link
   *     ErrorCode#KEYSET_NOT_YET_VALID}, {@link ErrorCode#KEYSET_EXPIRED})
   * @throws NullPointerException if {@code json} is {@code null}
   * @throws IllegalStateException after {@link #destroy()}
   */
  @SuppressWarnings("try") // the Use only brackets the operation
  public InstalledKeySet install(byte[] json)
      throws Tr31FormatException, Tr31VerificationException, Tr31PolicyException {
    Objects.requireNonNull(json, "json");
    try (Lifecycle.Use u = life.use()) {
      return installLive(KeySetResponse.parse(json));
    }
  }

  /** Installs a body held as text (encoded as UTF-8 first), as {@link #install(byte[])}. */
  InstalledKeySet install(String json)
      throws Tr31FormatException, Tr31VerificationException, Tr31PolicyException {
    return install(Objects.requireNonNull(json, "json").getBytes(StandardCharsets.UTF_8));
  }

  /** Installs a parsed response, as {@link #install(byte[])} after parsing. */
  @SuppressWarnings("try") // the Use only brackets the operation
  InstalledKeySet install(KeySetResponse response)
      throws Tr31FormatException, Tr31VerificationException, Tr31PolicyException {
    Objects.requireNonNull(response, "response");
    try (Lifecycle.Use u = life.use()) {
      return installLive(response);
    }
  }

  private InstalledKeySet installLive(KeySetResponse response)
      throws Tr31FormatException, Tr31VerificationException, Tr31PolicyException {
    Map<Slot, UnwrappedKey> keys = new EnumMap<>(Slot.class);
    Map<Slot, byte[]> fingerprints = new EnumMap<>(Slot.class);
    KeyBlockProtectionKey tmk = null;
    KeyBlockProtectionKey kek = null;
    InstalledKeySet installed = null;
    try {
      for (Slot slot : Slot.values()) {
        KeyBlockProtectionKey parent = slot == Slot.TMK ? zmk.kbpk() : slot == Slot.KEK ? tmk : kek;
        UnwrappedKey key = unwrap(parent, slot, response.keyBlock(slot));
        keys.put(slot, key);
        SlotCheck.header(slot, key);
        SlotCheck.metadata(slot, key.header(), response);
        byte[] bytes = key.keyBytes();
        try {
          if (!KeySetKcv.matches(response.kcv(slot), bytes)) {
            throw KeySetRefusal.verification(ErrorCode.KEYSET_KCV_MISMATCH, slot, null);
          }
          fingerprints.put(slot, KeySetKcv.fingerprint(bytes));
          if (slot == Slot.TMK) {
            tmk = KeyBlockProtectionKey.from(key); // its header: K1 A D, unwrap only
          } else if (slot == Slot.KEK) {
            kek = KeyBlockProtectionKey.from(key);
          }
        } finally {
          Bytes.wipe(bytes);
        }
      }
      distinct(fingerprints);
      InstalledKeySet.checkWindow(response, notBeforeAllowance, clock.instant());
      installed = new InstalledKeySet(response, keys, tmk, kek, clock, notBeforeAllowance, random);
      return installed;
    } finally {
      Bytes.wipeAll(fingerprints.values());
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
      throws Tr31FormatException, Tr31VerificationException {
    try {
      return parent.unwrap(block); // strict profile
    } catch (Tr31VerificationException e) {
      throw KeySetRefusal.verification(
          ErrorCode.KEYSET_UNWRAP_FAILED, slot, "under the " + slot.parentName());
    } catch (Tr31Exception e) {
      // Format and policy errors concern public header data: their code is safe to name.
      throw KeySetRefusal.format(ErrorCode.KEYSET_KEY_BLOCK_MALFORMED, slot, -1, e.code().name());
    }
  }

  /**
   * Key separation: the six roles and the ZMK never share a key (a server that put one key in two
   * slots would let, for example, the data key decrypt what the encrypt-only PIN key protects; a
   * TMK equal to the ZMK would merge the ceremony key with the transport key). Compares the keys'
   * fingerprints ({@link KeySetKcv#fingerprint}) in constant time: the installer holds the ZMK only
   * in prepared form and as its fingerprint.
   */
  private void distinct(Map<Slot, byte[]> fingerprints) throws Tr31PolicyException {
    Slot[] slots = Slot.values();
    for (int j = 0; j < slots.length; j++) {
      byte[] b = fingerprints.get(slots[j]);
      if (zmk.isSameKey(b)) {
        throw KeySetRefusal.policy(ErrorCode.KEYSET_DUPLICATE_KEY, slots[j], "same key as the ZMK");
      }
      for (int i = 0; i < j; i++) {
        if (MessageDigest.isEqual(fingerprints.get(slots[i]), b)) {
          throw KeySetRefusal.policy(
              ErrorCode.KEYSET_DUPLICATE_KEY, slots[j], "same key as " + slots[i].jsonName());
        }
      }
    }
  }

  /**
   * Waits for the running installs, then destroys the prepared ZMK and wipes its fingerprint. Best
   * effort on the JVM; idempotent. Sets already installed are not affected.
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
