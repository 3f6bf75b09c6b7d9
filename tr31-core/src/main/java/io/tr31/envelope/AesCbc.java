/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import io.tr31.ErrorCode;
import io.tr31.Tr31FormatException;
import io.tr31.Tr31VerificationException;
import io.tr31.internal.BoundedPool;
import io.tr31.internal.Bytes;
import io.tr31.internal.Lifecycle;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-CBC with PKCS#7 padding (JCE name {@code AES/CBC/PKCS5Padding}, which pads to the 16-byte AES
 * block exactly as PKCS#7 does) under one MSK, from the JDK provider. CBC needs a fresh IV per
 * message, so a cipher is re-initialised for every call; the {@link Cipher} objects come from this
 * key's bounded pool, which {@link #destroy()} drains and re-keys with a constant key, whichever
 * thread used them last (a static {@code ThreadLocal} would keep the MSK's key schedule in every
 * thread that ever used it). Every call that touches a keyed cipher runs inside the owner's {@link
 * Lifecycle}: after {@link PayloadProtector#destroy()} it throws the one use-after-destroy
 * exception, and destroy waits for the calls running.
 *
 * <p>No cipher goes back to the pool holding plaintext (SECURITY.md, "What SunJCE's CBC mode
 * keeps"). SunJCE's CBC mode keeps the last block it passed through AES (its Java path writes it,
 * the C2 intrinsic does not), and a stream stopped early keeps its unencrypted tail (at most 15
 * bytes). So each call <em>rinses</em> its cipher before giving it back, through the same JCE call
 * as its own operation, so that the same code (Java or intrinsic) overwrites what the operation
 * left: an encryption with one more {@code doFinal} of no bytes (the kept block becomes the
 * padding block XOR the public IV), a decryption with a re-initialisation under the same key (no
 * new key schedule) and a zero IV and one {@code doFinal} of {@link #padBlock} (the kept block
 * becomes the padding block). A streamed encryption, and a call that failed unexpectedly, get the
 * full {@link #scrub(Cipher)} instead, which needs no MSK and so also serves a stream abandoned
 * after {@link #destroy()}.
 */
// "try": a Lifecycle.Use is held for its scope only, never referenced in the body.
@SuppressWarnings("try")
final class AesCbc {
  static final int BLOCK_BYTES = 16;
  private static final String TRANSFORMATION = "AES/CBC/PKCS5Padding";

  /**
   * Idle {@link Cipher}s (and, in {@link HmacSha256}, {@code Mac}s) one envelope key keeps: enough
   * for the threads that use one key at the same time.
   */
  static final int POOL_SLOTS = 8;

  /** Overwrites the MSK's key schedule in a {@link Cipher} leaving the pool. */
  private static final SecretKeySpec SCRUB_KEY = new SecretKeySpec(new byte[32], "AES");

  private static final IvParameterSpec ZERO_IV = new IvParameterSpec(new byte[BLOCK_BYTES]);
  /** Public constant input of the rinses and the scrub. Never modified. */
  private static final byte[] ZEROS = new byte[2 * BLOCK_BYTES];

  private final Lifecycle life;
  private final BoundedPool<Cipher> pool;
  // Both read and cleared only inside the lifecycle's lock.
  private SecretKeySpec key;
  /**
   * The MSK's encryption of one block of padding (sixteen bytes 0x10) under a zero IV: decrypted
   * under a zero IV it is a valid, empty message whose last block is that padding block.
   */
  private byte[] padBlock;

  AesCbc(byte[] msk, Lifecycle life) {
    this.key = new SecretKeySpec(msk, "AES");
    this.life = life;
    this.pool = new BoundedPool<>(POOL_SLOTS, AesCbc::newCipher, AesCbc::scrub);
    Cipher c = newCipher();
    try {
      // Keeps the padding block XOR the zero IV: nothing secret. The first call reuses c.
      c.init(Cipher.ENCRYPT_MODE, key, ZERO_IV);
      this.padBlock = c.doFinal(ZEROS, 0, 0);
    } catch (GeneralSecurityException e) {
      // Only a key of a wrong length (a caller bug: PayloadProtector checks it) gets here.
      throw new IllegalStateException("AES-CBC initialisation failed", e);
    }
    pool.give(c);
  }

  /** Length of the ciphertext of {@code plaintextBytes} bytes: always at least one block. */
  static int ciphertextLength(int plaintextBytes) {
    return (plaintextBytes / BLOCK_BYTES + 1) * BLOCK_BYTES;
  }

  /** Encrypts {@code pt[off..off+len)} with {@code iv}. */
  byte[] encrypt(byte[] iv, byte[] pt, int off, int len) {
    try (Lifecycle.Use u = life.use()) {
      Cipher c = taken(iv);
      boolean rinsed = false;
      try {
        byte[] ct = c.doFinal(pt, off, len);
        rinseEncryptor(c);
        rinsed = true;
        return ct;
      } catch (GeneralSecurityException e) {
        // Encryption with padding never fails on data.
        throw new IllegalStateException("AES-CBC encryption failed", e);
      } finally {
        giveBack(c, rinsed);
      }
    }
  }

  /**
   * A pooled cipher initialised to encrypt with {@code iv}, for a streamed message: feed it with
   * {@link #update} and give it back with {@link #release(Cipher)} in a {@code finally}.
   */
  Cipher encryptor(byte[] iv) {
    try (Lifecycle.Use u = life.use()) {
      return taken(iv);
    }
  }

  /** A pooled cipher initialised to encrypt with {@code iv}; the caller is inside the lifecycle. */
  private Cipher taken(byte[] iv) {
    Cipher c = pool.take();
    try {
      c.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
    } catch (InvalidKeyException | InvalidAlgorithmParameterException e) {
      pool.give(c);
      // Only a caller bug (wrong IV length) gets here.
      throw new IllegalStateException("AES-CBC initialisation failed", e);
    }
    return c;
  }

  /**
   * Encrypts the next {@code len} bytes of a message begun with {@link #encryptor(byte[])}, and
   * ends the message (padding included) when {@code last}, then rinses the cipher as {@link
   * #encrypt} does (give it back with {@code ended} set).
   *
   * @return the ciphertext produced, possibly empty (never {@code null})
   */
  byte[] update(Cipher c, byte[] pt, int off, int len, boolean last) {
    try (Lifecycle.Use u = life.use()) {
      byte[] ct = last ? c.doFinal(pt, off, len) : c.update(pt, off, len);
      if (last) {
        rinseEncryptor(c); // the final doFinal zeroed CipherCore's buffer
      }
      return ct == null ? new byte[0] : ct; // update() returns null until a block is complete
    } catch (GeneralSecurityException e) {
      // Encryption with padding never fails on data.
      throw new IllegalStateException("AES-CBC encryption failed", e);
    }
  }

  /**
   * Returns a cipher taken with {@link #encryptor(byte[])} to the pool: as it is when {@code
   * ended} (its last {@link #update} returned, which rinsed it), else {@linkplain #scrub scrubbed}
   * (an abandoned or failed message; also after {@link #destroy()}: the scrub needs no MSK), and
   * then its next use computes the MSK's key schedule again.
   */
  void release(Cipher c, boolean ended) {
    giveBack(c, ended);
  }

  /** Gives {@code c} back to the pool, {@linkplain #scrub scrubbed} first unless {@code rinsed}. */
  private void giveBack(Cipher c, boolean rinsed) {
    if (!rinsed) {
      scrub(c);
    }
    pool.give(c);
  }

  /**
   * The rinse of an encryption that just ended with {@code doFinal}: the same call again, of no
   * bytes, which leaves the padding block XOR the (public) IV as the block SunJCE keeps.
   */
  private static void rinseEncryptor(Cipher c) throws GeneralSecurityException {
    c.doFinal(ZEROS, 0, 0);
  }

  /**
   * Decrypts and removes the padding.
   *
   * @throws Tr31FormatException {@link ErrorCode#ENVELOPE_CIPHERTEXT_LENGTH}
   * @throws Tr31VerificationException {@link ErrorCode#ENVELOPE_PADDING} when the padding is
   *     invalid
   */
  byte[] decrypt(byte[] iv, byte[] ct) throws Tr31FormatException, Tr31VerificationException {
    if (ct.length == 0 || ct.length % BLOCK_BYTES != 0) {
      throw new Tr31FormatException(ErrorCode.ENVELOPE_CIPHERTEXT_LENGTH, -1);
    }
    try (Lifecycle.Use u = life.use()) {
      return decryptTaken(iv, ct);
    }
  }

  private byte[] decryptTaken(byte[] iv, byte[] ct) throws Tr31VerificationException {
    Cipher c = pool.take();
    byte[] pt = null;
    boolean rinsed = false;
    try {
      c.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(iv));
      try {
        pt = c.doFinal(ct);
      } catch (BadPaddingException e) {
        // Reported below, after the rinse, without the provider's message (not our contract).
      }
      // The same call on the padding block under a zero IV: keeps that padding block, no
      // exception (its padding is valid), the MSK's key schedule reused.
      c.init(Cipher.DECRYPT_MODE, key, ZERO_IV);
      c.doFinal(padBlock);
      rinsed = true;
    } catch (GeneralSecurityException e) {
      // The length was checked above, the key and IV by construction: a caller bug.
      throw new IllegalStateException("AES-CBC decryption failed", e);
    } finally {
      if (!rinsed) {
        Bytes.wipe(pt);
      }
      giveBack(c, rinsed);
    }
    if (pt == null) {
      throw new Tr31VerificationException(ErrorCode.ENVELOPE_PADDING);
    }
    return pt;
  }

  /**
   * Drops the key and drains the pool (best effort, see the class description); runs once, inside
   * {@link Lifecycle#destroy(Runnable)}.
   */
  void destroy() {
    key = null;
    Bytes.wipe(padBlock);
    pool.close();
  }

  /** Pooled ciphers (tests). */
  int pooled() {
    return pool.idle();
  }

  private static Cipher newCipher() {
    try {
      return Cipher.getInstance(TRANSFORMATION);
    } catch (java.security.NoSuchAlgorithmException | NoSuchPaddingException e) {
      // Every Java SE implementation must provide AES/CBC/PKCS5Padding (Cipher Javadoc).
      throw new IllegalStateException(TRANSFORMATION + " is not available", e);
    }
  }

  /**
   * Re-keys {@code c} with the constant scrub key (all-zero key, encryption, all-zero IV) and
   * overwrites what SunJCE keeps of its last messages with values of public constants: an {@code
   * update} of 31 bytes encrypts one block (setting the kept block through that call, as a stream's
   * middle does) and buffers 15, which overwrite the tail an abandoned stream left in {@code
   * CipherCore}'s buffer (re-initialising only resets its count); the {@code doFinal} then zeroes
   * that buffer and sets the kept block through that call (as {@link #encrypt} and a stream's end
   * do). Needs no MSK; leaves {@code c} as a fresh cipher initialised so. Runs for every cipher
   * leaving the pool, and before a streamed or failed one goes back into it.
   */
  static void scrub(Cipher c) {
    try {
      c.init(Cipher.ENCRYPT_MODE, SCRUB_KEY, ZERO_IV);
      c.update(ZEROS, 0, 2 * BLOCK_BYTES - 1);
      c.doFinal(ZEROS, 0, 0);
    } catch (GeneralSecurityException e) {
      // A constant key, IV and input: never fails.
      throw new IllegalStateException("AES-CBC scrub failed", e);
    }
  }
}
