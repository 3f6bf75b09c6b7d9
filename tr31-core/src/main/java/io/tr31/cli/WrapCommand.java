/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tr31.ErrorCode;
import io.tr31.keyblock.KeyBlock;
import io.tr31.keyblock.KeyBlockHeader;
import io.tr31.keyblock.KeyBlockProtectionKey;
import io.tr31.Profile;
import io.tr31.Tr31Exception;
import io.tr31.Tr31FormatException;
import io.tr31.keyblock.WrapOptions;
import io.tr31.internal.Bytes;
import io.tr31.keyblock.KcvMethod;
import io.tr31.keyblock.OptionalBlock;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code tr31 wrap}: builds a key block from a header template and a key. */
final class WrapCommand {
  static final String HELP =
      String.join(
          "\n",
          "Usage: tr31 wrap --kbpk K --header H --key K [--opt ID=DATA]... [--kc legacy|cmac]",
          "                 [--kp legacy|cmac] [--no-key-length-obfuscation] [--allow-deprecated]",
          "                 [--json]",
          "",
          "Wraps a key. The header's length, optional block count and PB block are computed.",
          "  --kbpk K      key block protection key: HEX, @FILE or env:NAME",
          "  --header H    header template, e.g. D0000P0AE00E0000 (versions A, B, C, D, E)",
          "  --key K       the key to wrap: HEX, @FILE or env:NAME",
          "  --opt ID=DATA an optional block (repeatable, in order); adds a block, never",
          "                replaces one of the header's",
          "  --kc M        add a KC block: check value of the key (legacy or cmac)",
          "  --kp M        add a KP block: check value of the KBPK (legacy or cmac)",
          "  --no-key-length-obfuscation  pad the key to the cipher block only",
          "  --allow-deprecated  allow versions A and C (deprecated by X9.143)",
          "  --json        batch: one {\"kbpk\",\"header\",\"key\",\"optional_blocks\"?,\"kc\"?,",
          "                \"kp\"?} object per stdin line; an option given here pins its field",
          "                (a line may not name it); the two options above are command-line only");

  private WrapCommand() {}

  private static final Set<String> FIELDS =
      Set.of(
          "kbpk",
          "header",
          "key",
          "optional_blocks",
          "kc",
          "kp",
          "key_length_obfuscation",
          "allow_deprecated");

  static int run(List<String> args, InputStream in, PrintStream out)
      throws UsageException, Tr31Exception, IOException {
    Options o =
        Options.parse(
            args,
            Set.of("--kbpk", "--header", "--key", "--opt", "--kc", "--kp"),
            Set.of("--json", "--no-key-length-obfuscation", "--allow-deprecated"),
            Set.of("--opt"));
    Cli.noPositional(o);
    List<String[]> opts = optPairs(o.all("--opt"));
    KcvMethod kc = kcvOption(o, "--kc");
    KcvMethod kp = kcvOption(o, "--kp");
    if (o.has("--json")) {
      byte[] kbpk = o.has("--kbpk") ? Cli.key(o.get("--kbpk"), "--kbpk") : null;
      byte[] key = null;
      try {
        key = o.has("--key") ? Cli.key(o.get("--key"), "--key") : null;
        Request.Pins pins =
            new Request.Pins()
                .field("kbpk", "--kbpk", kbpk)
                .field("key", "--key", key)
                .field("header", "--header", o.get("--header"))
                .field("optional_blocks", "--opt", opts.isEmpty() ? null : opts)
                .field("kc", "--kc", o.get("--kc"))
                .field("kp", "--kp", o.get("--kp"))
                // The secure defaults are the operator's alone (review 4, finding 6): a line may
                // neither switch length obfuscation off nor allow versions A and C.
                .commandLineOnly(
                    "key_length_obfuscation",
                    "--no-key-length-obfuscation",
                    !o.has("--no-key-length-obfuscation"))
                .commandLineOnly(
                    "allow_deprecated", "--allow-deprecated", o.has("--allow-deprecated"));
        return JsonLines.run(in, out, FIELDS, pins, WrapCommand::wrapJson);
      } finally {
        Bytes.wipe(kbpk, key);
      }
    }
    WrapOptions options =
        options(kc, kp, !o.has("--no-key-length-obfuscation"), o.has("--allow-deprecated"));
    KeyBlockHeader header;
    try {
      header = header(o.require("--header"), blocks(opts), kc, kp, false);
    } catch (RequestException e) {
      throw new UsageException(e.getMessage());
    }
    byte[] kbpk = Cli.key(o.require("--kbpk"), "--kbpk");
    byte[] key = null;
    try {
      key = Cli.key(o.require("--key"), "--key");
      out.println(wrap(kbpk, header, key, options));
      return 0;
    } finally {
      Bytes.wipe(kbpk, key);
    }
  }

