/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tr31.Profile;
import io.tr31.Tr31Exception;
import io.tr31.internal.Bytes;
import io.tr31.internal.Hex;
import io.tr31.keyblock.UnwrappedKey;
import io.tr31.pin.PinFormat;
import io.tr31.pin.PinKey;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * {@code tr31 pin encipher|decipher|translate}: ISO 9564-1 PIN blocks under PIN keys given as key
 * blocks (src/docs/PIN.md).
 *
 * <h2>Security</h2>
 *
 * The key is always a key block plus its KBPK, unwrapped under the strict profile, so its header
 * (usage {@code P0}, mode, algorithm) is enforced. The PIN to encipher is read from standard input,
 * {@code env:NAME} or {@code @FILE}, never from an argument (the process list is public); in
 * {@code --json} mode it is a request field. A PIN is printed only as the result of {@code
 * decipher}, never in an error. Both paths share one handler per verb: the command line is one
 * request whose fields are all pinned. Stateless.
 */
final class PinCommand {
  static final String HELP =
      String.join(
          "\n",
          "Usage: tr31 pin encipher --key-block KB --kbpk K --format F [--pan PAN] [--pin SRC]",
          "       tr31 pin decipher --key-block KB --kbpk K --format F [--pan PAN] [PINBLOCK]",
          "       tr31 pin translate --from-key-block KB --from-kbpk K --from-format F",
          "                          --to-key-block KB --to-kbpk K --to-format F [--pan PAN]"
              + " [PINBLOCK]",
          "",
          "ISO 9564-1 PIN blocks (formats 0, 1, 3: TDES; 4: AES) under a P0 key given as a key",
          "block and its KBPK; the header decides: mode E enciphers, D deciphers, B both.",
          "  --format F   0, 1, 3 or 4; --pan is required except for format 1, which binds none",
          "  --pin SRC    encipher's PIN: - (standard input, the default), env:NAME or @FILE;",
          "               never the PIN itself",
          "  PINBLOCK     hex; defaults to the first line of standard input",
          "  translate    deciphers under the from key, enciphers under the to key; a PAN-bound",
          "               block (0, 3, 4) is never translated to format 1",
          "  --json       batch, one object per line (src/docs/CLI.md): encipher",
          "               {key_block,kbpk,format,pin,pan}, decipher {key_block,kbpk,format,",
          "               pin_block,pan}, translate {from:{key_block,kbpk,format},to:{...},",
          "               pin_block,pan}; an option given pins its field");

  private static final Set<String> ENCIPHER = Set.of("key_block", "kbpk", "format", "pin", "pan");
  private static final Set<String> DECIPHER =
      Set.of("key_block", "kbpk", "format", "pin_block", "pan");
  private static final Set<String> TRANSLATE = Set.of("from", "to", "pin_block", "pan");
  private static final Set<String> KEY = Set.of("key_block", "kbpk", "format");

  private PinCommand() {}

  static int run(List<String> args, InputStream in, PrintStream out)
      throws UsageException, Tr31Exception, IOException {
    String verb = args.isEmpty() ? "" : args.get(0);
    List<String> rest = args.subList(Math.min(1, args.size()), args.size());
    try {
      switch (verb) {
        case "encipher":
          return encipher(parse(rest, ""), in, out);
        case "decipher":
          return decipher(parse(rest, ""), in, out);
        case "translate":
          return translate(parse(rest, "from-", "to-"), in, out);
        default:
          throw new UsageException("pin needs encipher, decipher or translate");
      }
    } catch (RequestException e) {
      // The command line's own values are not a valid request: a usage error.
      throw new UsageException(e.getMessage());
    }
  }

  private static Options parse(List<String> args, String... prefixes) throws UsageException {
    java.util.Set<String> valued = new java.util.HashSet<>(Arrays.asList("--pan", "--pin"));
    for (String p : prefixes) {
      valued.addAll(Arrays.asList("--" + p + "key-block", "--" + p + "kbpk", "--" + p + "format"));
    }
    return Options.parse(args, valued, Set.of("--json"), Set.of());
  }

