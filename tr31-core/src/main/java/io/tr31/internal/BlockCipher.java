/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Cipher;
import javax.security.auth.Destroyable;

/**
 * A prepared AES or TDES block cipher: the key is checked once, and each operation borrows
 * initialised JCE {@link Cipher} instances from a small pool this object owns.
 *
 * <p>Offers raw ECB over whole blocks and CBC with the IV folded into the first block by this class
 * (X9.143 binds the IV to the MAC, so the IV changes on every call while the key does not; folding
 * it in avoids a {@code Cipher.init} per call). {@link Cmac} builds on the CBC encryptor with an
 * all-zero IV.
 *
 * <h2>Security</h2>
 *
 * Thread-safe: an operation borrows a {@link State} (ciphers and scratch buffers, used by one
 * thread at a time) from this object's pool of at most {@link #POOL_SLOTS} states and returns it
 * afterwards; a thread that finds the pool empty makes a new state, and a state returned to a full
 * pool is released. Nothing is kept per thread, so {@link #destroy()} reaches every idle state: it
 * marks this object destroyed, wipes its copy of the key and drains the pool, zeroing each state's
 * scratch buffers and dropping its ciphers (they are re-keyed with a constant all-zero key, which
 * replaces this key's schedule, and kept in {@link CipherPool} for the next {@code BlockCipher}). A
 * state another thread is using during {@code destroy()} is released in the same way when that
 * operation returns it. Best effort: JCE key schedules cannot be wiped through any public API, only
 * dropped (the JCE replaces its key arrays on re-keying and does not zero them), and the JCE may
 * keep other copies of the key. Any use after destroy throws {@link IllegalStateException}; an
 * operation already running in another thread may complete or throw it. Temporaries this class
 * makes (the expanded 2-key TDES key, scratch blocks) are zeroed. {@link #toString()} never shows
 * key material.
 */
public final class BlockCipher implements Destroyable {

  /** The block ciphers X9.143 binding methods use, with their block size. */
  public enum Algorithm {
    /** AES (FIPS 197), 128-bit blocks, 16/24/32-byte keys. */
    AES("AES", 16),
    /** TDEA (NIST SP 800-67), 64-bit blocks, 2-key (16 bytes, used as K1K2K1) or 3-key. */
    TDES("DESede", 8);

    private final String jceName;
    private final int blockSizeBytes;

    Algorithm(String jceName, int blockSizeBytes) {
      this.jceName = jceName;
      this.blockSizeBytes = blockSizeBytes;
    }

    /** The block size in bytes. */
    public int blockSizeBytes() {
      return blockSizeBytes;
    }

    /** The JCE algorithm name. */
    String jceName() {
      return jceName;
    }

    /** Whether {@code n} is a key length this algorithm accepts. */
    public boolean permitsKeyLengthBytes(int n) {
      return this == AES ? n == 16 || n == 24 || n == 32 : n == 16 || n == 24;
    }
  }

  /**
   * A single-DES key as the TDES key K1K1K1 (the legacy field reality of single-DES KBPKs and DES
   * KCVs: TDES with three equal keys is DES). The caller wipes the result.
   */
  public static byte[] singleDesAsTdes(byte[] key) {
    if (key.length != 8) {
      throw new IllegalArgumentException("a single-DES key has 8 bytes");
    }
    byte[] out = new byte[24];
    for (int i = 0; i < 24; i += 8) {
      System.arraycopy(key, 0, out, i, 8);
    }
    return out;
  }

  /** Size of each state's scratch area (one-call CBC and CMAC over a whole key block). */
  static final int SCRATCH_BYTES = 512;

  /**
   * Idle states one object keeps: enough for every core to run an operation at once, with slack for
   * threads preempted while holding one. More concurrent threads still work; their extra states are
   * released when returned.
   */
  static final int POOL_SLOTS = 2 * Runtime.getRuntime().availableProcessors();

  private final Algorithm algorithm;
  private final int keyLengthBytes;
  private final RawKey key;
  private final BoundedPool<State> pool;
  private final AtomicBoolean destroyed = new AtomicBoolean();