  private static void wrapJson(Request r, JsonGenerator g)
      throws Tr31Exception, RequestException, IOException {
    KcvMethod kc = kcvMethod(r.optString("kc"), "kc");
    KcvMethod kp = kcvMethod(r.optString("kp"), "kp");
    KeyBlockHeader header =
        header(r.string("header"), blocks(r.optPairs("optional_blocks")), kc, kp, true);
    // Always pinned (Pins.commandLineOnly): the command line's choice or the secure default.
    WrapOptions options =
        options(
            kc, kp, r.optBoolean("key_length_obfuscation"), r.optBoolean("allow_deprecated"));
    byte[] kbpk = null;
    byte[] key = null;
    try {
      kbpk = r.key("kbpk");
      key = r.key("key");
      g.writeStringField("key_block", wrap(kbpk, header, key, options));
    } finally {
      Bytes.wipe(kbpk, key);
    }
  }

  /** {@code --opt ID=DATA} options as {@code [ID, DATA]} pairs, the form of a request's list. */
  private static List<String[]> optPairs(List<String> specs) throws UsageException {
    List<String[]> pairs = new ArrayList<>();
    for (String opt : specs) {
      int eq = opt.indexOf('=');
      if (eq < 0) {
        throw new UsageException("--opt takes ID=DATA");
      }
      pairs.add(new String[] {opt.substring(0, eq), opt.substring(eq + 1)});
    }
    return pairs;
  }

  private static List<OptionalBlock> blocks(List<String[]> pairs) throws Tr31Exception {
    List<OptionalBlock> blocks = new ArrayList<>();
    for (String[] pair : pairs) {
      blocks.add(OptionalBlock.parse(pair[0], pair[1]));
    }
    return blocks;
  }

  private static KcvMethod kcvOption(Options o, String option) throws UsageException {
    try {
      return kcvMethod(o.get(option), option);
    } catch (RequestException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /**
   * The header template with {@code blocks} appended, checked for the KC and KP blocks {@code kc}
   * and {@code kp} will add. Blocks are added, never replaced: a block whose ID the template (or an
   * earlier block) already has is refused, naming the ID and the field or option ({@code json}
   * says which), never the data. So a batch line cannot rewrite the WP, HM, KC or any other block
   * of a {@code --header} the operator pinned (review 4, finding 1); one rule for the options too.
   */
  private static KeyBlockHeader header(
      String headerTemplate, List<OptionalBlock> blocks, KcvMethod kc, KcvMethod kp, boolean json)
      throws Tr31Exception, RequestException {
    KeyBlockHeader header = KeyBlockHeader.parse(headerTemplate, Profile.STRICT);
    int length = header.toString().length();
    for (OptionalBlock b : blocks) {
      length += b.toString().length(); // the encoded block
    }
    if (header.optionalBlocks().size() + blocks.size() > KeyBlockHeader.MAX_OPTIONAL_BLOCKS
        || length > KeyBlock.MAX_LENGTH) {
      throw new Tr31FormatException(
          ErrorCode.TOO_MANY_OPTIONAL_BLOCKS, -1, "the optional blocks leave no room for the key");
    }
    for (OptionalBlock b : blocks) {
      addOnly(header, b.id(), json ? "optional_blocks" : "--opt");
      header = header.toBuilder().optionalBlock(b).build();
    }
    if (kc != null) {
      addOnly(header, "KC", json ? "kc" : "--kc");
    }
    if (kp != null) {
      addOnly(header, "KP", json ? "kp" : "--kp");
    }
    return header;
  }

  private static void addOnly(KeyBlockHeader header, String id, String source)
      throws RequestException {
    if (header.optionalBlocks().stream().anyMatch(b -> b.id().equals(id))) {
      throw new RequestException(
          Request.INVALID_REQUEST,
          source + ": the header already has a " + id + " block (blocks are only added)");
    }
  }

  /** Wraps under {@code kbpk} prepared for the header's version (its length is the operator's). */
  private static String wrap(byte[] kbpk, KeyBlockHeader header, byte[] key, WrapOptions options)
      throws Tr31Exception {
    try (KeyBlockProtectionKey k =
        KeyBlockProtectionKey.forVersion(header.version(), kbpk, Profile.STRICT)) {
      return k.wrap(header, key, options);
    }
  }

  private static WrapOptions options(
      KcvMethod kc, KcvMethod kp, boolean obfuscate, boolean allowDeprecated) {
    WrapOptions.Builder b = WrapOptions.builder();
    if (allowDeprecated) {
      b.allowDeprecatedVersions();
    }
    if (kc != null) {
      b.keyKcv(kc);
    }
    if (kp != null) {
      b.kbpkKcv(kp);
    }
    if (!obfuscate) {
      b.exactKeyLength();
    }
    return b.build();
  }

  static KcvMethod kcvMethod(String name, String field) throws RequestException {
    if (name == null) {
      return null;
    }
    switch (name) {
      case "legacy":
        return KcvMethod.LEGACY;
      case "cmac":
        return KcvMethod.CMAC;
      default:
        throw new RequestException(Request.INVALID_REQUEST, field + " is legacy or cmac");
    }
  }
}
