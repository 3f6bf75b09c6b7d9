/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import io.tr31.ErrorCode;
import io.tr31.Tr31Exception;
import io.tr31.Tr31FormatException;
import io.tr31.envelope.EnvelopeOptions;
import io.tr31.envelope.PayloadProtector;
import io.tr31.envelope.SealedPayload;
import io.tr31.internal.Bytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code tr31 envelope seal|open}: the {@code TR31-DATA} envelope on stdin and stdout (see {@link
 * #USAGE}). Exit status 0 on success, 1 when the data is refused, 2 on a usage error.
 *
 * <h2>Security</h2>
 *
 * Messages go to stderr and never contain key material or plaintext. Without {@code --mac-key},
 * {@code open} is the malleable unauthenticated open (src/docs/ENVELOPE.md); with it the MAC over
 * the body as read (minus one trailing newline) is verified before anything is parsed. Without it
 * the library's {@link PayloadProtector} still needs a MAC key: the command uses a random one it
 * never shows and drops the signature, so the wire output is the unsigned body. Keys and plaintext
 * buffers are wiped and the prepared keys destroyed before returning (best effort on the JVM).
 * Stateless: {@link #run} is safe to call from several threads.
 *
 * @since 0.1.0
 */
public final class EnvelopeCommand {
  /** The help text. */
  public static final String USAGE =
      String.join(
          "\n",
          "usage: envelope seal --msk KEY [--mac-key KEY --signature-file FILE] [--gzip]",
          "                     [--chunked [--chunk-size N]]",
          "       envelope open --msk KEY [--mac-key KEY --signature HEX] [--gzip]",
          "",
          "seal reads the plaintext from stdin and writes the body on stdout (one line);",
          "with --mac-key it writes the HMAC-SHA256 of the body (upper-case hex) to FILE.",
          "open reads the body from stdin (one trailing newline ignored), verifies the MAC",
          "first when --mac-key is given, and writes the plaintext bytes on stdout.",
          "TR31-DATA-CHUNKED bodies are recognised by open from their format field.",
          "Without --mac-key, open is UNAUTHENTICATED: CBC alone is malleable.",
          "KEY is HEX, @FILE (file holding hex) or env:NAME (variable holding hex).",
          "--chunk-size defaults to 65536 bytes. Exit: 0 ok, 1 refused data, 2 usage.",
          "");

  private static final int DEFAULT_CHUNK_BYTES = 65536;
  private static final Set<String> VALUED =
      Set.of("--msk", "--mac-key", "--signature-file", "--signature", "--chunk-size");
  private static final Set<String> FLAGS = Set.of("--gzip", "--chunked");

  private EnvelopeCommand() {}

  /** Runs {@code envelope} with the arguments after the word {@code envelope}. */
  public static int run(List<String> args, InputStream stdin, PrintStream stdout, PrintStream err) {
    if (args.isEmpty() || args.contains("--help") || args.contains("-h")) {
      (args.isEmpty() ? err : stdout).print(USAGE);
      return args.isEmpty() ? 2 : 0;
    }
    String verb = args.get(0);
    Map<String, String> opts = new HashMap<>();
    for (int i = 1; i < args.size(); i++) {
      String a = args.get(i);
      String value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        value = a.substring(eq + 1);
        a = a.substring(0, eq);
      }
      if (VALUED.contains(a)) {
        if (value == null) {
          if (i + 1 >= args.size()) {
            return usage(err, a + " needs a value");
          }
          value = args.get(++i);
        }
      } else if (!FLAGS.contains(a) || value != null) {
        // Echo option names only: a stray positional argument may be a key.
        return usage(err, a.startsWith("--") ? "unknown option " + a : "unexpected argument");
      }
      if (opts.put(a, value == null ? "" : value) != null) {
        return usage(err, a + " given twice");
      }
    }
    if (!opts.containsKey("--msk")) {
      return usage(err, "--msk is required");
    }
    if (verb.equals("seal")) {
      return seal(opts, stdin, stdout, err);
    } else if (verb.equals("open")) {
      return open(opts, stdin, stdout, err);
    }
    return usage(err, "unknown command (seal or open)");
  }

  @JdkOnly
  private static int seal(Map<String, String> o, InputStream in, PrintStream out, PrintStream err) {
    if (o.containsKey("--signature")) {
      return usage(err, "--signature is for open; seal takes --signature-file");
    }
    if (o.containsKey("--mac-key") != o.containsKey("--signature-file")) {
      return usage(err, "--mac-key and --signature-file go together");
    }
    if (o.containsKey("--chunk-size") && !o.containsKey("--chunked")) {
      return usage(err, "--chunk-size needs --chunked");
    }
    int chunkSize = DEFAULT_CHUNK_BYTES;
    if (o.containsKey("--chunk-size")) {
      try {
        chunkSize = Integer.parseInt(o.get("--chunk-size"));
      } catch (NumberFormatException e) {
        return usage(err, "--chunk-size is not a number");
      }
      if (chunkSize < 1 || chunkSize > EnvelopeOptions.MAX_CHUNK_BYTES) {
        return usage(err, "--chunk-size must be 1.." + EnvelopeOptions.MAX_CHUNK_BYTES);
      }
    }
    EnvelopeOptions.Builder options = EnvelopeOptions.builder();
    if (o.containsKey("--gzip")) {
      options.gzip();
    }
    if (o.containsKey("--chunked")) {
      options.chunked(chunkSize);
    }
    PayloadProtector keys = null;
    byte[] plaintext = null;
    try {
      keys = prepare(o);
      plaintext = in.readAllBytes();
      SealedPayload sealed = keys.seal(plaintext, options.build());
      byte[] bytes = sealed.body().getBytes(StandardCharsets.US_ASCII);
      if (o.containsKey("--mac-key")) {
        Files.write(
            Paths.get(o.get("--signature-file")),
            (sealed.signature() + "\n").getBytes(StandardCharsets.US_ASCII));
      }
      out.write(bytes);
      out.write('\n');
      out.flush();
      return out.checkError() ? fail(err, "cannot write stdout") : 0;
    } catch (UsageException e) {
      return usage(err, e.getMessage());
    } catch (IOException e) {
      return fail(err, "I/O error: " + e.getClass().getSimpleName());
    } finally {
      Bytes.wipe(plaintext);
      destroy(keys);
    }
  }

  private static int open(Map<String, String> o, InputStream in, PrintStream out, PrintStream err) {
    if (o.containsKey("--signature-file")
        || o.containsKey("--chunked")
        || o.containsKey("--chunk-size")) {
      return usage(err, "open takes --msk, --mac-key, --signature and --gzip only");
    }
    if (o.containsKey("--mac-key") != o.containsKey("--signature")) {
      return usage(err, "--mac-key and --signature go together");
    }
    EnvelopeOptions options =
        o.containsKey("--gzip")
            ? EnvelopeOptions.builder().gzip().build()
            : EnvelopeOptions.DEFAULTS;
    PayloadProtector keys = null;
    byte[] plaintext = null;
    try {
      keys = prepare(o);
      byte[] body = readBody(in, EnvelopeOptions.DEFAULT_MAX_BODY_BYTES);
      plaintext =
          o.containsKey("--mac-key")
              ? keys.open(body, o.get("--signature"), options)
              : keys.openUnauthenticated(body, options);
      out.write(plaintext);
      out.flush();
      return out.checkError() ? fail(err, "cannot write stdout") : 0;
    } catch (UsageException e) {
      return usage(err, e.getMessage());
    } catch (Tr31Exception e) {
      return fail(err, e.getMessage());
    } catch (IOException e) {
      return fail(err, "I/O error: " + e.getClass().getSimpleName());
    } finally {
      Bytes.wipe(plaintext);
      destroy(keys);
    }
  }

  /** Reads at most {@code max} body bytes plus one newline; drops one trailing LF or CRLF. */
  private static byte[] readBody(InputStream in, int max) throws IOException, Tr31FormatException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    long limit = (long) max + 2;
    while (bos.size() < limit) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, limit - bos.size()));
      if (n < 0) {
        break;
      }
      bos.write(buf, 0, n);
    }
    byte[] b = bos.toByteArray();
    int len = b.length;
    if (len > 0 && b[len - 1] == '\n') {
      len--;
      if (len > 0 && b[len - 1] == '\r') {
        len--;
      }
    }
    if (len > max) {
      throw new Tr31FormatException(ErrorCode.ENVELOPE_TOO_LARGE, -1, "stdin");
    }
    return len == b.length ? b : Arrays.copyOf(b, len);
  }

  /**
   * The MSK and the MAC key of {@code --msk} and {@code --mac-key}; without {@code --mac-key}, a
   * random MAC key that signs nothing anyone sees (see the class description).
   */
  private static PayloadProtector prepare(Map<String, String> o) throws UsageException {
    byte[] msk = null;
    byte[] mac = null;
    try {
      msk = Cli.key(o.get("--msk"), "--msk");
      if (msk.length != PayloadProtector.MSK_BYTES) {
        throw new UsageException("--msk must be 32 bytes (64 hex digits)");
      }
      if (o.containsKey("--mac-key")) {
        mac = Cli.key(o.get("--mac-key"), "--mac-key");
        if (mac.length < PayloadProtector.MIN_MAC_KEY_BYTES) {
          throw new UsageException("--mac-key must be at least 16 bytes");
        }
      } else {
        mac = new byte[32];
        new SecureRandom().nextBytes(mac);
      }
      return PayloadProtector.create(msk, mac);
    } finally {
      Bytes.wipe(msk, mac);
    }
  }

  private static void destroy(PayloadProtector keys) {
    if (keys != null) {
      keys.destroy();
    }
  }

  private static int usage(PrintStream err, String message) {
    err.println("tr31: " + message);
    err.print(USAGE);
    return 2;
  }

  private static int fail(PrintStream err, String message) {
    err.println("tr31: " + message);
    return 1;
  }
}
