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
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** Streams a {@code TR31-DATA} body: ciphertext hex is written as the cipher produces it. */
final class SingleWriter {
  private static final int BUFFER_BYTES = 8192;

  private SingleWriter() {}

  static void write(SecretKeySpec key, SecureRandom random, InputStream in, OutputStream out)
      throws IOException {
    byte[] iv = new byte[AesCbc.BLOCK_BYTES];
    random.nextBytes(iv);
    Cipher c;
    try {
      // A dedicated Cipher: the stream may be consumed slowly, and the per-thread one must stay
      // free for other envelopes sealed on this thread meanwhile.
      c = Cipher.getInstance("AES/CBC/PKCS5Padding");
      c.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CBC is not available", e);
    }
    byte[] buf = new byte[BUFFER_BYTES];
    byte[] hex = new byte[2 * (BUFFER_BYTES + AesCbc.BLOCK_BYTES)];
    ascii(out, "{\"format\":\"" + EnvelopeFormat.SINGLE + "\",\"ciphertext\":\"");
    try {
      for (int n; (n = in.read(buf)) >= 0; ) {
        hexOut(out, c.update(buf, 0, n), hex);
      }
      hexOut(out, c.doFinal(), hex);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-CBC encryption failed", e);
    } finally {
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
    if (ct != null && ct.length > 0) {
      Hex.encodeAsciiInto(ct, 0, ct.length, hex, 0);
      out.write(hex, 0, 2 * ct.length);
    }
  }

  private static void ascii(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.US_ASCII));
  }
}
