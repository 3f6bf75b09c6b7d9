/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import io.tr31.internal.Hex;
import java.io.IOException;
import java.io.OutputStream;
import java.security.SecureRandom;
import javax.crypto.Cipher;

/**
 * Writes a {@code TR31-DATA} body while plaintext is written to it: the IV is chosen first, so the
 * fields keep their wire order, and the ciphertext hex is written as the cipher produces it. {@link
 * #finish()} writes the trailer and flushes; {@link #close()} only gives the cipher back (a body
 * never finished stays incomplete, never a valid body of part of the plaintext). Neither closes the
 * underlying stream.
 */
final class SingleWriter extends BodyWriter {
  private final AesCbc key;
  private final byte[] iv = new byte[AesCbc.BLOCK_BYTES];
  private Cipher cipher;
  private boolean ended; // the last update returned: the cipher is rinsed

  SingleWriter(AesCbc key, SecureRandom random, OutputStream out) throws IOException {
    super(out);
    this.key = key;
    random.nextBytes(iv);
    // The cipher stays taken while the stream is consumed, however slowly; close() returns it.
    this.cipher = key.encryptor(iv);
    out.write(EnvelopeFormat.SINGLE_PREFIX);
  }

  @Override
  void encrypt(byte[] b, int off, int len) throws IOException {
    hex(key.update(cipher, b, off, len, false));
  }

  @Override
  void trailer() throws IOException {
    byte[] last = key.update(cipher, iv, 0, 0, true);
    ended = true;
    hex(last);
    out.write(EnvelopeFormat.SINGLE_MIDDLE);
    hex(iv);
    out.write(EnvelopeFormat.SINGLE_SUFFIX);
  }

  @Override
  void release() {
    if (cipher != null) {
      key.release(cipher, ended);
      cipher = null;
    }
  }

  private void hex(byte[] bytes) throws IOException {
    byte[] ascii = new byte[2 * bytes.length];
    Hex.encodePublicAsciiInto(bytes, 0, bytes.length, ascii, 0);
    out.write(ascii);
  }
}
