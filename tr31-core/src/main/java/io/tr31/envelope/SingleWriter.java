/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import io.tr31.internal.Bytes;
import io.tr31.internal.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;

/** Streams a {@code TR31-DATA} body: ciphertext hex is written as the cipher produces it. */
final class SingleWriter {
  private static final int BUFFER_BYTES = 8192;

  private SingleWriter() {}

  static void write(AesCbc key, SecureRandom random, InputStream in, OutputStream out)
      throws IOException {
    byte[] iv = new byte[AesCbc.BLOCK_BYTES];
    random.nextBytes(iv);
    byte[] buf = new byte[BUFFER_BYTES];
    byte[] hex = new byte[2 * (BUFFER_BYTES + AesCbc.BLOCK_BYTES)];
    ascii(out, "{\"format\":\"" + EnvelopeFormat.SINGLE + "\",\"ciphertext\":\"");
    // The cipher stays taken while the stream is consumed, however slowly.
    Cipher c = key.encryptor(iv);
    try {
      for (int n; (n = in.read(buf)) != -1; ) {
        hexOut(out, c.update(buf, 0, n), hex);
      }
      hexOut(out, c.doFinal(), hex);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CBC encryption failed", e);
    } finally {
      key.release(c);
      Bytes.wipe(buf);
    }
    ascii(
        out,
        "\",\"initialization_vector\":\""
            + Hex.encode(iv)
            + "\",\"mode\":\""
            + EnvelopeFormat.MODE_CBC
            + "\"}");
    out.flush();
  }

  private static void hexOut(OutputStream out, byte[] ct, byte[] hex) throws IOException {
    if (ct != null) { // update() returns null until a block is complete
      Hex.encodeAsciiInto(ct, 0, ct.length, hex, 0);
      out.write(hex, 0, 2 * ct.length);
    }
  }

  private static void ascii(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.US_ASCII));
  }
}
