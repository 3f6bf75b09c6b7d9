package io.tr31.internal;

import io.tr31.ErrorCode;
import io.tr31.Tr31FormatException;
import io.tr31.Tr31VerificationException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.security.auth.Destroyable;

/**
 * The AES key derivation binding method of key block version {@code D} (ASC X9 TR-31:2018 A.3.2
 * and A.7.4, ANSI X9.143), prepared from one KBPK.
 *
 * <p>The KBEK and KBAK are derived once in the constructor ({@link KeyDerivation}, key usages
 * {@code 0000} and {@code 0001}) and kept as prepared ciphers. Then:
 *
 * <ul>
 *   <li>{@code seal}: MAC = AES-CMAC(KBAK, header || plaintext payload), 16 bytes; C =
 *       AES-CBC(KBEK, IV = MAC, payload).
 *   <li>{@code open}: P = AES-CBC-decrypt(KBEK, IV = received MAC, C); recompute the CMAC over
 *       header || P and compare with {@link MessageDigest#isEqual}. Only then may the caller read
 *       the key length field and padding from P.
 * </ul>
 *
 * <p>This class works on raw bytes: the header is its ASCII bytes (including optional blocks),
 * the payload is {@code key length in bits (2) || key || padding}, a multiple of 16 bytes.
 *
 * <h2>Security</h2>
 *
 * Thread-safe. Every MAC failure throws the one {@link Tr31VerificationException} after wiping
 * the decrypted output. Lengths are public and checked before any decryption. {@link #destroy()}
 * wipes what this library holds (derived keys are wiped right after the ciphers are prepared;
 * the JCE key objects cannot be wiped, see {@link BlockCipher}); use after destroy throws {@link
 * IllegalStateException}. {@link #toString()} shows no key material.
 */
public final class VersionDBinding implements Destroyable {
  /** The AES block size, and the length of the MAC. */
  public static final int BLOCK_BYTES = 16;

  /** The length of the authenticator in bytes (TR-31:2018 A.3.2: the full CMAC). */
  public static final int MAC_BYTES = 16;

  private final int kbpkLengthBytes;
  private final BlockCipher kbek;
  private final Cmac kbak;
  private final AtomicBoolean destroyed = new AtomicBoolean();

  /**
   * Derives the KBEK and KBAK from an AES KBPK of 16, 24 or 32 bytes (not retained).
   *
   * @throws IllegalArgumentException for any other length (the public layer checks first)
   */
  public VersionDBinding(byte[] kbpk) {
    Objects.requireNonNull(kbpk, "kbpk");
    if (!BlockCipher.Algorithm.AES.permitsKeyLengthBytes(kbpk.length)) {
      throw new IllegalArgumentException("AES KBPK must be 16, 24 or 32 bytes");
    }
    this.kbpkLengthBytes = kbpk.length;
    Cmac prf = Cmac.aes(kbpk);
    byte[] encryptionKey = null;
    byte[] authenticationKey = null;
    try {
      encryptionKey = KeyDerivation.derive(prf, KeyDerivation.Purpose.ENCRYPTION_CBC);
      authenticationKey = KeyDerivation.derive(prf, KeyDerivation.Purpose.AUTHENTICATION);
      this.kbek = BlockCipher.aes(encryptionKey);
      this.kbak = Cmac.aes(authenticationKey);
    } finally {
      Bytes.wipe(encryptionKey, authenticationKey);
      prf.destroy();
    }
  }

  /** The KBPK length in bytes. */
  public int kbpkLengthBytes() {
    return kbpkLengthBytes;
  }

  /** Returns {@code ciphertext || MAC} for {@code payload} under {@code header}. */
  public byte[] seal(byte[] header, byte[] payload) {
    byte[] out = new byte[payload.length + MAC_BYTES];
    seal(header, 0, header.length, payload, 0, payload.length, out, 0);
    return out;
  }

