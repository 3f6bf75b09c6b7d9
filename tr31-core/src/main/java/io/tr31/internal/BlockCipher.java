/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.security.auth.Destroyable;

/**
 * A prepared AES or TDES block cipher: ECB, and CBC with the IV folded into the first block (the
 * X9.143 IV is the MAC, new on every call: folding saves a {@code Cipher.init} per call). With
 * {@link BoundedPool} and {@link Scratch} this is the whole speed layer:
 *
 * <ul>
 *   <li>An {@link Engine} holds all key-dependent state: up to three JCE ciphers keyed on first use
 *       (one per mode) and the CMAC subkeys. Each BlockCipher owns a pool of engines; an operation
 *       takes one, uses it alone, gives it back.
 *   <li>{@link Scratch}: per thread, key-independent, zero between operations.
 *   <li>Spares: {@code Cipher.getInstance} costs microseconds, {@code init} far less, so released
 *       engines leave their ciphers, re-keyed with zeros, in a static pool for the next key.
 * </ul>
 *
 * <p>Security. Thread-safe. {@link #destroy()} (once, by {@link Lifecycle}) waits for engines being
 * keyed, wipes the key and closes the pool: idle engines are released at once, engines in use when
 * given back; releasing wipes the subkeys and re-keys the ciphers. No operation computes with
 * half-wiped keys: it touches only the engine it holds alone and reads the key only inside {@link
 * Lifecycle#use()}; racing destroy it completes or throws {@link IllegalStateException}, as does
 * any use after destroy. Dropped, not wiped: JCE key schedules (re-keying replaces them without
 * zeroing) and copies the JCE keeps. {@link #toString()} shows no key material.
 */
public final class BlockCipher implements Destroyable {
  /** The block ciphers of the X9.143 binding methods. */
  public enum Algorithm {
    /** AES (FIPS 197): 16-byte blocks, 16/24/32-byte keys. */
    AES("AES", 16),
    /** TDEA (NIST SP 800-67): 8-byte blocks, 2-key (16 bytes, used as K1K2K1) or 3-key. */
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

    /** Whether {@code n} is a key length this algorithm accepts. */
    public boolean permitsKeyLengthBytes(int n) {
      return n == 16 || n == 24 || (this == AES && n == 32);
    }
  }

  /** Idle engines per key: every core at once, with slack for preempted threads. */
  static final int POOL_SLOTS = 2 * Runtime.getRuntime().availableProcessors();

  static final int ECB_ENCRYPT = 0;
  static final int ECB_DECRYPT = 1;
  /** Zero-IV CBC: every use ends with {@code doFinal}, which restores the IV. */
  static final int CBC_ENCRYPT = 2;

  /** Zero-keyed ciphers by algorithm and kind: no secret, shared by all threads. */
  private static final BoundedPool<?>[] SPARES = new BoundedPool<?>[6];

  static {
    for (int i = 0; i < SPARES.length; i++) {
      String mode = Algorithm.values()[i / 3].jceName + (i % 3 == 2 ? "/CBC" : "/ECB");
      SPARES[i] = new BoundedPool<Cipher>(2 * POOL_SLOTS, () -> newCipher(mode), c -> {});
    }
  }

  private final Algorithm algorithm;
  private final int keyLengthBytes;
  private final byte[] key;
  private final IvParameterSpec zeroIv;
  private final Lifecycle lifecycle = new Lifecycle("block cipher");
  private final BoundedPool<Engine> engines =
      new BoundedPool<>(POOL_SLOTS, Engine::new, Engine::release);

  private BlockCipher(Algorithm algorithm, byte[] key) {
    if (!algorithm.permitsKeyLengthBytes(key.length)) {
      throw new IllegalArgumentException(
          "key length " + key.length + " bytes not allowed for " + algorithm);
    }
    this.algorithm = algorithm;
    this.keyLengthBytes = key.length;
    this.zeroIv = new IvParameterSpec(new byte[algorithm.blockSizeBytes]);
    this.key = Arrays.copyOf(key, algorithm == Algorithm.TDES ? 24 : key.length);
    if (algorithm == Algorithm.TDES && key.length == 16) {
      System.arraycopy(key, 0, this.key, 16, 8); // SP 800-67 keying option 2: K3 = K1
    }
  }

  /** Prepares {@code algorithm} under a copy of {@code key} (IllegalArgumentException on length). */
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

