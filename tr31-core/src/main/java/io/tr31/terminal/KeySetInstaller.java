package io.tr31.terminal;

import io.tr31.ErrorCode;
import io.tr31.KeyBlockProtectionKey;
import io.tr31.Tr31Exception;
import io.tr31.Tr31VerificationException;
import io.tr31.UnwrappedKey;
import io.tr31.header.KeyAlgorithm;
import io.tr31.internal.Bytes;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * constant time; finally check that no two slots hold the same key, and {@code issued_at <= now <
 * expires_at} with the injected {@link Clock}.
 *
 * <pre>{@code
 * KeySetInstaller installer = KeySetInstaller.prepare(zmk, Clock.systemUTC());
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
 *   <li>The ZMK is held as a prepared {@link KeyBlockProtectionKey}; {@link #destroy()} wipes it
 *       (best effort on the JVM). Thread-safe: concurrent installs share nothing but the ZMK.
 * </ul>
 *
 * @since 0.1.0
 */
public final class KeySetInstaller implements Destroyable {
  private final KeyBlockProtectionKey zmk;
  private final Clock clock;
  private final SecureRandom random;
  private final AtomicBoolean destroyed = new AtomicBoolean();

  private KeySetInstaller(KeyBlockProtectionKey zmk, Clock clock, SecureRandom random) {
    this.zmk = zmk;
    this.clock = clock;
    this.random = random;
  }

  /** Prepares an installer with a new {@link SecureRandom} for the MSK's envelope IVs. */
  public static KeySetInstaller prepare(byte[] zmk, Clock clock) {
    return prepare(zmk, clock, new SecureRandom());
  }

  /**
   * Prepares an installer.
   *
   * @param zmk the zone master key, AES-256 (32 bytes; copied)
   * @param clock the clock the validity window is checked against
   * @param random the source of IVs for the installed MSK (inject a seeded one only in tests)
   * @throws IllegalArgumentException if the ZMK is not 32 bytes
   */
  public static KeySetInstaller prepare(byte[] zmk, Clock clock, SecureRandom random) {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    return new KeySetInstaller(prepareZmk(zmk, random), clock, random);
  }

  static KeyBlockProtectionKey prepareZmk(byte[] zmk, SecureRandom random) {
    Objects.requireNonNull(zmk, "zmk");
    if (zmk.length != Slot.KEY_BYTES) {
      // X9.24-1: a wrapping key at least as strong as the AES-256 keys it wraps.
      throw new IllegalArgumentException("the ZMK must be AES-256 (32 bytes)");
    }
    try {
      return KeyBlockProtectionKey.prepare(KeyAlgorithm.AES, zmk, random);
    } catch (Tr31Exception e) {
      throw new AssertionError("a 32-byte AES KBPK is always accepted", e);
    }
  }

  /** Parses {@code json} (UTF-8 bytes as received) and installs it. */
  public InstalledKeySet install(byte[] json) throws KeySetException {
    checkNotDestroyed();
    return install(KeySetResponse.parse(json));
  }

  /** Parses {@code json} and installs it. */
  public InstalledKeySet install(String json) throws KeySetException {
    checkNotDestroyed();
    return install(KeySetResponse.parse(json));
  }

  /**
   * Installs a parsed response.
   *
   * @throws KeySetException the first refusal, naming the slot; nothing is installed
   */
  public InstalledKeySet install(KeySetResponse response) throws KeySetException {
    Objects.requireNonNull(response, "response");
    checkNotDestroyed();
    Map<Slot, UnwrappedKey> keys = new EnumMap<>(Slot.class);
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
          if (slot == Slot.TMK) {
            tmk = KeyBlockProtectionKey.prepare(KeyAlgorithm.AES, bytes, random);
          } else if (slot == Slot.KEK) {
            kek = KeyBlockProtectionKey.prepare(KeyAlgorithm.AES, bytes, random);
          }
        } catch (KeySetException e) {
          throw e;
        } catch (Tr31Exception e) {
          throw new AssertionError("a verified 32-byte AES key is always a valid KBPK", e);
        } finally {
          Bytes.wipe(bytes);
        }
      }
      distinct(keys);
      checkWindow(response, clock.instant());
      installed = new InstalledKeySet(response, keys, tmk, kek, random);
      return installed;
    } finally {
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
   * Key separation: the six roles never share a key (a server that put one key in two slots would
   * let, for example, the data key decrypt what the encrypt-only PIN key protects). Constant-time
   * comparisons; copies wiped.
   */
  private static void distinct(Map<Slot, UnwrappedKey> keys) throws KeySetException {
    Slot[] slots = Slot.values();
    for (int j = 1; j < slots.length; j++) {
      byte[] b = keys.get(slots[j]).keyBytes();
      try {
        for (int i = 0; i < j; i++) {
          byte[] a = keys.get(slots[i]).keyBytes();
          boolean same = MessageDigest.isEqual(a, b);
          Bytes.wipe(a);
          if (same) {
            throw new KeySetException(
                ErrorCode.KEYSET_DUPLICATE_KEY, slots[j], "same key as " + slots[i].jsonName());
          }
        }
      } finally {
        Bytes.wipe(b);
      }
    }
  }

  /**
   * {@code issued_at <= now < expires_at}, on times the TMK's {@code LB}/{@code TS} authenticated.
   */
  static void checkWindow(KeySetResponse response, Instant now) throws KeySetException {
    if (now.isBefore(response.issuedAt())) {
      throw new KeySetException(ErrorCode.KEYSET_NOT_YET_VALID, null, null);
    }
    if (!now.isBefore(response.expiresAt())) {
      throw new KeySetException(ErrorCode.KEYSET_EXPIRED, null, null);
    }
  }

  private void checkNotDestroyed() {
    if (destroyed.get()) {
      throw new IllegalStateException("KeySetInstaller destroyed");
    }
  }

  /** Wipes the prepared ZMK. Best effort on the JVM; idempotent. */
  @Override
  public void destroy() {
    if (!destroyed.getAndSet(true)) {
      zmk.destroy();
    }
  }

  @Override
  public boolean isDestroyed() {
    return destroyed.get();
  }

  @Override
  public String toString() {
    return "KeySetInstaller[ZMK AES-256" + (destroyed.get() ? ", destroyed]" : "]");
  }
}
