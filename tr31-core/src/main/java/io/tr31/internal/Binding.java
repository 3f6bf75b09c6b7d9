/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import io.tr31.Tr31FormatException;
import io.tr31.Tr31VerificationException;
import java.util.Arrays;
import javax.security.auth.Destroyable;

/**
 * One key block binding method (X9.143 clause 7: how the payload is encrypted and the MAC
 * computed), prepared for one KBPK. Implementations are immutable and thread-safe.
 */
public interface Binding extends Destroyable {
  /** The cipher block size in bytes: the payload (and, for A-D, the header) align to it. */
  int blockBytes();

  /**
   * The unit the payload is padded to: {@link #blockBytes()} for the CBC bindings (A-D), 1 for ISO
   * 20038 version E (CTR mode, no payload padding).
   */
  default int payloadBlockBytes() {
    return blockBytes();
  }

  /** The MAC length in bytes as carried in the key block. */
  int macBytes();

  /**
   * Encrypts and authenticates.
   *
   * @param header the header's ASCII bytes, as they will be sent
   * @param payload key length || key || padding, a multiple of {@link #payloadBlockBytes()}
   * @return ciphertext || MAC
   */
  byte[] seal(byte[] header, byte[] payload);

  /**
   * Seals as {@link #seal} and writes the key block body behind its header: {@code ascii[0..hLen)}
   * holds the header's ASCII bytes (the MAC input), and upper-case hex of {@code ciphertext || MAC}
   * goes to {@code ascii[hLen..hLen + 2 * (pLen + macBytes()))}. Implementations may avoid the
   * intermediate arrays; this default copies and wipes its copy of the payload.
   *
   * @param ascii the key block text being built
   * @param hLen the header length in bytes
   * @param payload holds key length || key || padding at {@code [pOff..pOff+pLen)}, a multiple of
   *     {@link #payloadBlockBytes()}; only read
   * @param pOff where the payload starts
   * @param pLen the payload length
   */
  default void sealHex(byte[] ascii, int hLen, byte[] payload, int pOff, int pLen) {
    byte[] p = Arrays.copyOfRange(payload, pOff, pOff + pLen);
    try {
      byte[] sealed = seal(Arrays.copyOf(ascii, hLen), p);
      Hex.encodePublicAsciiInto(sealed, 0, sealed.length, ascii, hLen);
    } finally {
      Bytes.wipe(p);
    }
  }

  /**
   * Decrypts and verifies in constant time; the caller reads nothing from the result unless this
   * returns.
   *
   * @return the plaintext payload (the caller wipes it)
   * @throws Tr31FormatException the ciphertext or MAC length does not fit the binding (public),
   *     with its offset in the key block text {@code header || hex(ciphertext) || hex(mac)}: the
   *     header length for the ciphertext, as {@code KeyBlock.parse} reports it, and {@code
   *     header.length + 2 * ciphertext.length} for the MAC
   * @throws Tr31VerificationException the MAC does not verify (one fixed message)
   */
  byte[] open(byte[] header, byte[] ciphertext, byte[] mac)
      throws Tr31FormatException, Tr31VerificationException;

  /**
   * The unwrap fast path: decodes and opens the key block {@code text[0..end)} (its header {@code
   * text[0..h)}, already parsed, so every header character is printable ASCII; the hex ciphertext
   * {@code text[h..m)}; the hex MAC {@code text[m..end)}) inside {@code s}, and leaves the
   * plaintext payload at {@code s.data(0)[h..h + (m - h) / 2)} until the caller gives {@code s}
   * back (which wipes it). The caller has checked the lengths as {@code KeyBlock.parse} does.
   *
   * <p>This default decodes into fresh arrays and runs {@link #open}; a binding may do better.
   *
   * @return {@code false}, having decrypted nothing, when the ciphertext or MAC is not upper-case
   *     hex or the block does not fit the scratch: the caller then runs the reference path, which
   *     reports the error
   * @throws Tr31VerificationException the MAC does not verify (one fixed message)
   */
  default boolean openText(Scratch s, CharSequence text, int h, int m, int end)
      throws Tr31VerificationException {
    int len = (m - h) / 2;
    if (h + len > Scratch.DATA_BYTES) {
      return false;
    }
    byte[] ct = new byte[len];
    byte[] mac = new byte[(end - m) / 2];
    if (!Hex.decodePublicInto(s, text, h, m, ct, 0)
        || !Hex.decodePublicInto(s, text, m, end, mac, 0)) {
      return false;
    }
    byte[] header = new byte[h];
    Hex.asciiInto(text, h, header);
    byte[] plain = null;
    try {
      plain = open(header, ct, mac);
      System.arraycopy(plain, 0, s.data(h + len), h, len);
    } catch (Tr31FormatException e) {
      return false; // a length the caller should have refused: the reference path reports it
    } finally {
      Bytes.wipe(plain);
    }
    return true;
  }

  /** Wipes the derived keys this binding holds (best effort on the JVM); never fails. */
  @Override
  void destroy();
}
