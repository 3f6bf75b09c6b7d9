/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import io.tr31.internal.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * Reads the PIN for {@code pin encipher}: {@code -} (or nothing) for the first line of standard
 * input, {@code env:NAME} for an environment variable, {@code @FILE} for a file's first line. A PIN
 * is never an argument: the process list is visible to other users.
 *
 * <h2>Security</h2>
 *
 * Messages name the source, never its content. At most {@link #MAX_BYTES} bytes are read; every
 * byte buffer is wiped and the result is a {@code char[]} the caller wipes. An {@code env:} PIN is
 * a {@code String} (the environment, kept by the JVM for the life of the process, and its trimmed
 * copy) that cannot be wiped. The PIN's digits are checked by the library ({@code PIN_INVALID}).
 * Stateless.
 */
final class PinSource {
  /** More than the longest PIN (12 digits) plus a line end: anything longer is refused unread. */
  static final int MAX_BYTES = 64;

  private PinSource() {}

  /** The PIN from {@code source} ({@code null} is standard input); the caller wipes it. */
  static char[] read(String source, InputStream in) throws UsageException, IOException {
    if (source == null || source.equals("-")) {
      return firstLine(in, "standard input");
    }
    if (source.startsWith("env:")) {
      String v = System.getenv(source.substring(4));
      if (v == null) {
        throw new UsageException("--pin: environment variable " + source.substring(4) + " is not set");
      }
      return v.trim().toCharArray();
    }
    if (source.startsWith("@")) {
      try (InputStream file = Files.newInputStream(Paths.get(source.substring(1)))) {
        return firstLine(file, "PIN file " + source.substring(1));
      } catch (IOException | RuntimeException e) {
        throw new UsageException("--pin: cannot read PIN file " + source.substring(1));
      }
    }
    throw new UsageException("--pin takes -, env:NAME or @FILE, never the PIN itself");
  }

  /** The first line (without its line end) of at most {@link #MAX_BYTES} bytes. */
  private static char[] firstLine(InputStream in, String what) throws UsageException, IOException {
    byte[] buf = new byte[MAX_BYTES + 1];
    int n = 0;
    try {
      int b;
      while (n < buf.length && (b = in.read()) != -1 && b != '\n') {
        buf[n++] = (byte) b;
      }
      if (n > MAX_BYTES) {
        throw new UsageException("--pin: the first line of " + what + " is too long");
      }
      while (n > 0 && (buf[n - 1] == '\r' || buf[n - 1] == ' ')) {
        n--;
      }
      if (n == 0) {
        throw new UsageException("--pin: no PIN on " + what);
      }
      char[] pin = new char[n];
      for (int i = 0; i < n; i++) {
        pin[i] = (char) (buf[i] & 0xFF);
      }
      return pin;
    } finally {
      Bytes.wipe(buf);
    }
  }
}
