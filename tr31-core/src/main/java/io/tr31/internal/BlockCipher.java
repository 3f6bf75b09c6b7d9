/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import java.util.Arrays;
import java.util.Objects;
import javax.security.auth.Destroyable;

/**
 * A prepared AES or TDES block cipher: ECB, and CBC built on ECB with the chaining XOR done here
 * (the X9.143 IV is the MAC, new on every call, so no {@code Cipher.init} per call; and SunJCE's
 * CBC mode keeps a block of the data in the cipher object, see {@link CipherState}). {@link Cmac}
 * builds on it, with the JCE's zero-IV CBC mode: a MAC's chain is not the message.
 *
 * <p>The speed layer is three small classes: {@link CipherState} (this key's pooled JCE ciphers
 * and CMAC subkeys, and the zero-keyed spares), {@link Scratch} (per-thread buffers, zero between
 * operations) and {@link BoundedPool}.
 *
 * <h2>Security</h2>
 *
 * Thread-safe. {@link #destroy()} wipes this object's copy of the key and releases every thread's
 * ciphers; an operation racing it completes with intact keys or throws {@link
 * IllegalStateException}, as does any use after destroy (see {@link CipherState}, also for what
 * the JCE does not let us wipe). Temporaries are wiped; {@link #toString()} shows no key material.
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

  private final Algorithm algorithm;
  private final int keyLengthBytes;
  private final CipherState state;

  private BlockCipher(Algorithm algorithm, byte[] key) {
    if (!algorithm.permitsKeyLengthBytes(key.length)) {
      throw new IllegalArgumentException(
          "key length " + key.length + " bytes not allowed for " + algorithm);
    }
    this.algorithm = algorithm;
    this.keyLengthBytes = key.length;
    byte[] k = Arrays.copyOf(key, algorithm == Algorithm.TDES ? 24 : key.length);
    if (algorithm == Algorithm.TDES && key.length == 16) {
      System.arraycopy(key, 0, k, 16, 8); // SP 800-67 keying option 2: K3 = K1
    }
    this.state = new CipherState(algorithm.jceName, k);
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

  /**
   * ECB-encrypts {@code len} bytes (a positive multiple of the block size). Not {@linkplain
   * CipherState.Engine#rinse rinsed}: for inputs that are public or whose blocks the live key
   * recomputes (key derivation, check values, keystreams); released ciphers are rinsed.
   */
  public void encryptEcb(byte[] in, int inOff, int len, byte[] out, int outOff) {
    run(CipherState.ECB_ENCRYPT, in, inOff, len, out, outOff, false);
  }

  /**
   * ECB-decrypts {@code len} bytes (a positive multiple of the block size); not rinsed, as {@link
   * #encryptEcb}.
   */
  public void decryptEcb(byte[] in, int inOff, int len, byte[] out, int outOff) {
    run(CipherState.ECB_DECRYPT, in, inOff, len, out, outOff, false);
  }

  /**
   * CBC-encrypts {@code len} bytes (a positive multiple of the block size) under the IV {@code
   * iv[ivOff..)}: each block XORed with the one before it (the IV for the first) in the thread's
   * {@link Scratch}, then encrypted alone by ECB. Not SunJCE's CBC mode, whose Java path keeps the
   * last plaintext block XOR the ciphertext before it ({@code CipherBlockChaining.k}, public) in
   * the cipher object, where nothing clears it: the end of a key payload would outlive the key.
   * The output must not overlap the input.
   */
  public void encryptCbc(
      byte[] iv, int ivOff, byte[] in, int inOff, int len, byte[] out, int outOff) {
    Scratch s = Scratch.take();
    try {
      encryptCbc(s, iv, ivOff, in, inOff, len, out, outOff);
    } finally {
      s.give();
    }
  }

  /**
   * {@link #encryptCbc(byte[], int, byte[], int, int, byte[], int)} in the caller's scratch (its
   * block 0, which the caller's {@link Scratch#give()} wipes).
   */
  void encryptCbc(
      Scratch s, byte[] iv, int ivOff, byte[] in, int inOff, int len, byte[] out, int outOff) {
    int bs = blockSizeBytes();
    Objects.checkFromIndexSize(ivOff, bs, iv.length);
    checkBlocks(in, inOff, len, out, outOff);
    byte[] buf = s.block(0, bs);
    CipherState.Engine e = state.take();
    try {
      byte[] prev = iv;
      int prevOff = ivOff;
      for (int b = 0; b < len; b += bs) {
        for (int i = 0; i < bs; i++) {
          buf[i] = (byte) (in[inOff + b + i] ^ prev[prevOff + i]);
        }
        e.run(CipherState.ECB_ENCRYPT, buf, 0, bs, out, outOff + b);
        prev = out;
        prevOff = outOff + b;
      }
      e.rinse(CipherState.ECB_ENCRYPT);
    } finally {
      state.give(e);
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
    run(CipherState.ECB_DECRYPT, in, inOff, len, out, outOff, true);
    for (int i = 0; i < bs; i++) {
      out[outOff + i] ^= iv[ivOff + i];
    }
    for (int i = bs; i < len; i++) {
      out[outOff + i] ^= in[inOff + i - bs];
    }
  }

  /**
   * One block through the shape of an ISO 9564-1 PIN block encipherment, in one pooled engine:
   * {@code E(in XOR mask)} (formats 0 and 3), or with {@code twice} {@code E(E(in) XOR mask)}
   * (format 4, 9.4.3). {@code buf} holds two blocks: the first is work space, left holding the
   * intermediate; the second holds the mask on entry and the result on return. The caller wipes
   * {@code buf}. Every cipher call writes to another array than it reads, or above its input in
   * the same array: SunJCE copies the input of any other call into an array of its own, which
   * nobody wipes.
   */
  public void encryptXor(byte[] in, int inOff, boolean twice, byte[] buf) {
    masked(CipherState.ECB_ENCRYPT, in, inOff, twice, buf);
  }

  /**
   * The inverse of {@link #encryptXor}, in one pooled engine: {@code D(in) XOR mask}, or with
   * {@code twice} {@code D(D(in) XOR mask)}; {@code buf} as there (work space, then the mask that
   * the result replaces).
   */
  public void decryptXor(byte[] in, int inOff, boolean twice, byte[] buf) {
    masked(CipherState.ECB_DECRYPT, in, inOff, twice, buf);
  }

  private void masked(int kind, byte[] in, int inOff, boolean twice, byte[] buf) {
    int bs = blockSizeBytes();
    Objects.checkFromIndexSize(inOff, bs, in.length);
    if (buf.length != 2 * bs || in == buf) {
      throw new IllegalArgumentException("the buffer is two blocks, apart from the input");
    }
    boolean encrypt = kind == CipherState.ECB_ENCRYPT;
    CipherState.Engine e = state.take();
    try {
      if (encrypt && !twice) {
        System.arraycopy(in, inOff, buf, 0, bs);
      } else {
        e.run(kind, in, inOff, bs, buf, 0);
      }
      for (int i = 0; i < bs; i++) {
        buf[i] ^= buf[bs + i];
      }
      if (encrypt || twice) {
        e.run(kind, buf, 0, bs, buf, bs); // upwards in one array: no copy
      } else {
        System.arraycopy(buf, 0, buf, bs, bs);
      }
      e.rinse(kind);
    } finally {
      state.give(e);
    }
  }

  private void checkBlocks(byte[] in, int inOff, int len, byte[] out, int outOff) {
    Objects.checkFromIndexSize(inOff, len, in.length); // a negative length fails here first
    Objects.checkFromIndexSize(outOff, len, out.length);
    if (len == 0 || len % blockSizeBytes() != 0) {
      throw new IllegalArgumentException("length is not a positive multiple of the block size");
    }
  }

  /**
   * One pooled {@code doFinal}; after {@code secret} data the cipher is {@linkplain
   * CipherState.Engine#rinse rinsed}.
   */
  private void run(
      int kind, byte[] in, int inOff, int len, byte[] out, int outOff, boolean secret) {
    checkBlocks(in, inOff, len, out, outOff);
    CipherState.Engine e = state.take();
    try {
      e.run(kind, in, inOff, len, out, outOff);
      if (secret) {
        e.rinse(kind);
      }
    } finally {
      state.give(e);
    }
  }

  /** This key's pooled state, for {@link Cmac}. */
  CipherState state() {
    return state;
  }

  @Override
  public void destroy() {
    state.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return state.isDestroyed();
  }

  @Override
  public String toString() {
    return "BlockCipher[" + algorithm + "-" + keyLengthBytes * 8 + ", destroyed="
        + isDestroyed() + "]";
  }
}
