/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * One {@link BlockCipher}'s key and its pool of {@link Engine}s, each holding up to three JCE
 * ciphers keyed on first use (one per kind) and the CMAC subkeys; an operation takes an engine,
 * uses it alone and gives it back. Released engines re-key their ciphers with zeros into static
 * spare pools (no secret), so a new key costs {@code Cipher.init}, not {@code getInstance}.
 *
 * <p>Security. Thread-safe. {@link #destroy()} runs once ({@link Lifecycle}): it waits for engines
 * being keyed, wipes the key and closes the pool, releasing idle engines at once and busy ones when
 * given back; releasing wipes the subkeys and re-keys the ciphers. So no operation computes with
 * half-wiped keys: it touches only the engine it holds alone, and reads the key only inside {@link
 * Lifecycle#use()}; racing destroy it completes or throws {@link IllegalStateException}, as does
 * any later use.
 *
 * <p>What re-keying does to the old key inside the JCE (read in the SunJCE sources of JDK 17.0.15
 * and 25; other providers and versions may differ). AES ({@code AESCrypt.init}): a key other than
 * the one it holds runs {@code makeSessionKey}, which fills the previous encryption and decryption
 * round keys with zeros before it replaces them, and {@code init} then zeroes its saved copy of the
 * previous key; {@code AESCipher} and {@code CipherCore} zero their copies of the encoded key after
 * every {@code init}. So re-keying an AES cipher with the zero key WIPES the old schedule and key
 * copy; merely dropping the cipher would leave both in the heap until the garbage collector reuses
 * the memory. That is why release re-keys, and why {@link #handOver} (re-keying a cipher straight
 * from one key to the next) wipes the first key as a zero re-keying would. TDES ({@code
 * DESedeCrypt.init}, {@code DESCrypt.expandKey}): every {@code init} allocates new schedule arrays
 * and only drops the old ones (nor does it wipe its 8-byte key buffer), so re-keying a TDES cipher
 * wipes nothing: it only makes the old schedule unreachable, exactly as dropping the cipher does.
 * Dropped, not wiped, in every case: what the JCE copied and dropped before (TDES schedules, the
 * JDK's own temporaries) and whatever the garbage collector moved. Not wiped either, and kept in
 * the cipher across re-keying: SunJCE's CBC mode ({@code CipherBlockChaining}) holds the last
 * block it fed to the block cipher in a field of its own ({@code k}: on encryption the last
 * plaintext block XOR the ciphertext block before it, on decryption the last block's decryption)
 * whenever its Java path runs (always for TDES, until the intrinsic takes over for AES), and
 * nothing clears it. So {@link BlockCipher} never encrypts or decrypts in CBC mode: ECB, and the
 * chaining XOR in its own wiped buffers (review of 2026-12-02; see SECURITY.md). {@link
 * #CBC_ENCRYPT} serves only the CMAC, whose chain is not the message. TDES keeps the last block in
 * ECB mode too: {@code DESedeCrypt} runs every block through two fields of its own ({@code buf1},
 * {@code buf2}: the intermediate DES states), which nothing clears. So a released cipher encrypts
 * one zero block after its zero re-keying ({@link Engine#retire}: that overwrites those fields and
 * the CBC mode's {@code k}), and a TDES operation on secret data runs one zero block after its own
 * ({@link Engine#rinse}; review of session 5).
 */
final class CipherState {
  /** Idle engines per key: every core at once, with slack for preempted threads. */
  static final int POOL_SLOTS = 2 * Runtime.getRuntime().availableProcessors();

  static final int ECB_ENCRYPT = 0;
  static final int ECB_DECRYPT = 1;
  /** Zero-IV CBC: every use ends with {@code doFinal}, which restores the IV. */
  static final int CBC_ENCRYPT = 2;

  private static final SecretKey[] ZERO_KEYS = {
    new SecretKeySpec(new byte[24], "DESede"), new SecretKeySpec(new byte[16], "AES")
  };
  private static final IvParameterSpec[] ZERO_IVS = {
    new IvParameterSpec(new byte[8]), new IvParameterSpec(new byte[16])
  };
  /** One zero block per algorithm (by {@code aes}): the public input of a rinse. Never written. */
  private static final byte[][] ZERO_BLOCKS = {new byte[8], new byte[16]};

  /**
   * Zero-keyed spare ciphers by transformation, 2 * aes + (CBC ? 1 : 0): ECB serves both ECB kinds
   * ({@link #handOver} turns an encryptor into a decryptor); an empty pool yields {@code null}.
   */
  private static final List<BoundedPool<Cipher>> SPARES = new ArrayList<>();

  static {
    for (int i = 0; i < 4; i++) {
      SPARES.add(new BoundedPool<>(2 * POOL_SLOTS, () -> null, c -> {}));
    }
  }

  private final RawKey key;
  private final int aes; // 1 for AES, 0 for TDES: indexes ZERO_KEYS, ZERO_IVS and SPARES
  private final Lifecycle lifecycle = new Lifecycle("block cipher");
  private final BoundedPool<Engine> engines =
      new BoundedPool<>(POOL_SLOTS, Engine::new, Engine::release);

  /** Owns and wipes {@code key} (not copied), for {@code jceName}. */
  CipherState(String jceName, byte[] key) {
    this.key = new RawKey(jceName, key);
    this.aes = jceName.equals("AES") ? 1 : 0;
  }

  /** An engine for one operation; {@link #give} it back in a {@code finally}. */
  Engine take() {
    lifecycle.check();
    return engines.take();
  }

  /** After destroy, or to a full pool, the engine is released instead. */
  void give(Engine e) {
    engines.give(e);
  }

  void destroy() {
    lifecycle.destroy(() -> {
      Bytes.wipe(key.bytes);
      engines.close();
    });
  }

  boolean isDestroyed() {
    return lifecycle.isDestroyed();
  }

  /**
   * Moves {@code from}'s keyed cipher of {@code fromKind} to this state as its cipher of {@code
   * kind}, re-keyed with this key (one {@code Cipher.init}): for a KBPK whose only use is to derive
   * this key, that one key schedule both keys this state and wipes the KBPK's (see the class
   * comment), where destroying {@code from} and keying this state from a spare costs two. Both
   * kinds must be ECB ({@link #ECB_ENCRYPT}, {@link #ECB_DECRYPT}: one transformation). Nothing
   * moves when {@code from} has no idle engine with such a cipher; if keying fails, the cipher is
   * re-keyed with zeros into the spares, or dropped.
   */
  @SuppressWarnings("try") // the resource only ends the operation
  void handOver(CipherState from, int fromKind, int kind) {
    if (fromKind == CBC_ENCRYPT || kind == CBC_ENCRYPT || from.aes != aes) {
      throw new IllegalArgumentException("ECB kinds of one algorithm only");
    }
    Engine source = from.engines.take();
    Cipher c = source.ciphers[fromKind];
    source.ciphers[fromKind] = null;
    from.engines.give(source);
    if (c == null) {
      return;
    }
    Engine target = engines.take();
    try (Lifecycle.Use u = lifecycle.use()) {
      if (target.ciphers[kind] == null) {
        target.ciphers[kind] = target.init(c, kind, key);
        c = null;
      }
    } finally {
      if (c != null) {
        target.retire(c, fromKind);
      }
      engines.give(target);
    }
  }

  /** One operation's ciphers and subkeys, used by one thread at a time. */
  final class Engine {
    private final Cipher[] ciphers = new Cipher[3];
    /** Where a rinse's output goes (public: the encryption of a zero block). */
    private final byte[] junk = new byte[16];

    /** CMAC's K1 || K2 under this key: {@link Cmac} sets it on first use. */
    byte[] subkeys;

    /** The cipher of this kind, keyed on first use (IllegalStateException after destroy). */
    @SuppressWarnings("try") // the resource only ends the operation
    Cipher cipher(int kind) {
      if (ciphers[kind] == null) {
        try (Lifecycle.Use u = lifecycle.use()) {
          ciphers[kind] = init(spares(kind).take(), kind, key);
        }
      }
      return ciphers[kind];
    }

    /** One {@code doFinal} of this kind; lengths are the caller's to check. */
    void run(int kind, byte[] in, int inOff, int len, byte[] out, int outOff) {
      try {
        cipher(kind).doFinal(in, inOff, len, out, outOff);
      } catch (GeneralSecurityException x) {
        drop();
        throw new IllegalStateException("block cipher failure: " + x.getClass().getSimpleName());
      }
    }

    /**
     * TDES only: one zero block through the cipher of this kind, after an operation on secret
     * data, so that SunJCE's {@code DESedeCrypt} no longer holds the two intermediate DES states of
     * its last block ({@code buf1}, {@code buf2}: with the key, one DES operation turns them back
     * into that block). AES keeps no block state ({@code AESCrypt} and ECB use locals only): no-op.
     */
    void rinse(int kind) {
      if (aes == 0) {
        run(kind, ZERO_BLOCKS[0], 0, ZERO_BLOCKS[0].length, junk, 0);
      }
    }

    /** Drops the ciphers, whose state is unknown after a failure (a library bug). */
    void drop() {
      Arrays.fill(ciphers, null);
    }

    /** Wipes the subkeys and hands the ciphers, re-keyed with zeros, to the spares. */
    void release() {
      Bytes.wipe(subkeys);
      subkeys = null;
      for (int kind = 0; kind < 3; kind++) {
        Cipher c = ciphers[kind];
        ciphers[kind] = null;
        if (c != null) {
          retire(c, kind);
        }
      }
    }

    /**
     * Re-keys {@code c} (a cipher of {@code kind}) with zeros and runs one zero block through it
     * into the spares, or drops it. The block overwrites what SunJCE keeps of the last block the
     * old key processed, which re-keying leaves: TDES's intermediate states ({@code
     * DESedeCrypt.buf1}, {@code buf2}; from them and the public block the old key's DES parts
     * fall to 2^56 searches each) and the CBC chain's last input ({@code CipherBlockChaining.k}:
     * for the CMAC of one block, the subkey).
     */
    void retire(Cipher c, int kind) {
      try {
        Cipher zeroKeyed = init(c, kind, ZERO_KEYS[aes]);
        zeroKeyed.doFinal(ZERO_BLOCKS[aes], 0, ZERO_BLOCKS[aes].length, junk, 0);
        spares(kind).give(zeroKeyed);
      } catch (IllegalStateException | GeneralSecurityException x) {
        // not re-keyed and rinsed: dropped, never pooled
      }
    }

    private BoundedPool<Cipher> spares(int kind) {
      return SPARES.get(2 * aes + (kind == CBC_ENCRYPT ? 1 : 0));
    }

    /** Keys {@code c}, or a new cipher when {@code c} is null (no spare was left). */
    private Cipher init(Cipher c, int kind, SecretKey k) {
      String mode = k.getAlgorithm() + (kind == CBC_ENCRYPT ? "/CBC" : "/ECB") + "/NoPadding";
      try {
        c = c != null ? c : Cipher.getInstance(mode);
        c.init(kind == ECB_DECRYPT ? Cipher.DECRYPT_MODE : Cipher.ENCRYPT_MODE, k,
            kind == CBC_ENCRYPT ? ZERO_IVS[aes] : null);
        return c;
      } catch (GeneralSecurityException x) {
        throw new IllegalStateException("cannot key " + mode, x);
      }
    }
  }

  /** The key as {@code Cipher.init} takes it: the JCE gets a copy, never this array. */
  private static final class RawKey implements SecretKey {
    private static final long serialVersionUID = 1L;
    private final String algorithm;
    private final transient byte[] bytes;

    RawKey(String algorithm, byte[] bytes) {
      this.algorithm = algorithm;
      this.bytes = bytes;
    }

    @Override
    public String getAlgorithm() {
      return algorithm;
    }

    @Override
    public String getFormat() {
      return "RAW";
    }

    @Override
    public byte[] getEncoded() {
      return bytes.clone();
    }
  }
}