  private BlockCipher(Algorithm algorithm, byte[] key) {
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(key, "key");
    if (!algorithm.permitsKeyLengthBytes(key.length)) {
      throw new IllegalArgumentException(
          "key length " + key.length + " bytes not allowed for " + algorithm);
    }
    this.keyLengthBytes = key.length;
    if (algorithm == Algorithm.TDES && key.length == 16) {
      // NIST SP 800-67 keying option 2: K3 = K1.
      byte[] k1k2k1 = new byte[24];
      try {
        System.arraycopy(key, 0, k1k2k1, 0, 16);
        System.arraycopy(key, 0, k1k2k1, 16, 8);
        this.key = new RawKey(algorithm.jceName, k1k2k1);
      } finally {
        Bytes.wipe(k1k2k1);
      }
    } else {
      this.key = new RawKey(algorithm.jceName, key);
    }
    // No cipher is created here: states are made on first use and take their ciphers from
    // CipherPool, which keeps one-shot preparation cheap.
    this.pool =
        new BoundedPool<>(POOL_SLOTS, () -> new State(this.algorithm, this.key), State::release);
  }

  /**
   * Prepares {@code algorithm} under {@code key} (copied; the caller keeps ownership of its array).
   *
   * @throws IllegalArgumentException if the key length is not allowed for the algorithm
   */
  public static BlockCipher of(Algorithm algorithm, byte[] key) {
    return new BlockCipher(algorithm, key);
  }

  /** Prepares AES under a 16, 24 or 32-byte key. */
  public static BlockCipher aes(byte[] key) {
    return new BlockCipher(Algorithm.AES, key);
  }

  /** Prepares TDES under a 16-byte (2-key, used as K1K2K1) or 24-byte (3-key) key. */
  public static BlockCipher tdes(byte[] key) {
    return new BlockCipher(Algorithm.TDES, key);
  }

  /** The algorithm. */
  public Algorithm algorithm() {
    return algorithm;
  }

  /** The block size in bytes (16 for AES, 8 for TDES). */
  public int blockSizeBytes() {
    return algorithm.blockSizeBytes;
  }

  /** The key length in bytes as given (16 for a 2-key TDES key). */
  public int keyLengthBytes() {
    return keyLengthBytes;
  }

  /**
   * ECB-encrypts {@code len} bytes (a positive multiple of the block size) from {@code in} to
   * {@code out}.
   */
  public void encryptEcb(byte[] in, int inOff, int len, byte[] out, int outOff) {
    checkBlocks(in, inOff, len, out, outOff);
    State s = borrow();
    try {
      s.ecbEncryptor().doFinal(in, inOff, len, out, outOff);
    } catch (GeneralSecurityException e) {
      throw fail(s, e);
    } finally {
      giveBack(s);
    }
  }

  /**
   * ECB-decrypts {@code len} bytes (a positive multiple of the block size) from {@code in} to
   * {@code out}.
   */
  public void decryptEcb(byte[] in, int inOff, int len, byte[] out, int outOff) {
    checkBlocks(in, inOff, len, out, outOff);
    State s = borrow();
    try {
      s.ecbDecryptor().doFinal(in, inOff, len, out, outOff);
    } catch (GeneralSecurityException e) {
      throw fail(s, e);
    } finally {
      giveBack(s);
    }
  }

  /**
   * CBC-encrypts {@code len} bytes (a positive multiple of the block size) under {@code
   * iv[ivOff..ivOff+blockSize)}. Input and output ranges must not overlap.
   */
  public void encryptCbc(
      byte[] iv, int ivOff, byte[] in, int inOff, int len, byte[] out, int outOff) {
    State s = borrow();
    try {
      encryptCbc(s, iv, ivOff, in, inOff, len, out, outOff);
    } finally {
      giveBack(s);
    }
  }

