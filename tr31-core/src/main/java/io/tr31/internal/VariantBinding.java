/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import io.tr31.Tr31FormatException;
import io.tr31.Tr31VerificationException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * The key variant binding method, prepared from one TDES KBPK: key block versions {@code A} and
 * {@code C} (ASC X9 TR-31:2018 A.3.1, deprecated by ANSI X9.143) and the Thales proprietary version
 * {@code 0}, which uses the same algorithm.
 *
 * <ul>
 *   <li>KBEK = KBPK XOR {@code 0x45} and KBAK = KBPK XOR {@code 0x4D}, every byte.
 *   <li>{@code seal}: C = TDES-CBC(KBEK, IV = the first 8 header bytes, payload); MAC = ISO/IEC
 *       9797-1 MAC algorithm 1 (TDES CBC-MAC, zero IV) over header || C, leftmost 4 bytes.
 *   <li>{@code open}: encrypt-then-MAC, so the MAC over header || received C is verified (constant
 *       time) BEFORE anything is decrypted.
 * </ul>
 *
 * <p>A single-DES KBPK (8 bytes, a field deviation only the lenient profile accepts) is run as TDES
 * with K1 = K2 = K3, which is single DES.
 *
 * <h2>Security</h2>
 *
 * Thread-safe. The 4-byte MAC gives at most 32 bits of authentication, one reason X9.143 deprecates
 * these versions. Lengths are public and checked first; a MAC failure throws the one {@link
 * Tr31VerificationException} and nothing is decrypted. {@link #destroy()} is best effort as in
 * {@link BlockCipher}; use after destroy throws {@link IllegalStateException}; {@link #toString()}
 * shows no key material.
 */
public final class VariantBinding implements Binding {
  private static final int BLOCK = 8;
  private static final int MAC_BYTES = 4;

  private final int kbpkLengthBytes;
  private final BlockCipher kbek;
  private final BlockCipher kbak;
  private final Lifecycle lifecycle = new Lifecycle("binding");

  private VariantBinding(byte[] kbpk) {
    Objects.requireNonNull(kbpk, "kbpk");
    if (kbpk.length != 8 && kbpk.length != 16 && kbpk.length != 24) {
      throw new IllegalArgumentException("variant binding KBPK has 8, 16 or 24 bytes");
    }
    this.kbpkLengthBytes = kbpk.length;
    byte[] key = kbpk.length == 8 ? BlockCipher.singleDesAsTdes(kbpk) : kbpk.clone();
    byte[] encryptionKey = null;
    byte[] authenticationKey = null;
    try {
      // TR-31:2018 A.3.1: the variants are fixed XOR masks of the KBPK.
      encryptionKey = KeyDerivation.variant(key, KeyDerivation.VARIANT_KBEK_MASK);
      authenticationKey = KeyDerivation.variant(key, KeyDerivation.VARIANT_KBAK_MASK);
      this.kbek = BlockCipher.tdes(encryptionKey);
      this.kbak = BlockCipher.tdes(authenticationKey);
    } finally {
      Bytes.wipe(key, encryptionKey, authenticationKey);
    }
  }

  /**
   * Prepares the variant binding for a 2-key (16 bytes) or 3-key (24 bytes) TDES KBPK, or an 8-byte
   * single-DES KBPK (the public layer allows that only under the lenient profile).
   *
   * @throws IllegalArgumentException for any other length (the public layer checks first)
   */
  public static VariantBinding of(byte[] kbpk) {
    return new VariantBinding(kbpk);
  }

  /** The KBPK length in bytes (8 for single DES). */
  public int kbpkLengthBytes() {
    return kbpkLengthBytes;
  }

  @Override
  public int blockBytes() {
    return BLOCK;
  }

  @Override
  public int macBytes() {
    return MAC_BYTES;
  }

  @Override
  public byte[] seal(byte[] header, byte[] payload) {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(payload, "payload");
    checkHeader(header);
    if (payload.length == 0 || payload.length % BLOCK != 0) {
      throw new IllegalArgumentException("payload must be a positive multiple of the block size");
    }
    lifecycle.check();
    byte[] out = new byte[payload.length + MAC_BYTES];
    // TR-31:2018 A.3.1: the IV is the first eight header bytes.
    kbek.encryptCbc(header, 0, payload, 0, payload.length, out, 0);
    byte[] mac = cbcMac(header, out, payload.length);
    System.arraycopy(mac, 0, out, payload.length, MAC_BYTES);
    return out;
  }

  @Override
  public byte[] open(byte[] header, byte[] ciphertext, byte[] mac)
      throws Tr31FormatException, Tr31VerificationException {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(ciphertext, "ciphertext");
    Objects.requireNonNull(mac, "mac");
    checkHeader(header);
    OpenLengths.check(header, ciphertext, mac, MAC_BYTES, BLOCK);
    lifecycle.check();
    // Encrypt-then-MAC (TR-31:2018 A.3.1): authenticate the ciphertext before decrypting it.
    byte[] computed = cbcMac(header, ciphertext, ciphertext.length);
    boolean ok;
    try {
      ok = MessageDigest.isEqual(Arrays.copyOf(computed, MAC_BYTES), mac);
    } finally {
      Bytes.wipe(computed);
    }
    if (!ok) {
      throw new Tr31VerificationException();
    }
    byte[] out = new byte[ciphertext.length];
    kbek.decryptCbc(header, 0, ciphertext, 0, ciphertext.length, out, 0);
    return out;
  }

  /**
   * ISO/IEC 9797-1 MAC algorithm 1 with padding method 1 (TDES CBC-MAC, zero IV) over {@code header
   * || c[0..cLen)}: the last CBC block. The header is block aligned on every path (X9.143 6.3), so
   * padding method 1 adds nothing in practice.
   */
  private byte[] cbcMac(byte[] header, byte[] c, int cLen) {
    int total = header.length + cLen;
    int padded = (total + BLOCK - 1) / BLOCK * BLOCK;
    byte[] data = new byte[padded];
    byte[] chain = new byte[padded];
    try {
      System.arraycopy(header, 0, data, 0, header.length);
      System.arraycopy(c, 0, data, header.length, cLen);
      kbak.encryptCbc(new byte[BLOCK], 0, data, 0, padded, chain, 0);
      return Arrays.copyOfRange(chain, padded - BLOCK, padded);
    } finally {
      Bytes.wipe(data, chain);
    }
  }

  private static void checkHeader(byte[] header) {
    if (header.length < BLOCK) {
      throw new IllegalArgumentException("the header supplies the 8-byte IV");
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
    return "VariantBinding[A/C/0, "
        + (kbpkLengthBytes == 8 ? "single DES" : "TDES-" + (kbpkLengthBytes * 8))
        + " KBPK, destroyed="
        + isDestroyed()
        + "]";
  }
}
