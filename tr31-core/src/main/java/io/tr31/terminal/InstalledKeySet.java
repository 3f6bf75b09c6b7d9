package io.tr31.terminal;

import io.tr31.KeyBlockHeader;
import io.tr31.KeyBlockProtectionKey;
import io.tr31.UnwrappedKey;
import io.tr31.envelope.EnvelopeKey;
import io.tr31.envelope.MacKey;
import io.tr31.internal.Bytes;
import io.tr31.kcv.KeyCheckValue;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.security.auth.Destroyable;

/**
 * A verified, installed POS key set, ready to use: the MSK as a prepared {@link EnvelopeKey}, the
 * MAC key as a prepared {@link MacKey}, the TPK and TDK as {@link UnwrappedKey}s with their
 * authenticated headers, the TMK and KEK as prepared protection keys (to unwrap later key blocks),
 * and the authenticated metadata.
 *
 * <h2>Security</h2>
 *
 * <ul>
 *   <li>Only {@link KeySetInstaller} creates instances, after every check passed.
 *   <li>The returned key objects belong to this set: {@link #destroy()} (or {@link #close()})
 *       destroys all of them; zeroing is best effort on the JVM. Use after destroy throws {@link
 *       IllegalStateException}.
 *   <li>The TMK and KEK headers say mode {@code D} (unwrap only): use {@link #tmk()} and {@link
 *       #kek()} only to unwrap; the TPK header says {@code E} (encrypt only).
 *   <li>Thread-safe. {@link #toString()} shows the key set id and validity only.
 * </ul>
 *
 * @since 0.1.0
 */
public final class InstalledKeySet implements Destroyable, AutoCloseable {
  private final KeySetResponse response;
  private final Map<Slot, KeyBlockHeader> headers = new EnumMap<>(Slot.class);
  private final KeyBlockProtectionKey tmk;
  private final KeyBlockProtectionKey kek;
  private final EnvelopeKey msk;
  private final MacKey mac;
  private final UnwrappedKey tpk;
  private final UnwrappedKey tdk;
  private final AtomicBoolean destroyed = new AtomicBoolean();

  /** Takes ownership of the keys; the MSK, MAC, TMK and KEK unwrapped keys are destroyed here. */
  InstalledKeySet(
      KeySetResponse response,
      Map<Slot, UnwrappedKey> keys,
      KeyBlockProtectionKey tmk,
      KeyBlockProtectionKey kek,
      SecureRandom random) {
    this.response = response;
    for (Map.Entry<Slot, UnwrappedKey> e : keys.entrySet()) {
      headers.put(e.getKey(), e.getValue().header());
    }
    this.tmk = tmk;
    this.kek = kek;
    byte[] m = keys.get(Slot.MSK).keyBytes();
    byte[] h = keys.get(Slot.MAC).keyBytes();
    try {
      this.msk = EnvelopeKey.prepare(m, random);
      this.mac = MacKey.prepare(h);
    } finally {
      Bytes.wipe(m, h);
    }
    this.tpk = keys.get(Slot.TPK);
    this.tdk = keys.get(Slot.TDK);
    keys.get(Slot.TMK).destroy();
    keys.get(Slot.KEK).destroy();
    keys.get(Slot.MSK).destroy();
    keys.get(Slot.MAC).destroy();
  }

  /** The key set id (authenticated). */
  public String keySetId() {
    return response.keySetId();
  }

  /** The key set's {@code issued_at} (authenticated by every block's {@code TS}). */
  public Instant issuedAt() {
    return response.issuedAt();
  }

  /** The key set's {@code expires_at} (authenticated by every block's {@code LB}). */
  public Instant expiresAt() {
    return response.expiresAt();
  }

  /** The key id of {@code slot} (authenticated by its block's {@code LB}). */
  public String keyId(Slot slot) {
    return response.keyId(slot);
  }

  /** The verified KCV of {@code slot} ({@link KeySetKcv}). */
  public KeyCheckValue kcv(Slot slot) {
    return response.kcv(slot);
  }

  /** The authenticated header of {@code slot}'s key block. */
  public KeyBlockHeader header(Slot slot) {
    return headers.get(Objects.requireNonNull(slot, "slot"));
  }

  /** The TMK, prepared to unwrap a new KEK. */
  public KeyBlockProtectionKey tmk() {
    return live(tmk);
  }

  /** The KEK, prepared to unwrap new working keys. */
  public KeyBlockProtectionKey kek() {
    return live(kek);
  }

  /** The MSK, prepared as the {@code TR31-DATA} envelope key. */
  public EnvelopeKey msk() {
    return live(msk);
  }

  /** The MAC key, prepared as the HMAC-SHA256 signer (header {@code M7}, {@code HM} SHA-256). */
  public MacKey mac() {
    return live(mac);
  }

  /** The TPK (header {@code P0 A E}: PIN encryption, encrypt only). */
  public UnwrappedKey tpk() {
    return live(tpk);
  }

  /** The TDK (header {@code D0 A B}: data encryption). */
  public UnwrappedKey tdk() {
    return live(tdk);
  }

  private <T> T live(T key) {
    if (destroyed.get()) {
      throw new IllegalStateException("InstalledKeySet destroyed");
    }
    return key;
  }

  /** Destroys every key of the set. Idempotent. */
  @Override
  public void destroy() {
    if (!destroyed.getAndSet(true)) {
      tmk.destroy();
      kek.destroy();
      msk.destroy();
      mac.destroy();
      tpk.destroy();
      tdk.destroy();
    }
  }

  @Override
  public boolean isDestroyed() {
    return destroyed.get();
  }

  /** Same as {@link #destroy()}, for try-with-resources. */
  @Override
  public void close() {
    destroy();
  }

  @Override
  public String toString() {
    return "InstalledKeySet["
        + response.keySetId()
        + ", valid "
        + KeySetTime.format(response.issuedAt())
        + " .. "
        + KeySetTime.format(response.expiresAt())
        + (destroyed.get() ? ", destroyed]" : "]");
  }
}
