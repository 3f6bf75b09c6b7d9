/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.security.auth.Destroyable;

/**
 * A prepared CMAC (NIST SP 800-38B, RFC 4493) over a 64-bit (TDES) or 128-bit (AES) block cipher,
 * written once for both block sizes.
 *
 * <p>The subkeys (SP 800-38B 6.1: L = E_K(0^b), K1 = dbl(L), K2 = dbl(K1), with R_128 = 0x87 and
 * R_64 = 0x1B) are computed once per engine of the cipher's {@link CipherState} and live in it, so that
 * they are wiped with it. {@link #mac(byte[], int, int, byte[], int, int, byte[], int)}
 * authenticates the concatenation of two byte ranges (a key block's header and payload) without
 * concatenating them: all blocks but the last go through the engine's zero-IV CBC encryptor (whose
 * chaining state is the CMAC state), the last block is XORed with K1 (complete) or padded with 10*
 * and XORed with K2 (SP 800-38B 6.2), and the final {@code doFinal} both produces the tag and
 * restores the zero IV.
 *
 * <h2>Security</h2>
 *
 * Thread-safe. Output is always the full block (truncation is the caller's business); the caller
 * compares tags with {@link java.security.MessageDigest#isEqual}. This object holds no secret of
 * its own: {@link #destroy()} destroys the {@link BlockCipher} it owns, which wipes the key and the
 * subkeys (best effort and race-safe, see there). Use after destroy throws {@link
 * IllegalStateException}. {@link #toString()} shows no key material.
 */
public final class Cmac implements Destroyable {
  private final BlockCipher cipher;

