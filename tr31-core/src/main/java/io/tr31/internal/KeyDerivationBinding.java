/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import io.tr31.ErrorCode;
import io.tr31.Tr31FormatException;
import io.tr31.Tr31VerificationException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * The key derivation binding method, prepared from one KBPK: key block version {@code D} (AES, ASC
 * X9 TR-31:2018 A.3.2 and A.7.4, ANSI X9.143) and version {@code B} (TDES, TR-31:2018 A.3.3 and
 * A.7.2.2). The two differ only in the block cipher, so this class is written once over {@link
 * BlockCipher} and {@link Cmac}.
 *
 * <p>The KBEK and KBAK are derived once in the constructor ({@link KeyDerivation}, key usages
 * {@code 0000} and {@code 0001}) and kept as prepared ciphers. With b the block size (16 for D, 8
 * for B):
 *
 * <ul>
 *   <li>{@code seal}: MAC = CMAC(KBAK, header || plaintext payload), b bytes; C = CBC(KBEK, IV =
 *       MAC, payload).
 *   <li>{@code open}: P = CBC-decrypt(KBEK, IV = received MAC, C); recompute the CMAC over header
 *       || P and compare with {@link MessageDigest#isEqual}. Only then may the caller read the key
 *       length field and padding from P.
 * </ul>
 *
 * <p>This class works on raw bytes: the header is its ASCII bytes (including optional blocks), the
 * payload is {@code key length in bits (2) || key || padding}, a multiple of b bytes.
 *
 * <h2>Security</h2>
 *
 * Thread-safe. Every MAC failure throws the one {@link Tr31VerificationException} after zeroing the
 * decrypted output. Lengths are public and checked before any decryption. {@link #destroy()} wipes
 * what this library holds (derived keys are wiped right after the ciphers are prepared, the
 * ciphers' keys and CMAC subkeys on destroy; the JCE key schedules are re-keyed, which zeroes
 * SunJCE's AES schedules but only drops its TDES ones, see {@code CipherState}); preparing needs
 * two cipher calls under the KBPK ({@link KeyDerivation#derivePair}), whose cipher is then re-keyed
 * with the KBEK ({@code CipherState#handOver}). Use after destroy throws {@link
 * IllegalStateException}. The hot paths work in the thread's {@code Scratch} and allocate nothing.
 * {@link #toString()} shows no key material.
 */
public final class KeyDerivationBinding implements Binding {
  private final BlockCipher.Algorithm algorithm;
  private final int kbpkLengthBytes;
  private final int blockBytes;
  private final BlockCipher kbek;
  private final Cmac kbak;
  private final byte[] kbpkEncryptedZeros;
  private final byte[] kbpkCmacOfZeros;
  private final Lifecycle lifecycle = new Lifecycle("binding");

  private KeyDerivationBinding(BlockCipher.Algorithm algorithm, byte[] kbpk, boolean unwrapFirst) {
    Objects.requireNonNull(kbpk, "kbpk");
    if (!algorithm.permitsKeyLengthBytes(kbpk.length)) {
      throw new IllegalArgumentException("KBPK length not allowed for " + algorithm);
    }
    this.algorithm = algorithm;
    this.kbpkLengthBytes = kbpk.length;
    this.blockBytes = algorithm.blockSizeBytes();
    this.kbpkEncryptedZeros = new byte[blockBytes];
    this.kbpkCmacOfZeros = new byte[blockBytes];
    byte[] encryptionKey = new byte[kbpk.length];
    byte[] authenticationKey = new byte[kbpk.length];
    BlockCipher prf = BlockCipher.of(algorithm, kbpk);
    BlockCipher e = null;
    Cmac a = null;
    boolean built = false;
    try {
      // Both keys and the KBPK's own check values (X9.24-1:2017 A.2 and A.3) in two cipher calls.
      KeyDerivation.derivePair(
          prf,
          KeyDerivation.Purpose.ENCRYPTION_CBC,
          KeyDerivation.Purpose.AUTHENTICATION,
          encryptionKey,
          authenticationKey,
          kbpkEncryptedZeros,
          kbpkCmacOfZeros);
      e = BlockCipher.of(algorithm, encryptionKey);
      if (unwrapFirst) {
        // The PRF's cipher becomes the KBEK's decryptor: one key schedule keys it and wipes the
        // KBPK's. Otherwise prf.destroy() re-keys it with zeros and the KBEK keys lazily.
        e.state().handOver(prf.state(), CipherState.ECB_ENCRYPT, CipherState.ECB_DECRYPT);
      }
      a = Cmac.of(algorithm, authenticationKey);
      built = true;
    } finally {
      Bytes.wipe(encryptionKey, authenticationKey);
      prf.destroy();
      if (!built) {
        Bytes.wipe(kbpkEncryptedZeros, kbpkCmacOfZeros);
        if (e != null) {
          e.destroy();
        }
      }
    }
    this.kbek = e;
    this.kbak = a;
  }

  /**
   * Version D: derives the KBEK and KBAK from an AES KBPK of 16, 24 or 32 bytes (not retained).
   *
   * The KBEK's decryptor is keyed now, from the derivation's cipher ({@code CipherState#handOver}):
   * one key schedule instead of two when the binding unwraps, one more than {@link #versionD}
   * when it never does (a KBPK prepared for version D alone: the one-shot unwrap).
   *
   * @param kbpk the KBPK
   * @return the binding
   * @throws IllegalArgumentException for any other length (the public layer checks first)
   */
  public static KeyDerivationBinding versionDUnwrapFirst(byte[] kbpk) {
    return new KeyDerivationBinding(BlockCipher.Algorithm.AES, kbpk, true);
  }

  /**
   * Version D: derives the KBEK and KBAK from an AES KBPK of 16, 24 or 32 bytes (not retained).
   *
   * @throws IllegalArgumentException for any other length (the public layer checks first)
   */
  public static KeyDerivationBinding versionD(byte[] kbpk) {
    return new KeyDerivationBinding(BlockCipher.Algorithm.AES, kbpk, false);
  }

  /**
   * Version B: derives the KBEK and KBAK from a TDES KBPK of 16 or 24 bytes (not retained).
   *
   * @throws IllegalArgumentException for any other length (the public layer checks first)
   */
  public static KeyDerivationBinding versionB(byte[] kbpk) {
    return new KeyDerivationBinding(BlockCipher.Algorithm.TDES, kbpk, false);
  }

  /**
   * The KBPK's legacy check value source: the KBPK encryption of one all-zero block (X9.24-1:2017
   * A.2), full block, a fresh copy. Check values are public (they travel in {@code KP} blocks).
   */
  @SuppressWarnings("try") // the resource only ends the operation
  public byte[] kbpkEncryptedZeros() {
    try (Lifecycle.Use u = lifecycle.use()) {
      return kbpkEncryptedZeros.clone();
    }
  }

  /** The KBPK's CMAC of one all-zero block (X9.24-1:2017 A.3), full block, a fresh copy. */
  @SuppressWarnings("try") // the resource only ends the operation
  public byte[] kbpkCmacOfZeros() {
    try (Lifecycle.Use u = lifecycle.use()) {
      return kbpkCmacOfZeros.clone();
    }
  }

  /** The KBPK length in bytes. */
  public int kbpkLengthBytes() {
    return kbpkLengthBytes;
  }

  /** The cipher block size in bytes: payloads are a multiple of it (16 for D, 8 for B). */
  public int blockBytes() {
    return blockBytes;
  }

  /** The authenticator length in bytes: the full CMAC (16 for D, 8 for B). */
  public int macBytes() {
    return blockBytes;
  }

  /** Returns {@code ciphertext || MAC} for {@code payload} under {@code header}. */
  public byte[] seal(byte[] header, byte[] payload) {
    byte[] out = new byte[payload.length + macBytes()];
    seal(header, 0, header.length, payload, 0, payload.length, out, 0);
    return out;
  }

  /**
   * Writes the ciphertext of {@code payload[pOff..pOff+pLen)} then the MAC to {@code
   * out[outOff..outOff+pLen+macBytes())}. The output must not overlap the inputs.
   *
   * @throws IllegalArgumentException if {@code pLen} is not a positive multiple of the block size
   */
  public void seal(
      byte[] header,
      int hOff,
      int hLen,
      byte[] payload,
      int pOff,
      int pLen,
      byte[] out,
      int outOff) {
    Objects.checkFromIndexSize(hOff, hLen, header.length);
    Objects.checkFromIndexSize(pOff, pLen, payload.length);
    Objects.checkFromIndexSize(outOff, pLen + blockBytes, out.length);
    checkPayloadLength(pLen);
    lifecycle.check();
    Scratch s = Scratch.take();
    try {
      seal(s, header, hOff, hLen, payload, pOff, pLen, out, outOff);
    } finally {
      s.give();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here: ciphertext and MAC are made in the thread's scratch (its sink, public data once
   * sealed) and hex-encoded from there; nothing is allocated for a key block that fits the scratch
   * (every version B or D block of a symmetric key does).
   *
   * @throws IllegalArgumentException if {@code pLen} is not a positive multiple of the block size
   */
  @Override
  public void sealHex(byte[] ascii, int hLen, byte[] payload, int pOff, int pLen) {
    int body = pLen + blockBytes;
    Objects.checkFromIndexSize(0, hLen, ascii.length);
    Objects.checkFromIndexSize(pOff, pLen, payload.length);
    Objects.checkFromIndexSize(hLen, 2 * body, ascii.length);
    checkPayloadLength(pLen);
    lifecycle.check();
    Scratch s = Scratch.take();
    try {
      byte[] sealed = body <= Scratch.DATA_BYTES ? s.sink(body) : new byte[body];
      seal(s, ascii, 0, hLen, payload, pOff, pLen, sealed, 0);
      Hex.encodePublicAsciiInto(sealed, 0, body, ascii, hLen); // ciphertext and MAC: public
    } finally {
      s.give();
    }
  }

  private void checkPayloadLength(int pLen) {
    if (pLen == 0 || pLen % blockBytes != 0) {
      throw new IllegalArgumentException("payload must be a positive multiple of the block size");
    }
  }

  /**
   * Seals in {@code s}. {@code out} may be {@code s}'s sink (ciphertext at 0, MAC at {@code pLen}):
   * the one-call CMAC writes its chain there first and keeps only the tag, which becomes the IV of
   * the encryption writing the ciphertext before it.
   */
  private void seal(
      Scratch s,
      byte[] header,
      int hOff,
      int hLen,
      byte[] payload,
      int pOff,
      int pLen,
      byte[] out,
      int outOff) {
    int macOff = outOff + pLen;
    int n = hLen + pLen;
    // TR-31:2018 A.3.2 / A.3.3: MAC over header || PLAINTEXT payload; the MAC is then the IV.
    if (n <= Scratch.DATA_BYTES && n % blockBytes == 0) {
      // Header || payload side by side in the thread's scratch: the CMAC is one cipher call.
      byte[] data = s.data(n);
      System.arraycopy(header, hOff, data, 0, hLen);
      System.arraycopy(payload, pOff, data, hLen, pLen);
      kbak.macAligned(s, n, out, macOff);
    } else {
      kbak.mac(header, hOff, hLen, payload, pOff, pLen, out, macOff);
    }
    kbek.encryptCbc(s, out, macOff, payload, pOff, pLen, out, outOff);
  }

  /**
   * Decrypts and authenticates; returns the plaintext payload.
   *
   * @throws Tr31FormatException {@link ErrorCode#INVALID_PAYLOAD_LENGTH} if the ciphertext is not a
   *     positive multiple of the block size or the MAC is not {@link #macBytes()} bytes long
   *     (checked before decrypting), at the offset in the key block text (see {@link Binding})
   * @throws Tr31VerificationException if the MAC does not verify
   */
  public byte[] open(byte[] header, byte[] ciphertext, byte[] mac)
      throws Tr31FormatException, Tr31VerificationException {
    if (mac.length != blockBytes) {
      throw new Tr31FormatException(
          ErrorCode.INVALID_PAYLOAD_LENGTH, header.length + 2 * ciphertext.length, "authenticator");
    }
    byte[] out = new byte[ciphertext.length];
    open(header, 0, header.length, ciphertext, 0, ciphertext.length, mac, 0, out, 0);
    return out;
  }

  /**
   * Decrypts {@code ct[cOff..cOff+cLen)} into {@code out[outOff..outOff+cLen)} with IV {@code
   * mac[macOff..macOff+macBytes())}, then verifies that MAC over {@code header || plaintext}. On
   * failure the output range is zeroed before the exception is thrown. The output must not overlap
   * the inputs.
   *
   * @throws Tr31FormatException {@link ErrorCode#INVALID_PAYLOAD_LENGTH} at offset {@code hLen}
   *     (the first ciphertext character of the key block text) if {@code cLen} is not a positive
   *     multiple of the block size (checked before decrypting)
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
    Objects.checkFromIndexSize(macOff, blockBytes, mac.length);
    Objects.checkFromIndexSize(outOff, cLen, out.length);
    if (cLen == 0 || cLen % blockBytes != 0) {
      // X9.143: the same check KeyBlock.parse makes, at the same offset.
      throw new Tr31FormatException(ErrorCode.INVALID_PAYLOAD_LENGTH, hLen);
    }
    lifecycle.check();
    int n = hLen + cLen;
    // Header || plaintext side by side in the thread's scratch when they fit and align (every
    // version D or B key block does): the CMAC is then one cipher call instead of three.
    boolean contiguous = n <= Scratch.DATA_BYTES && n % blockBytes == 0;
    Scratch s = Scratch.take();
    byte[] received = s.block(0, blockBytes);
    byte[] computed = s.block(1, blockBytes);
    boolean ok = false;
    try {
      System.arraycopy(mac, macOff, received, 0, blockBytes);
      // TR-31:2018 A.3.2 / A.3.3: the received MAC is the IV; decrypt first, since the MAC covers
      // the plaintext. Nothing in the plaintext is read before the MAC check below.
      if (contiguous) {
        byte[] data = s.data(n);
        System.arraycopy(header, hOff, data, 0, hLen);
        kbek.decryptCbc(received, 0, ct, cOff, cLen, data, hLen);
        // Copied out before the CMAC overwrites the last block; zeroed below on failure.
        System.arraycopy(data, hLen, out, outOff, cLen);
        kbak.macAligned(s, n, computed, 0);
      } else {
        kbek.decryptCbc(received, 0, ct, cOff, cLen, out, outOff);
        kbak.mac(header, hOff, hLen, out, outOff, cLen, computed, 0);
      }
      ok = MessageDigest.isEqual(computed, received);
    } finally {
      if (!ok) {
        Arrays.fill(out, outOff, outOff + cLen, (byte) 0);
      }
      s.give();
    }
    if (!ok) {
      throw new Tr31VerificationException();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Here: the MAC and ciphertext are decoded straight into the scratch, the header's ASCII goes
   * in front of the decrypted payload there, and the CMAC is one cipher call over both; nothing is
   * allocated. Same order as {@link #open(byte[], int, int, byte[], int, int, byte[], int, byte[],
   * int)}: decrypt, then verify in constant time; the caller reads the plaintext only after.
   */
  @Override
  public boolean openText(Scratch s, CharSequence text, int h, int m, int end)
      throws Tr31VerificationException {
    int len = (m - h) / 2;
    int n = h + len;
    if (end - m != 2 * blockBytes
        || len == 0
        || len % blockBytes != 0
        || n % blockBytes != 0
        || n > Scratch.DATA_BYTES) {
      return false;
    }
    // The ciphertext, then the MAC, decoded in one go (len + blockBytes <= n: h >= blockBytes).
    byte[] decoded = s.sink(len + blockBytes);
    if (!Hex.decodePublicInto(s, text, h, end, decoded, 0)) {
      return false;
    }
    lifecycle.check();
    byte[] received = s.block(0, blockBytes);
    System.arraycopy(decoded, len, received, 0, blockBytes);
    byte[] data = s.data(n);
    byte[] computed = s.block(1, blockBytes);
    // TR-31:2018 A.3.2 / A.3.3: the received MAC is the IV; decrypt, then MAC header || plaintext.
    kbek.decryptCbc(decoded, len, decoded, 0, len, data, h);
    Hex.asciiInto(text, h, data); // printable ASCII: the header parser checked every one
    kbak.macAligned(s, n, computed, 0);
    if (!MessageDigest.isEqual(computed, received)) {
      throw new Tr31VerificationException();
    }
    return true;
  }

  @Override
  public void destroy() {
    lifecycle.destroy(
        () -> {
          kbek.destroy();
          kbak.destroy();
          Bytes.wipe(kbpkEncryptedZeros, kbpkCmacOfZeros);
        });
  }

  @Override
  public boolean isDestroyed() {
    return lifecycle.isDestroyed();
  }

  @Override
  public String toString() {
    return "KeyDerivationBinding["
        + (algorithm == BlockCipher.Algorithm.AES ? "D, AES-" : "B, TDES-")
        + (kbpkLengthBytes * 8)
        + " KBPK, destroyed="
        + isDestroyed()
        + "]";
  }
}
