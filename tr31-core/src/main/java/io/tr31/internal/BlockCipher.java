package io.tr31.internal;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.Destroyable;

/**
 * A prepared AES or TDES block cipher: the key is checked once, and every thread gets its own JCE
 * {@link Cipher} instances, initialised on first use and never re-initialised afterwards.
 *
 * <p>Offers raw ECB over whole blocks and CBC with the IV folded into the first block by this class
 * (X9.143 binds the IV to the MAC, so the IV changes on every call while the key does not; folding
 * it in avoids a {@code Cipher.init} per call). {@link Cmac} builds on the per-thread CBC encryptor
 * with an all-zero IV.
 *
 * <h2>Security</h2>
 *
 * Thread-safe: per-thread state lives in a {@link ThreadLocal}. {@link #destroy()} is best effort:
 * this class keeps no raw copy of the key, but the {@link SecretKeySpec} (whose {@code destroy} is
 * not implemented by the JDK and throws) and the JCE ciphers' key schedules cannot be wiped through
 * any public API. The destroying thread's own {@link Cipher} objects are re-keyed with a constant
 * all-zero key (replacing this key's schedule) and kept in that thread's {@link CipherPool} for the
 * next {@code BlockCipher}. Other threads that used this object keep their initialised ciphers (and
 * so this key's schedule) in their {@link ThreadLocal} map until the JDK expunges the stale entry,
 * which may be much later: {@code destroy()} cannot reach another thread's state without racing
 * that thread's use of its {@code Cipher}. Temporaries this class makes (the expanded 2-key TDES
 * key, scratch blocks) are zeroed. Any use after destroy throws {@link IllegalStateException}.
 * {@link #toString()} never shows key material.
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

  /** Size of the per-thread scratch area used to chunk CBC-MAC updates. */
  static final int SCRATCH_BYTES = 512;

  private final Algorithm algorithm;
  private final int keyLengthBytes;
  private final SecretKeySpec keySpec;
  private final ThreadLocal<State> state = new ThreadLocal<>();
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
        this.keySpec = new SecretKeySpec(k1k2k1, algorithm.jceName);
      } finally {
        Bytes.wipe(k1k2k1);
      }
    } else {
      this.keySpec = new SecretKeySpec(key, algorithm.jceName);
    }
    // No cipher is created here: each thread creates (or takes from its pool, see CipherPool)
    // only the ciphers it uses, which keeps one-shot preparation cheap.
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
   * ECB-encrypts {@code len} bytes (a multiple of the block size) from {@code in} to {@code out}.
   */
  public void encryptEcb(byte[] in, int inOff, int len, byte[] out, int outOff) {
    checkBlocks(in, inOff, len, out, outOff);
    State s = current();
    run(s.ecbEncryptor(), in, inOff, len, out, outOff);
  }

  /**
   * ECB-decrypts {@code len} bytes (a multiple of the block size) from {@code in} to {@code out}.
   */
  public void decryptEcb(byte[] in, int inOff, int len, byte[] out, int outOff) {
    checkBlocks(in, inOff, len, out, outOff);
    State s = current();
    run(s.ecbDecryptor(), in, inOff, len, out, outOff);
  }

  /**
   * CBC-encrypts {@code len} bytes (a positive multiple of the block size) under {@code
   * iv[ivOff..ivOff+blockSize)}. Input and output ranges must not overlap.
   */
  public void encryptCbc(
      byte[] iv, int ivOff, byte[] in, int inOff, int len, byte[] out, int outOff) {
    checkBlocks(in, inOff, len, out, outOff);
    Objects.checkFromIndexSize(ivOff, blockSizeBytes(), iv.length);
    if (len == 0) {
      throw new IllegalArgumentException("empty CBC input");
    }
    int bs = blockSizeBytes();
    State s = current();
    if (len <= SCRATCH_BYTES) {
      encryptCbcOneCall(s, iv, ivOff, in, inOff, len, out, outOff);
      return;
    }
    byte[] first = s.block;
    try {
      // CBC with IV v equals CBC with a zero IV over (P1 xor v, P2, ...): the zero-IV encryptor
      // is initialised once per thread, and doFinal restores its zero IV for the next call.
      for (int i = 0; i < bs; i++) {
        first[i] = (byte) (in[inOff + i] ^ iv[ivOff + i]);
      }
      Cipher cbc = s.cbcEncryptor();
      if (len == bs) {
        cbc.doFinal(first, 0, bs, out, outOff);
      } else {
        cbc.update(first, 0, bs, out, outOff);
        cbc.doFinal(in, inOff + bs, len - bs, out, outOff + bs);
      }
    } catch (GeneralSecurityException e) {
      throw fail(e);
    } finally {
      Bytes.wipe(first);
    }
  }

  /**
   * CBC with the IV folded into a scratch copy of the input: one {@code doFinal} (the JCE overhead
   * per call is larger than the AES work on a key block's payload).
   */
  private void encryptCbcOneCall(
      State s, byte[] iv, int ivOff, byte[] in, int inOff, int len, byte[] out, int outOff) {
    byte[] buf = s.scratch;
    try {
      System.arraycopy(in, inOff, buf, 0, len);
      for (int i = 0; i < blockSizeBytes(); i++) {
        buf[i] ^= iv[ivOff + i];
      }
      s.cbcEncryptor().doFinal(buf, 0, len, out, outOff);
    } catch (GeneralSecurityException e) {
      throw fail(e);
    } finally {
      Arrays.fill(buf, 0, len, (byte) 0);
    }
  }

  /**
   * CBC-decrypts {@code len} bytes (a multiple of the block size) under {@code
   * iv[ivOff..ivOff+blockSize)}: ECB-decrypts every block in one call, then XORs each with the
   * previous ciphertext block (the IV for the first). Input and output ranges must not overlap.
   */
  public void decryptCbc(
      byte[] iv, int ivOff, byte[] in, int inOff, int len, byte[] out, int outOff) {
    Objects.checkFromIndexSize(ivOff, blockSizeBytes(), iv.length);
    decryptEcb(in, inOff, len, out, outOff);
    int bs = blockSizeBytes();
    for (int i = 0; i < len && i < bs; i++) {
      out[outOff + i] ^= iv[ivOff + i];
    }
    for (int i = bs; i < len; i++) {
      out[outOff + i] ^= in[inOff + i - bs];
    }
  }

  /** This thread's state; package-private for {@link Cmac}. */
  State current() {
    if (destroyed.get()) {
      throw new IllegalStateException("block cipher destroyed");
    }
    State s = state.get();
    if (s == null) {
      s = new State(algorithm, keySpec);
      state.set(s);
    }
    return s;
  }

  /** Drops this thread's state after a provider failure left a cipher in an unknown state. */
  RuntimeException fail(GeneralSecurityException e) {
    // Not returned to the pool: its state is unknown.
    state.remove();
    // Provider failures here are bugs (lengths are checked first); the message is the provider's
    // class name only, never data.
    return new IllegalStateException("block cipher failure: " + e.getClass().getSimpleName());
  }

  private void run(Cipher c, byte[] in, int inOff, int len, byte[] out, int outOff) {
    try {
      c.doFinal(in, inOff, len, out, outOff);
    } catch (GeneralSecurityException e) {
      throw fail(e);
    }
  }

  private void checkBlocks(byte[] in, int inOff, int len, byte[] out, int outOff) {
    if (len < 0 || len % blockSizeBytes() != 0) {
      throw new IllegalArgumentException("length is not a multiple of the block size");
    }
    Objects.checkFromIndexSize(inOff, len, in.length);
    Objects.checkFromIndexSize(outOff, len, out.length);
  }

  @Override
  public void destroy() {
    if (destroyed.getAndSet(true)) {
      return;
    }
    State s = state.get();
    state.remove();
    if (s != null) {
      // This thread's ciphers are re-keyed with a constant key (dropping this key's schedule)
      // and kept for the next BlockCipher on this thread: Cipher.getInstance costs microseconds.
      s.release();
    }
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
   * Per-thread ciphers (created lazily) and scratch buffers (wiped after each use). Must not
   * reference the owning {@link BlockCipher}: a thread's map holds its values strongly, so a value
   * reaching back to its {@link ThreadLocal} key would keep both alive forever.
   */
  static final class State {
    private final Algorithm algorithm;
    private final SecretKeySpec keySpec;
    private Cipher ecbEncryptor;
    private Cipher ecbDecryptor;
    private Cipher cbcEncryptor;

    /** One block of scratch. */
    final byte[] block;

    /** A second block of scratch. */
    final byte[] last;

    /** Output sink for CBC-MAC chunks. */
    final byte[] scratch = new byte[SCRATCH_BYTES];

    State(Algorithm algorithm, SecretKeySpec keySpec) {
      this.algorithm = algorithm;
      this.keySpec = keySpec;
      this.block = new byte[algorithm.blockSizeBytes];
      this.last = new byte[algorithm.blockSizeBytes];
    }

    Cipher ecbEncryptor() {
      if (ecbEncryptor == null) {
        ecbEncryptor = CipherPool.take(algorithm, CipherPool.Kind.ECB_ENCRYPT, keySpec);
      }
      return ecbEncryptor;
    }

    Cipher ecbDecryptor() {
      if (ecbDecryptor == null) {
        ecbDecryptor = CipherPool.take(algorithm, CipherPool.Kind.ECB_DECRYPT, keySpec);
      }
      return ecbDecryptor;
    }

    /** The CBC encryptor with an all-zero IV; every use must end with {@code doFinal}. */
    Cipher cbcEncryptor() {
      if (cbcEncryptor == null) {
        cbcEncryptor = CipherPool.take(algorithm, CipherPool.Kind.CBC_ENCRYPT, keySpec);
      }
      return cbcEncryptor;
    }

    /** Hands this state's ciphers back to this thread's pool; the state is unusable afterwards. */
    void release() {
      CipherPool.give(algorithm, CipherPool.Kind.ECB_ENCRYPT, ecbEncryptor);
      CipherPool.give(algorithm, CipherPool.Kind.ECB_DECRYPT, ecbDecryptor);
      CipherPool.give(algorithm, CipherPool.Kind.CBC_ENCRYPT, cbcEncryptor);
      ecbEncryptor = null;
      ecbDecryptor = null;
      cbcEncryptor = null;
      Bytes.wipe(block, last, scratch);
    }
  }
}