  /**
   * Prepares CMAC over {@code cipher}, taking ownership of it: destroying this object destroys the
   * cipher.
   */
  public Cmac(BlockCipher cipher) {
    this.cipher = Objects.requireNonNull(cipher, "cipher");
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

  /** SP 800-38B 6.1: doubling in GF(2^b) from {@code in[off..off+bs)}, constant time. */
  static void dbl(byte[] in, int off, int bs, byte[] out, int outOff) {
    int rb = bs == 16 ? 0x87 : 0x1B;
    int mask = -((in[off] & 0xFF) >>> 7); // no branch on the secret top bit
    for (int i = 0; i < bs - 1; i++) {
      out[outOff + i] = (byte) ((in[off + i] << 1) | ((in[off + i + 1] & 0xFF) >>> 7));
    }
    out[outOff + bs - 1] = (byte) ((in[off + bs - 1] << 1) ^ (rb & mask));
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

  /** K1 || K2 of the engine's key, computed on the engine's first CMAC. */
  private byte[] subkeys(CipherState.Engine e) {
    if (e.subkeys == null) {
      int bs = cipher.blockSizeBytes();
      byte[] k = new byte[2 * bs];
      try {
        e.run(CipherState.CBC_ENCRYPT, k, 0, bs, k, bs); // L in the second half, for a moment
        dbl(k, bs, bs, k, 0);
        dbl(k, 0, bs, k, bs);
        e.subkeys = k;
      } finally {
        if (e.subkeys != k) {
          Bytes.wipe(k);
        }
      }
    }
    return e.subkeys;
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
   * out[outOff..outOff+macLengthBytes())}. Uses the thread's {@link Scratch}.
   */
  public void mac(
      byte[] a, int aOff, int aLen, byte[] b, int bOff, int bLen, byte[] out, int outOff) {
    Objects.checkFromIndexSize(aOff, aLen, a.length);
    Objects.checkFromIndexSize(bOff, bLen, b.length);
    int bs = cipher.blockSizeBytes();
    Objects.checkFromIndexSize(outOff, bs, out.length);
    long total = (long) aLen + bLen;
    // SP 800-38B 6.2: n = ceil(total / b), at least one block; the last block is special.
    long lastStart = total == 0 ? 0 : ((total - 1) / bs) * bs;
    int tailLen = (int) (total - lastStart);
    int fromA = (int) Math.min(aLen, lastStart);
    int fromB = (int) (lastStart - fromA);
    CipherState.Engine e = cipher.state().take();
    Scratch s = Scratch.take();
    byte[] last = s.block(0, bs);
    boolean done = false;
    try {
      byte[] subkeys = subkeys(e);
      Cipher cbc = e.cipher(CipherState.CBC_ENCRYPT);
      int buffered = feed(s, cbc, a, aOff, fromA, 0);
      if (feed(s, cbc, b, bOff, fromB, buffered) != 0) {
        throw new AssertionError("CMAC prefix not block aligned");
      }
      // The carry block is empty now: it becomes the last block.
      int tailFromA = aLen - fromA;
      System.arraycopy(a, aOff + fromA, last, 0, tailFromA);
      System.arraycopy(b, bOff + fromB, last, tailFromA, tailLen - tailFromA);
      int subkey = 0; // K1 for a complete last block
      if (tailLen < bs) {
        Arrays.fill(last, tailLen, bs, (byte) 0);
        last[tailLen] = (byte) 0x80; // 10* padding
        subkey = bs; // K2
      }
      for (int i = 0; i < bs; i++) {
        last[i] ^= subkeys[subkey + i];
      }
      cbc.doFinal(last, 0, bs, out, outOff);
      done = true;
    } catch (GeneralSecurityException x) {
      throw new IllegalStateException("CMAC failure: " + x.getClass().getSimpleName());
    } finally {
      if (!done) {
        e.drop(); // a half-fed CBC chain must never serve the next MAC
      }
      s.give();
      cipher.state().give(e);
    }
  }

  /**
   * Writes the full-block CMAC of the first {@code len} bytes of the scratch data to {@code
   * out[outOff..)} in one cipher call: for a block-aligned message SP 800-38B 6.2 is zero-IV CBC
   * over M1 .. Mn-1, (Mn XOR K1), and the tag is the last output block (the output goes to the
   * sink). The last block is XORed with K1 for the call and back after it: the data is left as it
   * was. The caller took {@code s} and wipes it by giving it back.
   *
   * @throws IllegalArgumentException unless {@code len} is a positive multiple of the block size
   */
  void macAligned(Scratch s, int len, byte[] out, int outOff) {
    int bs = cipher.blockSizeBytes();
    Objects.checkFromIndexSize(0, len, Scratch.DATA_BYTES);
    Objects.checkFromIndexSize(outOff, bs, out.length);
    if (len == 0 || len % bs != 0) {
      throw new IllegalArgumentException("not a block-aligned message");
    }
    CipherState.Engine e = cipher.state().take();
    try {
      byte[] subkeys = subkeys(e);
      byte[] data = s.data(len);
      byte[] sink = s.sink(len);
      for (int i = 0; i < bs; i++) {
        data[len - bs + i] ^= subkeys[i];
      }
      e.run(CipherState.CBC_ENCRYPT, data, 0, len, sink, 0);
      System.arraycopy(sink, len - bs, out, outOff, bs);
      for (int i = 0; i < bs; i++) {
        data[len - bs + i] ^= subkeys[i]; // the message as it was, for the unwrap fast path
      }
    } finally {
      cipher.state().give(e);
    }
  }

  /**
   * Feeds {@code len} bytes into the CBC chain, buffering a partial block across ranges in the
   * scratch block 0 (the output goes to the scratch sink); returns the number of bytes left buffered.
   */
  private static int feed(Scratch s, Cipher cbc, byte[] src, int off, int len, int buffered)
      throws GeneralSecurityException {
    int bs = cbc.getBlockSize();
    byte[] carry = s.block(0, bs);
    if (buffered != 0) {
      int take = Math.min(bs - buffered, len);
      System.arraycopy(src, off, carry, buffered, take);
      buffered += take;
      off += take;
      len -= take;
      if (buffered == bs) {
        cbc.update(carry, 0, bs, s.sink(bs), 0);
        buffered = 0;
      }
    }
    for (int full = len - len % bs; full > 0; ) {
      int chunk = Math.min(full, Scratch.DATA_BYTES);
      cbc.update(src, off, chunk, s.sink(chunk), 0);
      off += chunk;
      len -= chunk;
      full -= chunk;
    }
    System.arraycopy(src, off, carry, buffered, len);
    return buffered + len;
  }

  @Override
  public void destroy() {
    cipher.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return cipher.isDestroyed();
  }

  @Override
  public String toString() {
    return "Cmac[" + cipher.algorithm() + "-" + (cipher.keyLengthBytes() * 8) + ", destroyed="
        + isDestroyed() + "]";
  }
}