  /** A single-DES key as the TDES key K1K1K1 (TDES with three equal keys is DES); caller wipes. */
  public static byte[] singleDesAsTdes(byte[] key) {
    if (key.length != 8) {
      throw new IllegalArgumentException("a single-DES key has 8 bytes");
    }
    byte[] out = Arrays.copyOf(key, 24);
    System.arraycopy(out, 0, out, 8, 8);
    System.arraycopy(out, 0, out, 16, 8);
    return out;
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

  /** ECB-encrypts {@code len} bytes (a positive multiple of the block size). */
  public void encryptEcb(byte[] in, int inOff, int len, byte[] out, int outOff) {
    run(ECB_ENCRYPT, in, inOff, len, out, outOff);
  }

  /**
   * CBC-encrypts {@code len} bytes (a positive multiple of the block size) under the IV {@code
   * iv[ivOff..)}: zero-IV CBC over (P1 xor IV, P2, ...) in place in {@code out}, which must not
   * overlap the input or the IV. On failure the output range is zeroed.
   */
  public void encryptCbc(
      byte[] iv, int ivOff, byte[] in, int inOff, int len, byte[] out, int outOff) {
    Objects.checkFromIndexSize(ivOff, blockSizeBytes(), iv.length);
    checkBlocks(in, inOff, len, out, outOff);
    System.arraycopy(in, inOff, out, outOff, len);
    try {
      for (int i = 0; i < blockSizeBytes(); i++) {
        out[outOff + i] ^= iv[ivOff + i];
      }
      run(CBC_ENCRYPT, out, outOff, len, out, outOff);
    } catch (RuntimeException e) {
      Arrays.fill(out, outOff, outOff + len, (byte) 0); // leaves no plaintext behind
      throw e;
    }
  }

  /**
   * CBC-decrypts {@code len} bytes (a positive multiple of the block size) under the IV {@code
   * iv[ivOff..)}: one ECB call, then each block XORed with the previous ciphertext block (the IV
   * for the first). The output must not overlap the inputs.
   */
  public void decryptCbc(
      byte[] iv, int ivOff, byte[] in, int inOff, int len, byte[] out, int outOff) {
    int bs = blockSizeBytes();
    Objects.checkFromIndexSize(ivOff, bs, iv.length);
    run(ECB_DECRYPT, in, inOff, len, out, outOff);
    for (int i = 0; i < bs; i++) {
      out[outOff + i] ^= iv[ivOff + i];
    }
    for (int i = bs; i < len; i++) {
      out[outOff + i] ^= in[inOff + i - bs];
    }
  }

  private void checkBlocks(byte[] in, int inOff, int len, byte[] out, int outOff) {
    Objects.checkFromIndexSize(inOff, len, in.length); // a negative length fails here first
    Objects.checkFromIndexSize(outOff, len, out.length);
    if (len == 0 || len % blockSizeBytes() != 0) {
      throw new IllegalArgumentException("length is not a positive multiple of the block size");
    }
  }

  private void run(int kind, byte[] in, int inOff, int len, byte[] out, int outOff) {
    Engine e = take();
    try {
      e.run(kind, in, inOff, len, out, outOff);
    } finally {
      give(e);
    }
  }

  /** An engine for one operation; give it back in a {@code finally}. */
  Engine take() {
    lifecycle.check();
    return engines.take();
  }

  /** Gives back an engine; after destroy, or to a full pool, it is released instead. */
  void give(Engine e) {
    engines.give(e);
  }

  @Override
  public void destroy() {
    lifecycle.destroy(() -> {
      Bytes.wipe(key);
      engines.close();
    });
  }

  @Override
  public boolean isDestroyed() {
    return lifecycle.isDestroyed();
  }

  @Override
  public String toString() {
    return "BlockCipher[" + algorithm + "-" + keyLengthBytes * 8 + ", destroyed="
        + isDestroyed() + "]";
  }

  private static Cipher newCipher(String mode) {
    try {
      return Cipher.getInstance(mode + "/NoPadding");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(mode + " unavailable", e);
    }
  }

  /** One operation's key-dependent state, used by one thread at a time. */
  final class Engine {
    private final Cipher[] ciphers = new Cipher[3];

    /** CMAC's K1 || K2 under this key: {@link Cmac} sets it on first use. */
    byte[] subkeys;

    /** The cipher of this kind, keyed on first use (IllegalStateException after destroy). */
    @SuppressWarnings("try") // the resource only ends the operation
    Cipher cipher(int kind) {
      if (ciphers[kind] == null) {
        Cipher c = spares(kind).take();
        try (Lifecycle.Use u = lifecycle.use()) {
          init(c, kind, new RawKey(algorithm.jceName, key));
        }
        ciphers[kind] = c;
      }
      return ciphers[kind];
    }

    /** One {@code doFinal} of this kind over whole blocks. */
    void run(int kind, byte[] in, int inOff, int len, byte[] out, int outOff) {
      checkBlocks(in, inOff, len, out, outOff);
      try {
        cipher(kind).doFinal(in, inOff, len, out, outOff);
      } catch (GeneralSecurityException x) {
        drop();
        throw new IllegalStateException("block cipher failure: " + x.getClass().getSimpleName());
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
        try {
          if (c != null) {
            init(c, kind, new SecretKeySpec(new byte[key.length], algorithm.jceName));
            spares(kind).give(c);
          }
        } catch (IllegalStateException x) {
          // not re-keyed: dropped, never pooled
        }
      }
    }

    @SuppressWarnings("unchecked")
    private BoundedPool<Cipher> spares(int kind) {
      return (BoundedPool<Cipher>) SPARES[algorithm.ordinal() * 3 + kind];
    }

    private void init(Cipher c, int kind, SecretKey k) {
      try {
        int mode = kind == ECB_DECRYPT ? Cipher.DECRYPT_MODE : Cipher.ENCRYPT_MODE;
        c.init(mode, k, kind == CBC_ENCRYPT ? zeroIv : null);
      } catch (GeneralSecurityException x) {
        throw new IllegalStateException("cannot key " + c.getAlgorithm(), x);
      }
    }
  }

  /** A key for one {@code Cipher.init}: the JCE gets a copy, never this object's array. */
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
