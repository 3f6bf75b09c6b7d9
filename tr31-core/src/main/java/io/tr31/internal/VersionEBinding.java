/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import io.tr31.Tr31FormatException;
import io.tr31.Tr31VerificationException;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * The ISO 20038:2017 binding method (key block version {@code E}), prepared from one AES KBPK.
 *
 * <ul>
 *   <li>KBEK derived as for version D but with key usage {@code 0002} (CTR), KBAK with {@code 0001}
 *       exactly as D ({@link KeyDerivation}, ISO 20038 6.3).
 *   <li>{@code seal}: MAC = AES-CMAC(KBAK, header || plaintext payload), 16 bytes; C =
 *       AES-CTR(KBEK, initial counter block = MAC, payload), the counter incremented as one 128-bit
 *       big-endian number. The payload is NOT padded to the block (ISO 20038 6.4).
 *   <li>{@code open}: decrypt with the received MAC as initial counter, recompute the CMAC over
 *       header || plaintext and compare in constant time; only then may the caller read the
 *       payload.
 * </ul>
 *
 * <h2>Security</h2>
 *
 * Thread-safe. On MAC failure the decrypted output is zeroed and the one {@link
 * Tr31VerificationException} is thrown. Lengths are public and checked first. {@link #destroy()} is
 * best effort as in {@link BlockCipher}; use after destroy throws {@link IllegalStateException};
 * {@link #toString()} shows no key material.
 */
public final class VersionEBinding implements Binding {
  private static final int BLOCK = 16;

  private final int kbpkLengthBytes;
  private final BlockCipher kbek;
  private final Cmac kbak;
  private final Lifecycle lifecycle = new Lifecycle("binding");

  private VersionEBinding(byte[] kbpk, boolean keyNow) {
    Objects.requireNonNull(kbpk, "kbpk");
    if (!BlockCipher.Algorithm.AES.permitsKeyLengthBytes(kbpk.length)) {
      throw new IllegalArgumentException("version E KBPK has 16, 24 or 32 bytes");
    }
    this.kbpkLengthBytes = kbpk.length;
    byte[] encryptionKey = new byte[kbpk.length];
    byte[] authenticationKey = new byte[kbpk.length];
    BlockCipher prf = BlockCipher.aes(kbpk);
    BlockCipher e = null;
    boolean built = false;
    try {
      KeyDerivation.derivePair(
          prf,
          KeyDerivation.Purpose.ENCRYPTION_CTR,
          KeyDerivation.Purpose.AUTHENTICATION,
          encryptionKey,
          authenticationKey,
          new byte[BLOCK], // the KBPK's check values (public), computed with the keys:
          new byte[BLOCK]); // the version D binding keeps them, this one needs none
      e = BlockCipher.aes(encryptionKey);
      if (keyNow) {
        // The PRF's cipher becomes the KBEK's keystream encryptor: one key schedule keys it and
        // wipes the KBPK's (CipherState#handOver). Otherwise the KBEK keys on first use.
        e.state().handOver(prf.state(), CipherState.ECB_ENCRYPT, CipherState.ECB_ENCRYPT);
      }
      this.kbak = Cmac.aes(authenticationKey);
      built = true;
    } finally {
      Bytes.wipe(encryptionKey, authenticationKey);
      prf.destroy();
      if (!built && e != null) {
        e.destroy();
      }
    }
    this.kbek = e;
  }

  /**
   * Derives the KBEK and KBAK from an AES KBPK of 16, 24 or 32 bytes (not retained).
   *
   * The KBEK's keystream cipher is keyed now, from the derivation's cipher: one key schedule
   * instead of two when the binding is used, one more than {@link #of} when it never is (a KBPK
   * prepared for version E alone).
   *
   * @param kbpk the KBPK
   * @return the binding
   * @throws IllegalArgumentException for any other length (the public layer checks first)
   */
  public static VersionEBinding ofKeyed(byte[] kbpk) {
    return new VersionEBinding(kbpk, true);
  }

  /**
   * Derives the KBEK and KBAK from an AES KBPK of 16, 24 or 32 bytes (not retained).
   *
   * @throws IllegalArgumentException for any other length (the public layer checks first)
   */
  public static VersionEBinding of(byte[] kbpk) {
    return new VersionEBinding(kbpk, false);
  }

  /** The KBPK length in bytes. */
  public int kbpkLengthBytes() {
    return kbpkLengthBytes;
  }

  /** 16: the AES block, to which the header (not the payload) is aligned. */
  @Override
  public int blockBytes() {
    return BLOCK;
  }

  /** 1: ISO 20038 CTR mode does not pad the payload. */
  @Override
  public int payloadBlockBytes() {
    return 1;
  }

  @Override
  public int macBytes() {
    return BLOCK;
  }

  @Override
  public byte[] seal(byte[] header, byte[] payload) {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(payload, "payload");
    if (payload.length == 0) {
      throw new IllegalArgumentException("empty payload");
    }
    lifecycle.check();
    byte[] out = new byte[payload.length + BLOCK];
    kbak.mac(header, 0, header.length, payload, 0, payload.length, out, payload.length);
    ctr(out, payload.length, payload, out);
    return out;
  }

  @Override
  public byte[] open(byte[] header, byte[] ciphertext, byte[] mac)
      throws Tr31FormatException, Tr31VerificationException {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(ciphertext, "ciphertext");
    Objects.requireNonNull(mac, "mac");
    OpenLengths.check(header, ciphertext, mac, BLOCK, 1); // CTR: any payload length
    lifecycle.check();
    byte[] out = new byte[ciphertext.length];
    byte[] computed = new byte[BLOCK];
    boolean ok = false;
    try {
      // ISO 20038 6.4: the received MAC is the initial counter block; the MAC covers the
      // plaintext, so decrypt first and read nothing before the comparison.
      ctr(mac, 0, ciphertext, out);
      kbak.mac(header, 0, header.length, out, 0, out.length, computed, 0);
      ok = MessageDigest.isEqual(computed, mac);
    } finally {
      if (!ok) {
        Bytes.wipe(out); // never handed out on failure: a temporary
      }
      Bytes.wipe(computed);
    }
    if (!ok) {
      throw new Tr31VerificationException();
    }
    return out;
  }

  /**
   * AES-CTR over {@code in} into {@code out[0..in.length)} with the initial counter block {@code
   * iv[ivOff..ivOff+16)} (NIST SP 800-38A 6.5, the whole block as the counter, big-endian).
   */
  private void ctr(byte[] iv, int ivOff, byte[] in, byte[] out) {
    // The key stream covers in.length rounded up to whole blocks.
    int streamLength = in.length + (-in.length & (BLOCK - 1));
    int blocks = streamLength / BLOCK;
    byte[] counters = new byte[streamLength];
    byte[] stream = new byte[streamLength];
    try {
      System.arraycopy(iv, ivOff, counters, 0, BLOCK);
      for (int b = 1; b < blocks; b++) {
        System.arraycopy(counters, (b - 1) * BLOCK, counters, b * BLOCK, BLOCK);
        increment(counters, b * BLOCK);
      }
      kbek.encryptEcb(counters, 0, counters.length, stream, 0);
      for (int i = 0; i < in.length; i++) {
        out[i] = (byte) (in[i] ^ stream[i]);
      }
    } finally {
      Bytes.wipe(counters, stream);
    }
  }

  /** Adds one to the 128-bit big-endian number {@code block[off..off+16)}, modulo 2^128. */
  static void increment(byte[] block, int off) {
    for (int i = off + BLOCK - 1; i >= off; i--) {
      if (++block[i] != 0) {
        return;
      }
    }
  }

  @Override
  public void destroy() {
    lifecycle.destroy(
        () -> {
          kbek.destroy();
          kbak.destroy();
        });
  }

  @Override
  public boolean isDestroyed() {
    return lifecycle.isDestroyed();
  }

  @Override
  public String toString() {
    return "VersionEBinding[E, AES-"
        + (kbpkLengthBytes * 8)
        + " KBPK, destroyed="
        + isDestroyed()
        + "]";
  }
}
