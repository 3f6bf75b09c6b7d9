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
 * A prepared CMAC (NIST SP 800-38B, RFC 4493) over a 64-bit (TDES) or 128-bit (AES) block cipher,
 * written once for both block sizes.
 *
 * <p>The subkeys K1 and K2 are computed in the constructor (SP 800-38B 6.1: L = E_K(0^b), K1 =
 * dbl(L), K2 = dbl(K1), with R_128 = 0x87 and R_64 = 0x1B). {@link #mac(byte[], int, int, byte[],
 * int, int, byte[], int)} authenticates the concatenation of two byte ranges (a key block's header
 * and payload) without concatenating them: all blocks but the last go through the cipher's zero-IV
 * CBC encryptor (whose chaining state is the CMAC state), the last block is XORed with K1
 * (complete) or padded with 10* and XORed with K2 (SP 800-38B 6.2), and the final {@code doFinal}
 * both produces the tag and restores the zero IV.
 *
 * <h2>Security</h2>
 *
 * Thread-safe. Output is always the full block (truncation is the caller's business); the caller
 * compares tags with {@link java.security.MessageDigest#isEqual}. {@link #destroy()} wipes K1 and
 * K2 and destroys the underlying {@link BlockCipher}, which this object owns (best effort, see
 * there). Use after destroy throws {@link IllegalStateException}. {@link #toString()} shows no key
 * material.
 */
public final class Cmac implements Destroyable {
  private final BlockCipher cipher;
  private final byte[] k1;
  private final byte[] k2;
  private final AtomicBoolean destroyed = new AtomicBoolean();

  /**
   * Prepares CMAC over {@code cipher}, taking ownership of it: destroying this object destroys the
   * cipher.
   */
  public Cmac(BlockCipher cipher) {
    this.cipher = Objects.requireNonNull(cipher, "cipher");
    int bs = cipher.blockSizeBytes();
    byte[] l = encryptZeroBlock(cipher);
    try {
      this.k1 = dbl(l);
      this.k2 = dbl(k1);
    } finally {
      Bytes.wipe(l);
    }
  }

  /** Prepares AES-CMAC under a 16, 24 or 32-byte key (IllegalArgumentException otherwise). */
  public static Cmac aes(byte[] key) {
    return new Cmac(BlockCipher.aes(key));
  }

  /** Prepares TDES-CMAC under a 16 or 24-byte key (IllegalArgumentException otherwise). */
  public static Cmac tdes(byte[] key) {
    return new Cmac(BlockCipher.tdes(key));
  }

  /** Prepares CMAC over {@code algorithm} under {@code key}. */
  public static Cmac of(BlockCipher.Algorithm algorithm, byte[] key) {
    return new Cmac(BlockCipher.of(algorithm, key));
  }

  /** SP 800-38B 6.1: doubling in GF(2^b), constant time (no branch on the secret top bit). */
  private static byte[] dbl(byte[] in) {
    int bs = in.length;
    int rb = bs == 16 ? 0x87 : 0x1B;
    byte[] out = new byte[bs];
    for (int i = 0; i < bs - 1; i++) {
      out[i] = (byte) ((in[i] << 1) | ((in[i + 1] & 0xFF) >>> 7));
    }
    int mask = -((in[0] & 0xFF) >>> 7);
    out[bs - 1] = (byte) ((in[bs - 1] << 1) ^ (rb & mask));
    return out;
  }

  /** The block cipher algorithm. */
  public BlockCipher.Algorithm algorithm() {
    return cipher.algorithm();
  }

  /** The key length in bytes. */
  public int keyLengthBytes() {
    return cipher.keyLengthBytes();
  }

  /** The tag length in bytes: the block size (16 for AES, 8 for TDES). */
  public int macLengthBytes() {
    return cipher.blockSizeBytes();
  }

  /**
   * E_K(0^b): the underlying cipher's encryption of one all-zero block (a fresh array), without a
   * second cipher for the same key.
   */
  byte[] encryptedZeroBlock() {
    if (destroyed.get()) {
      throw new IllegalStateException("CMAC destroyed");
    }
    return encryptZeroBlock(cipher);
  }

  /**
   * E_K(0^b) with the zero-IV CBC encryptor every mac uses (CBC of one block under a zero IV is
   * ECB), so a Cmac needs one JCE cipher, not two.
   */
  private static byte[] encryptZeroBlock(BlockCipher cipher) {
    int bs = cipher.blockSizeBytes();
    byte[] out = new byte[bs];
    BlockCipher.State s = cipher.borrow();
    try {
      s.cbcEncryptor().doFinal(new byte[bs], 0, bs, out, 0);
    } catch (GeneralSecurityException e) {
      throw cipher.fail(s, e);
    } finally {
      cipher.giveBack(s);
    }
    return out;
  }

  /** The full-block CMAC of {@code data}. */
  public byte[] mac(byte[] data) {
    return mac(data, 0, data.length, data, 0, 0);
  }

  /** The full-block CMAC of {@code a || b}. */
  public byte[] mac(byte[] a, byte[] b) {
    return mac(a, 0, a.length, b, 0, b.length);
  }

  /** The full-block CMAC of {@code a[aOff..aOff+aLen) || b[bOff..bOff+bLen)}. */
  public byte[] mac(byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen) {
    byte[] out = new byte[macLengthBytes()];
    mac(a, aOff, aLen, b, bOff, bLen, out, 0);
    return out;
  }

  /**
   * Writes the full-block CMAC of {@code a[aOff..aOff+aLen) || b[bOff..bOff+bLen)} to {@code
   * out[outOff..outOff+macLengthBytes())}.
   */
  public void mac(
      byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen, byte[] out, int outOff) {
    Objects.checkFromIndexSize(aOff, aLen, a.length);
    Objects.checkFromIndexSize(bOff, bLen, b.length);
    int bs = cipher.blockSizeBytes();
    Objects.checkFromIndexSize(outOff, bs, out.length);
    if (destroyed.get()) {
      throw new IllegalStateException("CMAC destroyed");
    }
    BlockCipher.State s = cipher.borrow();
    long total = (long) aLen + bLen;
    // SP 800-38B 6.2: n = ceil(total / b), at least one block; the last block is special.
    long lastStart = total == 0 ? 0 : ((total - 1) / bs) * bs;
    int tailLen = (int) (total - lastStart);
    int fromA = (int) Math.min(aLen, lastStart);
    int fromB = (int) (lastStart - fromA);
    byte[] last = s.last;
    try {
      Cipher cbc = s.cbcEncryptor();
      int buffered = feed(s, cbc, a, aOff, fromA, 0);
      buffered = feed(s, cbc, b, bOff, fromB, buffered);
      if (buffered != 0) {
        throw new AssertionError("CMAC prefix not block aligned");
      }
      int tailFromA = aLen - fromA;
      System.arraycopy(a, aOff + fromA, last, 0, tailFromA);
      System.arraycopy(b, bOff + fromB, last, tailFromA, tailLen - tailFromA);
      byte[] subkey;
      if (tailLen == bs) {
        subkey = k1;
      } else {
        last[tailLen] = (byte) 0x80;
        for (int i = tailLen + 1; i < bs; i++) {
          last[i] = 0;
        }
        subkey = k2;
      }
      for (int i = 0; i < bs; i++) {
        last[i] ^= subkey[i];
      }
      cbc.doFinal(last, 0, bs, out, outOff);
    } catch (GeneralSecurityException e) {
      throw cipher.fail(s, e);
    } finally {
      Bytes.wipe(last, s.block);
      Bytes.wipe(s.scratch, 0, (int) Math.min(BlockCipher.SCRATCH_BYTES, lastStart));
      cipher.giveBack(s);
    }
  }

  /**
   * Writes the full-block CMAC of {@code msg[off..off+len)} to {@code out[outOff..)} in one cipher
   * call, OVERWRITING the last block of the range (the caller passes a scratch copy).
   *
   * <p>For a block-aligned message SP 800-38B 6.2 is CBC under a zero IV over M1 .. Mn-1, (Mn XOR
   * K1), and the tag is the last ciphertext block: one {@code doFinal} into the scratch area of a
   * borrowed state, which is wiped afterwards.
   *
   * @throws IllegalArgumentException unless {@code len} is a positive multiple of the block size of
   *     at most {@link BlockCipher#SCRATCH_BYTES}
   */
  public void macAlignedDestroying(byte[] msg, int off, int len, byte[] out, int outOff) {
    int bs = cipher.blockSizeBytes();
    Objects.checkFromIndexSize(off, len, msg.length);
    Objects.checkFromIndexSize(outOff, bs, out.length);
    if (len == 0 || len % bs != 0 || len > BlockCipher.SCRATCH_BYTES) {
      throw new IllegalArgumentException("not a block-aligned message that fits the scratch area");
    }
    if (destroyed.get()) {
      throw new IllegalStateException("CMAC destroyed");
    }
    BlockCipher.State s = cipher.borrow();
    byte[] sink = s.scratch;
    int last = off + len - bs;
    try {
      for (int i = 0; i < bs; i++) {
        msg[last + i] ^= k1[i];
      }
      s.cbcEncryptor().doFinal(msg, off, len, sink, 0);
      System.arraycopy(sink, len - bs, out, outOff, bs);
    } catch (GeneralSecurityException e) {
      throw cipher.fail(s, e);
    } finally {
      Bytes.wipe(sink, 0, len);
      cipher.giveBack(s);
    }
  }

  /**
   * Feeds {@code len} bytes into the CBC chain, buffering a partial block across ranges in {@code
   * s.block}; returns the number of bytes left buffered.
   */
  private int feed(BlockCipher.State s, Cipher cbc, byte[] src, int off, int len, int buffered)
      throws GeneralSecurityException {
    int bs = s.block.length;
    if (buffered != 0) {
      int take = Math.min(bs - buffered, len);
      System.arraycopy(src, off, s.block, buffered, take);
      buffered += take;
      off += take;
      len -= take;
      if (buffered == bs) {
        cbc.update(s.block, 0, bs, s.scratch, 0);
        buffered = 0;
      }
    }
    int full = len - len % bs;
    while (full > 0) {
      int chunk = Math.min(full, BlockCipher.SCRATCH_BYTES);
      cbc.update(src, off, chunk, s.scratch, 0);
      off += chunk;
      len -= chunk;
      full -= chunk;
    }
    System.arraycopy(src, off, s.block, buffered, len);
    return buffered + len;
  }

  @Override
  public void destroy() {
    if (destroyed.getAndSet(true)) {
      return;
    }
    Bytes.wipe(k1, k2);
    cipher.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return destroyed.get();
  }

  @Override
  public String toString() {
    return "Cmac["
        + cipher.algorithm()
        + "-"
        + (cipher.keyLengthBytes() * 8)
        + ", destroyed="
        + destroyed.get()
        + "]";
  }
}
