/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import io.tr31.ErrorCode;
import io.tr31.keyblock.KeyBlockHeader;
import io.tr31.keyblock.KeyBlockProtectionKey;
import io.tr31.keyblock.KeyBlockUnwrapper;
import io.tr31.Tr31Exception;
import io.tr31.Tr31PolicyException;
import io.tr31.envelope.PayloadProtector;
import io.tr31.internal.Bytes;
import io.tr31.internal.Lifecycle;
import io.tr31.internal.Views;
import io.tr31.keyblock.KeyCheckValue;
import io.tr31.keyblock.UnwrappedKey;
import io.tr31.pin.PinKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * A verified, installed POS key set, ready to use: the MSK and the MAC key as a {@link
 * PayloadProtector}, the TPK and TDK as {@link UnwrappedKey}s with their authenticated headers, the
 * TMK and KEK as unwrap-only {@link KeyBlockUnwrapper}s, and the authenticated metadata.
 *
 * <h2>Security</h2>
 *
 * <ul>
 *   <li>Only {@link KeySetInstaller} creates instances, after every check passed.
 *   <li>Validity: every key accessor ({@link #tmk()}, {@link #kek()}, {@link #payloadProtector()},
 *       {@link #pinKey()}, {@link #tdk()}) and every {@link KeyBlockUnwrapper#unwrap} checks {@code
 *       issued_at - allowance <= now < expires_at} on the installer's {@link Clock} (the allowance
 *       is the installer's not-before allowance, {@link
 *       KeySetInstaller#DEFAULT_NOT_BEFORE_ALLOWANCE} unless configured) and throws {@link
 *       Tr31PolicyException} ({@link ErrorCode#KEYSET_EXPIRED}, {@link
 *       ErrorCode#KEYSET_NOT_YET_VALID}) outside it: no key leaves an expired set. Not covered: a
 *       {@link PayloadProtector} view obtained while the set was valid keeps sealing and signing
 *       past {@code expires_at} (it knows nothing of the set), so fetch it from the set for each
 *       message instead of keeping it. {@link #expiresAt()} tells when to request the next set.
 *   <li>Ownership: {@link #pinKey()} and {@link #tdk()} return a new key on every
 *       call, which the caller owns and closes; closing it leaves the set intact. The MSK, MAC key,
 *       TMK and KEK belong to this set: {@link #destroy()} (or {@link #close()}) waits for running
 *       accesses and destroys them; {@link #payloadProtector()}, {@link #tmk()} and {@link #kek()}
 *       hand out views whose close does nothing to the set's keys. Zeroing is best effort on the
 *       JVM. Use after destroy throws {@link IllegalStateException}; the metadata stays readable.
 *   <li>Modes of use (X9.143:2022 6.2, Table 4): the TMK and KEK ({@code D}, unwrap only) are
 *       exposed without wrap, and a key-encryption key unwrapped through them comes out only as an
 *       unwrap-only {@link KeyBlockUnwrapper}, never as bytes. The TPK's header says {@code E}
 *       (encrypt only), yet {@link UnwrappedKey#keyBytes()} gives its clear bytes, because the
 *       terminal's PIN pad needs them to encrypt PIN blocks; the library cannot enforce {@code E}
 *       beyond that point: the caller uses the bytes only to encrypt PIN blocks, never to decrypt
 *       one, and wipes them.
 *   <li>Thread-safe.
 * </ul>
 *
 * @since 0.1.0
 */
public final class InstalledKeySet implements Destroyable, AutoCloseable {
  private final KeySetResponse response;
  private final Clock clock;
  private final Duration notBeforeAllowance;
  private final Map<Slot, KeyBlockHeader> headers = new EnumMap<>(Slot.class);
  private final KeyBlockProtectionKey tmk;
  private final KeyBlockProtectionKey kek;
  private final PayloadProtector payloads;
  private final SecureRandom random;
  private final Lifecycle life = new Lifecycle("InstalledKeySet");

  /**
   * Takes ownership of the prepared TMK and KEK; the six unwrapped keys are destroyed here (the TPK
   * and TDK are unwrapped again from their verified blocks on each access).
   */
  InstalledKeySet(
      KeySetResponse response,
      Map<Slot, UnwrappedKey> keys,
      KeyBlockProtectionKey tmk,
      KeyBlockProtectionKey kek,
      Clock clock,
      Duration notBeforeAllowance,
      SecureRandom random) {
    this.response = response;
    this.clock = clock;
    this.notBeforeAllowance = notBeforeAllowance;
    this.tmk = tmk;
    this.kek = kek;
    byte[] m = keys.get(Slot.MSK).keyBytes();
    byte[] h = keys.get(Slot.MAC).keyBytes();
    try {
      this.payloads = PayloadProtector.create(m, h, random);
      this.random = random;
    } finally {
      Bytes.wipe(m, h);
    }
    for (Map.Entry<Slot, UnwrappedKey> e : keys.entrySet()) {
      headers.put(e.getKey(), e.getValue().header());
      e.getValue().destroy();
    }
  }

  /** {@return the key set id, authenticated by every block's {@code LB}} */
  public String keySetId() {
    return response.keySetId();
  }

  /** {@return the key set's {@code issued_at}, authenticated by every block's {@code TS}} */
  public Instant issuedAt() {
    return response.issuedAt();
  }

  /** {@return the key set's {@code expires_at}, authenticated by every block's {@code LB}} */
  public Instant expiresAt() {
    return response.expiresAt();
  }

  /**
   * Whether {@code now} is inside the validity window, {@code issued_at - allowance <= now <
   * expires_at}: the window the key accessors enforce on the installer's clock.
   */
  boolean isValidAt(Instant now) {
    Objects.requireNonNull(now, "now");
    return inWindow(response, notBeforeAllowance, now) == null;
  }

  /**
   * Reads a slot's key id; works after destroy.
   *
   * @param slot the slot; not {@code null}
   * @return the key id, authenticated by the slot's block's {@code LB}
   * @throws NullPointerException if {@code slot} is {@code null}
   */
  public String keyId(Slot slot) {
    return response.keyId(slot);
  }

  /**
   * Reads a slot's KCV; works after destroy.
   *
   * @param slot the slot; not {@code null}
   * @return the KCV, verified against the installed key ({@link KeySetKcv})
   * @throws NullPointerException if {@code slot} is {@code null}
   */
  public KeyCheckValue kcv(Slot slot) {
    return response.kcv(slot);
  }

  /**
   * Reads the header of a slot's key block; works after destroy.
   *
   * @param slot the slot; not {@code null}
   * @return the authenticated header, checked against the slot at install
   * @throws NullPointerException if {@code slot} is {@code null}
   */
  public KeyBlockHeader header(Slot slot) {
    return headers.get(Objects.requireNonNull(slot, "slot"));
  }

  /**
   * The TMK, to unwrap a new KEK; unwrap only (its header says mode {@code D}).
   *
   * @return an unwrap-only view of the TMK, valid while this set is open and inside its window;
   *     closing the view leaves the TMK to this set
   * @throws Tr31PolicyException {@link ErrorCode#KEYSET_NOT_YET_VALID} before {@code issued_at} or
   *     {@link ErrorCode#KEYSET_EXPIRED} from {@code expires_at}, on the installer's clock
   * @throws IllegalStateException after {@link #destroy()}
   */
  public KeyBlockUnwrapper tmk() throws Tr31PolicyException {
    checkValid();
    return view(tmk);
  }

  /**
   * The KEK, to unwrap new working keys; unwrap only (its header says mode {@code D}).
   *
   * @return an unwrap-only view of the KEK, valid while this set is open and inside its window;
   *     closing the view leaves the KEK to this set
   * @throws Tr31PolicyException {@link ErrorCode#KEYSET_NOT_YET_VALID} before {@code issued_at} or
   *     {@link ErrorCode#KEYSET_EXPIRED} from {@code expires_at}, on the installer's clock
   * @throws IllegalStateException after {@link #destroy()}
   */
  public KeyBlockUnwrapper kek() throws Tr31PolicyException {
    checkValid();
    return view(kek);
  }

  /**
   * An unwrap-only view of a key this set owns: it cannot destroy the key, and it and every view
   * it hands out check this set's liveness and window before each unwrap.
   */
  private KeyBlockUnwrapper view(KeyBlockProtectionKey key) {
    return Views.<KeyBlockProtectionKey, KeyBlockUnwrapper>unwrapOnly().view(key, this::checkValid);
  }

  /**
   * The MSK and the MAC key, prepared to seal, sign, verify and open {@code TR31-DATA} payloads
   * (MAC key header {@code M7}, {@code HM} SHA-256); a view: this set owns the keys and destroys
   * them, the view's {@code close()} does nothing.
   *
   * @return a view of the set's payload keys
   * @throws Tr31PolicyException {@link ErrorCode#KEYSET_NOT_YET_VALID} before {@code issued_at} or
   *     {@link ErrorCode#KEYSET_EXPIRED} from {@code expires_at}, on the installer's clock
   * @throws IllegalStateException after {@link #destroy()}
   */
  public PayloadProtector payloadProtector() throws Tr31PolicyException {
    checkValid();
    return payloads.view();
  }

  /**
   * The TPK as a PIN key (ISO 9564-1 format 4): its header {@code P0 A E} lets it encipher PIN
   * blocks and nothing else, and its clear bytes never reach the caller. Each call unwraps the
   * verified block again under the KEK; the caller owns and closes the result. The random fill of
   * the PIN blocks comes from the installer's {@code SecureRandom}.
   *
   * @return a new encipher-only PIN key; the caller closes it
   * @throws Tr31PolicyException {@link ErrorCode#KEYSET_NOT_YET_VALID} before {@code issued_at} or
   *     {@link ErrorCode#KEYSET_EXPIRED} from {@code expires_at}, on the installer's clock
   * @throws IllegalStateException after {@link #destroy()}
   */
  public PinKey pinKey() throws Tr31PolicyException {
    try (UnwrappedKey tpk = tpk()) {
      return PinKey.from(tpk, random);
    } catch (Tr31PolicyException e) {
      throw e;
    } catch (Tr31Exception e) {
      // The slot check installed only a P0 A E TPK, which PinKey always accepts.
      throw new IllegalStateException("the installed TPK is not a PIN key", e);
    }
  }

  /** A new copy of the TPK, for tests in this package (the public path is {@link #pinKey()}). */
  UnwrappedKey tpk() throws Tr31PolicyException {
    return copy(Slot.TPK);
  }

  /**
   * A new copy of the TDK (header {@code D0 A B}: data encryption), which the caller owns and
   * closes; each call unwraps the verified block again under the KEK.
   *
   * @return a new unwrapped TDK; the caller closes it
   * @throws Tr31PolicyException {@link ErrorCode#KEYSET_NOT_YET_VALID} before {@code issued_at} or
   *     {@link ErrorCode#KEYSET_EXPIRED} from {@code expires_at}, on the installer's clock
   * @throws IllegalStateException after {@link #destroy()}
   */
  public UnwrappedKey tdk() throws Tr31PolicyException {
    return copy(Slot.TDK);
  }

  /** A new unwrap of a verified block under the KEK, which destroy() cannot interrupt. */
  @SuppressWarnings("try") // the Use only brackets the operation
  private UnwrappedKey copy(Slot slot) throws Tr31PolicyException {
    try (Lifecycle.Use u = life.use()) {
      checkWindow();
      return kek.unwrap(response.keyBlock(slot));
    } catch (Tr31PolicyException e) {
      throw e;
    } catch (Tr31Exception e) {
      throw new IllegalStateException("a block verified at install unwraps again", e);
    }
  }

  /**
   * Throws unless this set is live ({@link IllegalStateException}) and its clock is inside the
   * window.
   */
  private void checkValid() throws Tr31PolicyException {
    life.check();
    checkWindow();
  }

  /** Throws unless the clock is inside the window. */
  void checkWindow() throws Tr31PolicyException {
    checkWindow(response, notBeforeAllowance, clock.instant());
  }

  /**
   * {@code issued_at - allowance <= now < expires_at}, on times the TMK's {@code LB}/{@code TS}
   * authenticated.
   */
  static void checkWindow(KeySetResponse response, Duration allowance, Instant now)
      throws Tr31PolicyException {
    ErrorCode outside = inWindow(response, allowance, now);
    if (outside != null) {
      throw KeySetRefusal.policy(outside, null, null);
    }
  }

  /** {@code null} inside the window, else the code that says on which side {@code now} is. */
  private static ErrorCode inWindow(KeySetResponse response, Duration allowance, Instant now) {
    // The allowance moves the start only: a slow clock may use a fresh set, never an expired one.
    if (now.isBefore(response.issuedAt().minus(allowance))) {
      return ErrorCode.KEYSET_NOT_YET_VALID;
    }
    return now.isBefore(response.expiresAt()) ? null : ErrorCode.KEYSET_EXPIRED;
  }

  /** Waits for running accesses, then destroys every key of the set. Idempotent. */
  @Override
  public void destroy() {
    life.destroy(
        () -> {
          tmk.destroy();
          kek.destroy();
          payloads.destroy();
        });
  }

  /** {@return whether {@link #destroy()} ran; the set's keys are then unusable} */
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