  /** {@link #encryptCbc(byte[], int, byte[], int, int, byte[], int)} on a borrowed state. */
  void encryptCbc(
      State s, byte[] iv, int ivOff, byte[] in, int inOff, int len, byte[] out, int outOff) {
    checkBlocks(in, inOff, len, out, outOff);
    int bs = blockSizeBytes();
    Objects.checkFromIndexSize(ivOff, bs, iv.length);
    // CBC with IV v equals CBC with a zero IV over (P1 xor v, P2, ...): the zero-IV encryptor is
    // initialised once per state, and doFinal restores its zero IV for the next call. Up to the
    // scratch size the whole input is copied and encrypted in one doFinal (the JCE overhead per
    // call exceeds the cipher work on a key block's payload); beyond it only the first block is.
    boolean oneCall = len <= SCRATCH_BYTES;
    byte[] buf = oneCall ? s.scratch : s.block;
    int copied = oneCall ? len : bs;
    try {
      System.arraycopy(in, inOff, buf, 0, copied);
      for (int i = 0; i < bs; i++) {
        buf[i] ^= iv[ivOff + i];
      }
      Cipher cbc = s.cbcEncryptor();
      if (oneCall) {
        cbc.doFinal(buf, 0, len, out, outOff);
      } else {
        cbc.update(buf, 0, bs, out, outOff);
        cbc.doFinal(in, inOff + bs, len - bs, out, outOff + bs);
      }
    } catch (GeneralSecurityException e) {
      throw fail(s, e);
    } finally {
      Bytes.wipe(buf, 0, copied);
    }
  }

  /**
   * CBC-decrypts {@code len} bytes (a positive multiple of the block size) under {@code
   * iv[ivOff..ivOff+blockSize)}: ECB-decrypts every block in one call, then XORs each with the
   * previous ciphertext block (the IV for the first). Input and output ranges must not overlap.
   */
  public void decryptCbc(
      byte[] iv, int ivOff, byte[] in, int inOff, int len, byte[] out, int outOff) {
    State s = borrow();
    try {
      decryptCbc(s, iv, ivOff, in, inOff, len, out, outOff);
    } finally {
      giveBack(s);
    }
  }

  /**
   * {@link #decryptCbc(byte[], int, byte[], int, int, byte[], int)} on a borrowed state; uses no
   * buffer of the state.
   */
  void decryptCbc(
      State s, byte[] iv, int ivOff, byte[] in, int inOff, int len, byte[] out, int outOff) {
    checkBlocks(in, inOff, len, out, outOff);
    int bs = blockSizeBytes();
    Objects.checkFromIndexSize(ivOff, bs, iv.length);
    try {
      s.ecbDecryptor().doFinal(in, inOff, len, out, outOff);
    } catch (GeneralSecurityException e) {
      throw fail(s, e);
    }
    for (int i = 0; i < bs; i++) {
      out[outOff + i] ^= iv[ivOff + i];
    }
    for (int i = bs; i < len; i++) {
      out[outOff + i] ^= in[inOff + i - bs];
    }
  }

  /**
   * Takes an idle state from the pool, or makes one; the caller hands it back with {@link
   * #giveBack(State)} in a {@code finally}. Package-private for {@link Cmac} and the bindings.
   *
   * @throws IllegalStateException if this object is destroyed
   */
  State borrow() {
    if (destroyed.get()) {
      throw new IllegalStateException("block cipher destroyed");
    }
    return pool.take();
  }

  /**
   * Returns a borrowed state to the pool (its scratch buffers already wiped by the operation), or
   * releases it when the pool is full or this object was destroyed.
   */
  void giveBack(State s) {
    pool.give(s); // after destroy() the pool is closed: the state is released, never pooled
  }

  /** Idle states in the pool (for tests). */
  int pooledStates() {
    return pool.idle();
  }

  /** Drops the state's ciphers after a provider failure left one in an unknown state. */
  RuntimeException fail(State s, GeneralSecurityException e) {
    // Not pooled: its state is unknown. The state makes fresh ciphers on its next use.
    s.dropCiphers();
    // Provider failures here are bugs (lengths are checked first); the message is the provider's
    // class name only, never data.
    return new IllegalStateException("block cipher failure: " + e.getClass().getSimpleName());
  }

