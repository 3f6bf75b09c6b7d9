/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tr31.Profile;
import io.tr31.Tr31Exception;
import io.tr31.keyblock.UnwrappedKey;
import io.tr31.keyblock.KeyAlgorithm;
import io.tr31.keyblock.KcvMethod;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Helpers shared by the commands. */
final class Cli {
  private Cli() {}

  static Profile profile(String name) throws UsageException {
    if (name == null || name.equals("strict")) {
      return Profile.STRICT;
    }
    if (name.equals("lenient")) {
      return Profile.LENIENT;
    }
    throw new UsageException("--profile is strict or lenient");
  }

  /**
   * A request's profile: the {@code --profile} the operator pinned, else the line's {@code
   * profile}, else strict.
   */
  static Profile requestProfile(Request r) throws RequestException {
    try {
      return profile(r.optString("profile"));
    } catch (UsageException e) {
      throw new RequestException(Request.INVALID_REQUEST, "profile is strict or lenient");
    }
  }

  static void noPositional(Options o) throws UsageException {
    if (!o.positional().isEmpty()) {
      // Never echo the argument: a misplaced key is a typical slip.
      throw new UsageException("unexpected argument (position " + o.positional().size() + ")");
    }
  }

  /** The KEYBLOCK argument, or the first line of standard input (bounded). */
  static String keyBlockArgument(Options o, InputStream in) throws UsageException, IOException {
    String block = o.optionalPositional();
    if (block != null) {
      return block;
    }
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
    char[] buf = new char[JsonLines.MAX_LINE_CHARS];
    int n = 0;
    int c;
    while (n < buf.length && (c = r.read()) != -1 && c != '\n') {
      buf[n++] = (char) c;
    }
    if (n > 0 && buf[n - 1] == '\r') {
      n--;
    }
    if (n == 0) {
      throw new UsageException("no KEYBLOCK argument and nothing on standard input");
    }
    return new String(buf, 0, n);
  }

  /**
   * Reads a key argument ({@code HEX}, {@code @FILE}, {@code env:NAME}); errors name the option.
   */
  static byte[] key(String arg, String option) throws UsageException {
    try {
      return KeyArgument.read(arg);
    } catch (KeyArgument.KeyArgumentException e) {
      throw new UsageException(option + ": " + e.getMessage());
    }
  }

  /**
   * The key's KCV hex by {@code method} (3 bytes legacy, 5 bytes CMAC), or null where X9.24-1
   * defines none (HMAC and asymmetric keys, or a length the lenient profile let through).
   */
  static String kcvHex(UnwrappedKey key, KcvMethod method) {
    try {
      return key.kcv(method).hex();
    } catch (Tr31Exception e) {
      return null; // no X9.24-1 KCV for the key's algorithm or length: public header data
    }
  }

  static void writeNullableString(JsonGenerator g, String name, String value) throws IOException {
    if (value == null) {
      g.writeNullField(name);
    } else {
      g.writeStringField(name, value);
    }
  }
}