  private static int encipher(Options o, InputStream in, PrintStream out)
      throws UsageException, Tr31Exception, IOException, RequestException {
    Cli.noPositional(o);
    byte[] kbpk = kbpk(o, "");
    try {
      Request.Pins pins = keyPins(o, "", kbpk).field("pan", "--pan", o.get("--pan"));
      if (o.has("--json")) {
        if (o.has("--pin")) {
          throw new UsageException("--pin is not used with --json: each line has its pin");
        }
        return JsonLines.run(in, out, ENCIPHER, pins, PinCommand::encipherJson);
      }
      char[] pin = PinSource.read(o.get("--pin"), in);
      try {
        out.println(encipher(commandLine(ENCIPHER, pins), pin));
      } finally {
        Arrays.fill(pin, '\0');
      }
      return 0;
    } finally {
      Bytes.wipe(kbpk);
    }
  }

  private static int decipher(Options o, InputStream in, PrintStream out)
      throws UsageException, Tr31Exception, IOException, RequestException {
    byte[] kbpk = kbpk(o, "");
    try {
      Request.Pins pins = keyPins(o, "", kbpk).field("pan", "--pan", o.get("--pan"));
      if (o.has("--json")) {
        noPinOption(o);
        Cli.noPositional(o);
        return JsonLines.run(in, out, DECIPHER, pins, PinCommand::decipherJson);
      }
      noPinOption(o);
      pins.field("pin_block", "PINBLOCK", pinBlockArgument(o, in));
      char[] pin = decipher(commandLine(DECIPHER, pins));
      try {
        out.println(pin);
      } finally {
        Arrays.fill(pin, '\0');
      }
      return 0;
    } finally {
      Bytes.wipe(kbpk);
    }
  }

  private static int translate(Options o, InputStream in, PrintStream out)
      throws UsageException, Tr31Exception, IOException, RequestException {
    byte[] fromKbpk = kbpk(o, "from-");
    byte[] toKbpk = kbpk(o, "to-");
    try {
      Request.Pins from = keyPins(o, "from-", fromKbpk);
      Request.Pins to = keyPins(o, "to-", toKbpk);
      Request.Pins pins = new Request.Pins().field("pan", "--pan", o.get("--pan"));
      noPinOption(o);
      if (o.has("--json")) {
        Cli.noPositional(o);
        return JsonLines.run(
            in, out, TRANSLATE, pins, (r, g) -> translateJson(r, from, to, g));
      }
      pins.field("pin_block", "PINBLOCK", pinBlockArgument(o, in));
      out.println(translate(commandLine(TRANSLATE, pins), from, to));
      return 0;
    } finally {
      Bytes.wipe(fromKbpk, toKbpk);
    }
  }

  // ---- one handler per verb, for a line or for the command line ------------------------------

  private static String encipher(Request r, char[] pin) throws Tr31Exception, RequestException {
    PinFormat format = format(r);
    String pan = pan(r, format);
    try (PinKey key = pinKey(r)) {
      return Hex.encode(key.encipher(format, pin, pan));
    }
  }

  private static char[] decipher(Request r) throws Tr31Exception, RequestException {
    PinFormat format = format(r);
    String pan = pan(r, format);
    byte[] block = pinBlock(r);
    try (PinKey key = pinKey(r)) {
      return key.decipher(format, block, pan);
    }
  }

  private static String translate(Request r, Request.Pins fromPins, Request.Pins toPins)
      throws Tr31Exception, RequestException {
    // Both nested objects are checked against the operator's pins before any key is read.
    Request from = r.object("from", KEY, fromPins);
    Request to = r.object("to", KEY, toPins);
    PinFormat fromFormat = format(from);
    PinFormat toFormat = format(to);
    String pan =
        fromFormat == PinFormat.ISO_1 && toFormat == PinFormat.ISO_1
            ? pan(r, PinFormat.ISO_1)
            : r.string("pan");
    byte[] block = pinBlock(r);
    try (PinKey source = pinKey(from);
        PinKey target = pinKey(to)) {
      return Hex.encode(source.translate(fromFormat, block, pan, target, toFormat));
    }
  }

