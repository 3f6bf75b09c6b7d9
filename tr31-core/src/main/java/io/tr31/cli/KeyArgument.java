/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import io.tr31.ErrorCode;
import io.tr31.Tr31FormatException;
import io.tr31.internal.Bytes;
import io.tr31.internal.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * Reads a key given on the command line as {@code HEX}, {@code @FILE} (a file holding the hex) or
 * {@code env:NAME} (an environment variable holding the hex). Hex is read in either case;
 * surrounding whitespace in a file or variable is ignored. Prefer {@code @FILE} or {@code env:}: a
 * key typed on the command line is visible to other users in the process list.
 *
 * <h2>Security</h2>
 *
 * Error messages name the source (file name, variable name), never its content. Files larger than
 * 4096 bytes are refused. The returned array belongs to the caller, who wipes it; intermediate
 * {@code String} copies cannot be wiped on the JVM. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class KeyArgument {
  private static final int MAX_FILE_BYTES = 4096;

  private KeyArgument() {}

  /** The reason a key argument cannot be read. Its message never contains key material. */
  public static final class KeyArgumentException extends Exception {
    private static final long serialVersionUID = 1L;

    KeyArgumentException(String message) {
      super(message);
    }
  }

  /**
   * Decodes {@code arg}.
   *
   * @throws KeyArgumentException when the file or variable is missing or the value is not hex
   */
  @JdkOnly
  public static byte[] read(String arg) throws KeyArgumentException {
    if (arg == null || arg.isEmpty()) {
      throw new KeyArgumentException("empty key argument");
    }
    String hex;
    String source;
    if (arg.startsWith("@")) {
      source = "key file " + arg.substring(1);
      byte[] raw = null;
      try (InputStream in = Files.newInputStream(Paths.get(arg.substring(1)))) {
        // Read at most one byte past the limit: a FIFO or /dev/zero reports size 0.
        raw = in.readNBytes(MAX_FILE_BYTES + 1);
      } catch (IOException | RuntimeException e) {
        throw new KeyArgumentException("cannot read " + source);
      }
      try {
        if (raw.length > MAX_FILE_BYTES) {
          throw new KeyArgumentException(source + " is larger than 4096 bytes");
        }
        hex = new String(raw, StandardCharsets.US_ASCII).strip();
      } finally {
        Bytes.wipe(raw);
      }
    } else if (arg.startsWith("env:")) {
      String name = arg.substring(4);
      source = "environment variable " + name;
      String v = System.getenv(name);
      if (v == null) {
        throw new KeyArgumentException(source + " is not set");
      }
      hex = v.strip();
    } else {
      source = "key argument";
      hex = arg;
    }
    if (hex.isEmpty()) {
      throw new KeyArgumentException(source + " is empty");
    }
    try {
      return Hex.decode(hex, 0, hex.length(), true);
    } catch (Tr31FormatException e) {
      String what = e.code() == ErrorCode.ODD_HEX_LENGTH ? "an odd number of" : "non-hex";
      throw new KeyArgumentException(source + " holds " + what + " digits");
    }
  }
}
