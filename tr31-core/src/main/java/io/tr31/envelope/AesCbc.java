package io.tr31.envelope;

import io.tr31.ErrorCode;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.NoSuchPaddingException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-CBC with PKCS#7 padding (JCE name {@code AES/CBC/PKCS5Padding}, which pads to the 16-byte AES
 * block exactly as PKCS#7 does) from the JDK provider, one initialised {@link Cipher} per thread.
 * CBC needs a fresh IV per message, so the cipher is re-initialised for every call.
 */
final class AesCbc {
  static final int BLOCK_BYTES = 16;
  private static final String TRANSFORMATION = "AES/CBC/PKCS5Padding";
  private static final ThreadLocal<Cipher> CIPHER =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Cipher.getInstance(TRANSFORMATION);
            } catch (java.security.NoSuchAlgorithmException | NoSuchPaddingException e) {
              // Every Java SE implementation must provide AES/CBC/PKCS5Padding (Cipher Javadoc).
              throw new IllegalStateException(TRANSFORMATION + " is not available", e);
            }
          });

  private AesCbc() {}

  /** Length of the ciphertext of {@code plaintextBytes} bytes: always at least one block. */
  static int ciphertextLength(int plaintextBytes) {
    return (plaintextBytes / BLOCK_BYTES + 1) * BLOCK_BYTES;
  }

  /** Encrypts {@code pt[off..off+len)} under {@code key} with {@code iv}. */
  static byte[] encrypt(SecretKeySpec key, byte[] iv, byte[] pt, int off, int len) {
    Cipher c = CIPHER.get();
    try {
      c.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
      return c.doFinal(pt, off, len);
    } catch (GeneralSecurityException e) {
      // Only a caller bug (wrong key or IV length) gets here: encryption never fails on data.
      throw new IllegalStateException("AES-CBC encryption failed", e);
    }
  }

  /**
   * Decrypts and removes the padding.
   *
   * @throws EnvelopeException {@link ErrorCode#ENVELOPE_PADDING} when the padding is invalid
   */
  static byte[] decrypt(SecretKeySpec key, byte[] iv, byte[] ct) throws EnvelopeException {
    if (ct.length == 0 || ct.length % BLOCK_BYTES != 0) {
      throw new EnvelopeException(ErrorCode.ENVELOPE_CIPHERTEXT_LENGTH);
    }
    Cipher c = CIPHER.get();
    try {
      c.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(iv));
    } catch (InvalidKeyException | InvalidAlgorithmParameterException e) {
      throw new IllegalStateException("AES-CBC initialisation failed", e);
    }
    try {
      return c.doFinal(ct);
    } catch (BadPaddingException e) {
      // Never forward the provider's message: it is not part of our contract.
      throw new EnvelopeException(ErrorCode.ENVELOPE_PADDING);
    } catch (IllegalBlockSizeException e) {
      throw new EnvelopeException(ErrorCode.ENVELOPE_CIPHERTEXT_LENGTH);
    }
  }
}