  private static void encipherJson(Request r, JsonGenerator g)
      throws Tr31Exception, RequestException, IOException {
    char[] pin = r.string("pin").toCharArray();
    try {
      g.writeStringField("pin_block", encipher(r, pin));
    } finally {
      Arrays.fill(pin, '\0');
    }
  }

  private static void decipherJson(Request r, JsonGenerator g)
      throws Tr31Exception, RequestException, IOException {
    char[] pin = decipher(r);
    try {
      g.writeFieldName("pin");
      g.writeString(pin, 0, pin.length);
    } finally {
      Arrays.fill(pin, '\0');
    }
  }

  private static void translateJson(
      Request r, Request.Pins from, Request.Pins to, JsonGenerator g)
      throws Tr31Exception, RequestException, IOException {
    g.writeStringField("pin_block", translate(r, from, to));
  }

  // ---- fields --------------------------------------------------------------------------------

  private static PinKey pinKey(Request r) throws Tr31Exception, RequestException {
    String block = r.string("key_block");
    byte[] kbpk = r.key("kbpk");
    try (UnwrappedKey key = UnwrapCommand.unwrap(kbpk, block, Profile.STRICT)) {
      return PinKey.from(key);
    } finally {
      Bytes.wipe(kbpk);
    }
  }

  private static PinFormat format(Request r) throws RequestException {
    Integer n = r.optInt("format");
    if (n == null) {
      r.string("format"); // reports the missing field
    }
    try {
      return PinFormat.of(n);
    } catch (IllegalArgumentException e) {
      throw new RequestException(Request.INVALID_REQUEST, "format is 0, 1, 3 or 4");
    }
  }

  /** The PAN a format needs; format 1 binds none, and a request giving one is refused. */
  private static String pan(Request r, PinFormat format) throws RequestException {
    if (format != PinFormat.ISO_1) {
      return r.string("pan");
    }
    if (r.optString("pan") != null) {
      throw new RequestException(Request.INVALID_REQUEST, "format 1 binds no PAN: omit pan");
    }
    return null;
  }

  private static byte[] pinBlock(Request r) throws Tr31Exception, RequestException {
    String hex = r.string("pin_block");
    return Hex.decode(hex, 0, hex.length(), false);
  }

  // ---- the command line as one request -------------------------------------------------------

  private static Request commandLine(Set<String> fields, Request.Pins pins)
      throws UsageException {
    try {
      return Request.parse("{}", fields, pins);
    } catch (RequestException e) {
      throw new UsageException(e.getMessage());
    }
  }

  private static byte[] kbpk(Options o, String prefix) throws UsageException {
    String option = "--" + prefix + "kbpk";
    return o.has(option) ? Cli.key(o.get(option), option) : null;
  }

  private static Request.Pins keyPins(Options o, String prefix, byte[] kbpk)
      throws UsageException {
    String format = "--" + prefix + "format";
    Long n = null;
    if (o.has(format)) {
      try {
        n = Long.valueOf(o.get(format));
      } catch (NumberFormatException e) {
        throw new UsageException(format + " is 0, 1, 3 or 4");
      }
    }
    return new Request.Pins()
        .field("key_block", "--" + prefix + "key-block", o.get("--" + prefix + "key-block"))
        .field("kbpk", "--" + prefix + "kbpk", kbpk)
        .field("format", format, n);
  }

  private static void noPinOption(Options o) throws UsageException {
    if (o.has("--pin")) {
      throw new UsageException("--pin is for encipher only");
    }
  }

  private static String pinBlockArgument(Options o, InputStream in)
      throws UsageException, IOException {
    try {
      return Cli.keyBlockArgument(o, in);
    } catch (UsageException e) {
      throw new UsageException(
          o.positional().size() > 1
              ? e.getMessage()
              : "no PINBLOCK argument and nothing on standard input");
    }
  }
}