  /**
   * Writes the ciphertext of {@code payload[pOff..pOff+pLen)} then the 16-byte MAC to {@code
   * out[outOff..outOff+pLen+16)}. The output must not overlap the inputs.
   *
   * @throws IllegalArgumentException if {@code pLen} is not a positive multiple of 16
   */
  public void seal(
      byte[] header, int hOff, int hLen, byte[] payload, int pOff, int pLen, byte[] out, int outOff) {
    Objects.checkFromIndexSize(pOff, pLen, payload.length);
    Objects.checkFromIndexSize(outOff, pLen + MAC_BYTES, out.length);
    if (pLen <= 0 || pLen % BLOCK_BYTES != 0) {
      throw new IllegalArgumentException("payload must be a positive multiple of 16 bytes");
    }
    checkNotDestroyed();
    int macOff = outOff + pLen;
    // TR-31:2018 A.3.2: MAC over header || PLAINTEXT payload; the MAC is then the CBC IV.
    kbak.mac(header, hOff, hLen, payload, pOff, pLen, out, macOff);
    kbek.encryptCbc(out, macOff, payload, pOff, pLen, out, outOff);
  }

  /**
   * Decrypts and authenticates; returns the plaintext payload.
   *
   * @throws Tr31FormatException {@link ErrorCode#INVALID_PAYLOAD_LENGTH} if the ciphertext is not
   *     a positive multiple of 16 bytes or the MAC is not 16 bytes (checked before decrypting)
   * @throws Tr31VerificationException if the MAC does not verify
   */
  public byte[] open(byte[] header, byte[] ciphertext, byte[] mac)
      throws Tr31FormatException, Tr31VerificationException {
    if (mac.length != MAC_BYTES) {
      throw new Tr31FormatException(ErrorCode.INVALID_PAYLOAD_LENGTH, -1, "authenticator");
    }
    checkCiphertextLength(ciphertext.length);
    byte[] out = new byte[ciphertext.length];
    open(header, 0, header.length, ciphertext, 0, ciphertext.length, mac, 0, out, 0);
    return out;
  }

  /**
   * Decrypts {@code ct[cOff..cOff+cLen)} into {@code out[outOff..outOff+cLen)} with IV {@code
   * mac[macOff..macOff+16)}, then verifies that MAC over {@code header || plaintext}. On failure
   * the output range is zeroed before the exception is thrown. The output must not overlap the
   * inputs.
   *
   * @throws Tr31FormatException {@link ErrorCode#INVALID_PAYLOAD_LENGTH} if {@code cLen} is not a
   *     positive multiple of 16 (checked before decrypting)
   * @throws Tr31VerificationException if the MAC does not verify
   */
  public void open(
      byte[] header,
      int hOff,
      int hLen,
      byte[] ct,
      int cOff,
      int cLen,
      byte[] mac,
      int macOff,
      byte[] out,
      int outOff)
      throws Tr31FormatException, Tr31VerificationException {
    Objects.checkFromIndexSize(hOff, hLen, header.length);
    Objects.checkFromIndexSize(cOff, cLen, ct.length);
    Objects.checkFromIndexSize(macOff, MAC_BYTES, mac.length);
    checkCiphertextLength(cLen);
    Objects.checkFromIndexSize(outOff, cLen, out.length);
    checkNotDestroyed();
    byte[] received = new byte[MAC_BYTES];
    byte[] computed = new byte[MAC_BYTES];
    boolean ok = false;
    try {
      System.arraycopy(mac, macOff, received, 0, MAC_BYTES);
      // TR-31:2018 A.3.2: the received MAC is the IV; decrypt first, since the MAC covers the
      // plaintext. Nothing in the plaintext is read before the MAC check below.
      kbek.decryptCbc(received, 0, ct, cOff, cLen, out, outOff);
      kbak.mac(header, hOff, hLen, out, outOff, cLen, computed, 0);
      ok = MessageDigest.isEqual(computed, received);
    } finally {
      if (!ok) {
        Arrays.fill(out, outOff, outOff + cLen, (byte) 0);
      }
      Bytes.wipe(computed);
    }
    if (!ok) {
      throw new Tr31VerificationException();
    }
  }

  private static void checkCiphertextLength(int len) throws Tr31FormatException {
    if (len <= 0 || len % BLOCK_BYTES != 0) {
      throw new Tr31FormatException(ErrorCode.INVALID_PAYLOAD_LENGTH, -1);
    }
  }

  private void checkNotDestroyed() {
    if (destroyed.get()) {
      throw new IllegalStateException("binding destroyed");
    }
  }

  @Override
  public void destroy() {
    if (destroyed.getAndSet(true)) {
      return;
    }
    kbek.destroy();
    kbak.destroy();
  }

  @Override
  public boolean isDestroyed() {
    return destroyed.get();
  }

  @Override
  public String toString() {
    return "VersionDBinding[AES-"
        + (kbpkLengthBytes * 8)
        + " KBPK, destroyed="
        + destroyed.get()
        + "]";
  }
}
