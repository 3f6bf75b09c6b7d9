/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import io.tr31.ErrorCode;
import io.tr31.Tr31FormatException;
import io.tr31.Tr31VerificationException;
import io.tr31.internal.BoundedPool;
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

  private final Lifecycle life;
  private final BoundedPool<Cipher> pool;
  // Read and cleared only inside the lifecycle's lock.
  private SecretKeySpec key;

  AesCbc(byte[] msk, Lifecycle life) {
    this.key = new SecretKeySpec(msk, "AES");
    this.life = life;
    this.pool = new BoundedPool<>(POOL_SLOTS, AesCbc::newCipher, AesCbc::scrub);
  }

  /** Length of the ciphertext of {@code plaintextBytes} bytes: always at least one block. */
  static int ciphertextLength(int plaintextBytes) {
    return (plaintextBytes / BLOCK_BYTES + 1) * BLOCK_BYTES;
  }

  /** Encrypts {@code pt[off..off+len)} with {@code iv}. */
  byte[] encrypt(byte[] iv, byte[] pt, int off, int len) {
    try (Lifecycle.Use u = life.use()) {
      Cipher c = taken(iv);
      try {
        return c.doFinal(pt, off, len);
      } catch (GeneralSecurityException e) {
        // Encryption with padding never fails on data.
        throw new IllegalStateException("AES-CBC encryption failed", e);
      } finally {
        release(c);
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
   * ends the message (padding included) when {@code last}.
   *
   * @return the ciphertext produced, possibly empty (never {@code null})
   */
  byte[] update(Cipher c, byte[] pt, int off, int len, boolean last) {
    try (Lifecycle.Use u = life.use()) {
      byte[] ct = last ? c.doFinal(pt, off, len) : c.update(pt, off, len);
      return ct == null ? new byte[0] : ct; // update() returns null until a block is complete
    } catch (GeneralSecurityException e) {
      // Encryption with padding never fails on data.
      throw new IllegalStateException("AES-CBC encryption failed", e);
    }
  }

  /** Returns a cipher taken with {@link #encryptor(byte[])} to the pool. */
  void release(Cipher c) {
    pool.give(c);
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
    try {
      c.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(iv));
      return c.doFinal(ct);
    } catch (BadPaddingException e) {
      // Never forward the provider's message: it is not part of our contract.
      throw new Tr31VerificationException(ErrorCode.ENVELOPE_PADDING);
    } catch (GeneralSecurityException e) {
      // The length was checked above, the key and IV by construction: a caller bug.
      throw new IllegalStateException("AES-CBC decryption failed", e);
    } finally {
      pool.give(c);
    }
  }

  /**
   * Drops the key and drains the pool (best effort, see the class description); runs once, inside
   * {@link Lifecycle#destroy(Runnable)}.
   */
  void destroy() {
    key = null;
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

  /** Re-keys {@code c} with the constant scrub key (all-zero key, encryption, all-zero IV). */
  static void scrub(Cipher c) {
    try {
      c.init(Cipher.ENCRYPT_MODE, SCRUB_KEY, new IvParameterSpec(new byte[BLOCK_BYTES]));
    } catch (InvalidKeyException | InvalidAlgorithmParameterException e) {
      throw new IllegalStateException("AES-CBC initialisation failed", e);
    }
  }
}
