package io.tr31.cli;

import io.tr31.Tr31FormatException;
import io.tr31.internal.Bytes;
import io.tr31.internal.Hex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Reads a key argument: {@code HEX}, {@code @FILE} (a file holding the hex, surrounding white
 * space ignored) or {@code env:NAME} (an environment variable holding the hex). Keeping keys out
 * of the command line ({@code @FILE}, {@code env:}) keeps them out of process listings.
 */
final class KeyArgument {
  /** Longest key file read: far more than any key in hex. */
  private static final long MAX_FILE_BYTES = 64 * 1024;

  private KeyArgument() {}

  /**
   * Returns the key bytes.
   *
   * @param option the option's name, for error messages (never the value)
   */
  static byte[] read(String arg, String option) throws UsageException, Tr31FormatException {
    String hex;
    if (arg.startsWith("env:")) {
      hex = System.getenv(arg.substring(4));
      if (hex == null) {
        throw new UsageException(option + ": environment variable " + arg.substring(4) + " is not set");
      }
    } else if (arg.startsWith("@")) {
      hex = readFile(Paths.get(arg.substring(1)), option);
    } else {
      hex = arg;
    }
    hex = hex.strip();
    if (hex.isEmpty()) {
      throw new UsageException(option + " is empty");
    }
    try {
      return Hex.decode(hex, 0, hex.length(), false);
    } catch (Tr31FormatException e) {
      throw new Tr31FormatException(e.code(), e.offset(), "in " + option);
    }
  }

  private static String readFile(Path file, String option) throws UsageException {
    byte[] raw = null;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new UsageException(option + ": key file is too large");
      }
      raw = Files.readAllBytes(file);
      return new String(raw, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UsageException(option + ": cannot read key file " + file);
    } finally {
      Bytes.wipe(raw);
    }
  }
}