  private void checkBlocks(byte[] in, int inOff, int len, byte[] out, int outOff) {
    // A negative length fails these bounds checks first.
    Objects.checkFromIndexSize(inOff, len, in.length);
    Objects.checkFromIndexSize(outOff, len, out.length);
    if (len == 0 || len % blockSizeBytes() != 0) {
      throw new IllegalArgumentException("length is not a positive multiple of the block size");
    }
  }

  @Override
  public void destroy() {
    if (destroyed.getAndSet(true)) {
      return;
    }
    key.destroy();
    pool.close();
  }

  @Override
  public boolean isDestroyed() {
    return destroyed.get();
  }

  @Override
  public String toString() {
    return "BlockCipher["
        + algorithm
        + "-"
        + (keyLengthBytes * 8)
        + ", destroyed="
        + destroyed.get()
        + "]";
  }

  /**
   * One borrower's ciphers (created lazily) and scratch buffers (wiped by every operation that
   * writes them). Used by one thread at a time: the pool's atomic hand-over orders its uses.
   */
  static final class State {
    private final Algorithm algorithm;
    private final RawKey key;
    private Cipher ecbEncryptor;
    private Cipher ecbDecryptor;
    private Cipher cbcEncryptor;

    /** Set once the ciphers went back to {@link CipherPool}; such a state is never pooled. */
    boolean released;

    /** One block of scratch. */
    final byte[] block;

    /** A second block of scratch. */
    final byte[] last;

    /** Scratch for one-call CBC and CMAC. */
    final byte[] scratch = new byte[SCRATCH_BYTES];

    /**
     * The received and the computed MAC of {@link KeyDerivationBinding#open}, reserved for it: it
     * calls {@link #decryptCbc(State, byte[], int, byte[], int, int, byte[], int)} and CMAC code
     * while holding them, so no other code may ever use these two arrays.
     */
    final byte[] macReceived;

    /** See {@link #macReceived}. */
    final byte[] macComputed;

    State(Algorithm algorithm, RawKey key) {
      this.algorithm = algorithm;
      this.key = key;
      this.block = new byte[algorithm.blockSizeBytes];
      this.last = new byte[algorithm.blockSizeBytes];
      this.macReceived = new byte[algorithm.blockSizeBytes];
      this.macComputed = new byte[algorithm.blockSizeBytes];
    }

    Cipher ecbEncryptor() {
      if (ecbEncryptor == null) {
        ecbEncryptor = CipherPool.take(algorithm, CipherPool.Kind.ECB_ENCRYPT, key);
      }
      return ecbEncryptor;
    }

    Cipher ecbDecryptor() {
      if (ecbDecryptor == null) {
        ecbDecryptor = CipherPool.take(algorithm, CipherPool.Kind.ECB_DECRYPT, key);
      }
      return ecbDecryptor;
    }

    /** The CBC encryptor with an all-zero IV; every use must end with {@code doFinal}. */
    Cipher cbcEncryptor() {
      if (cbcEncryptor == null) {
        cbcEncryptor = CipherPool.take(algorithm, CipherPool.Kind.CBC_ENCRYPT, key);
      }
      return cbcEncryptor;
    }

    /** The ciphers this state holds now (for tests). */
    Cipher[] ciphers() {
      return new Cipher[] {ecbEncryptor, ecbDecryptor, cbcEncryptor};
    }

    void dropCiphers() {
      ecbEncryptor = null;
      ecbDecryptor = null;
      cbcEncryptor = null;
    }

    /** Hands the ciphers to the calling thread's {@link CipherPool} and wipes the buffers. */
    void release() {
      released = true;
      CipherPool.give(algorithm, CipherPool.Kind.ECB_ENCRYPT, ecbEncryptor);
      CipherPool.give(algorithm, CipherPool.Kind.ECB_DECRYPT, ecbDecryptor);
      CipherPool.give(algorithm, CipherPool.Kind.CBC_ENCRYPT, cbcEncryptor);
      dropCiphers();
      Bytes.wipe(block, last, scratch, macReceived, macComputed);
    }
  }
}
