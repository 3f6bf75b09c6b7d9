/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tr31.keyblock.KeyBlock;
import io.tr31.keyblock.KeyBlockProtectionKey;
import io.tr31.keyblock.KeyBlockVersion;
import io.tr31.Profile;
import io.tr31.Tr31Exception;
import io.tr31.keyblock.UnwrappedKey;
import io.tr31.internal.Bytes;
import io.tr31.internal.Hex;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/** {@code tr31 unwrap --kbpk K [KEYBLOCK]}: recovers a key, its KCVs and its header. */
final class UnwrapCommand {
  static final String HELP =
      String.join(
          "\n",
          "Usage: tr31 unwrap --kbpk K [--profile strict|lenient] [--json] [KEYBLOCK]",
          "",
          "Verifies and decrypts a key block; prints the key (hex), both KCVs and the header.",
          "Each tolerance of the lenient profile is a 'Warning: ' line on standard error.",
          "KEYBLOCK defaults to the first line of standard input.",
          "  --kbpk K     key block protection key: HEX, @FILE or env:NAME",
          "  --profile P  strict (X9.143, default) or lenient",
          "  --json       batch: one {\"key_block\",\"kbpk\"?,\"profile\"?} object per stdin line");

  private UnwrapCommand() {}

  static int run(List<String> args, InputStream in, PrintStream out, PrintStream err)
      throws UsageException, Tr31Exception, IOException {
    Options o = Options.parse(args, Set.of("--kbpk", "--profile"), Set.of("--json"), Set.of());
    Profile profile = Cli.profile(o.get("--profile"));
    byte[] defaultKbpk = o.has("--kbpk") ? Cli.key(o.get("--kbpk"), "--kbpk") : null;
    try {
      if (o.has("--json")) {
        Cli.noPositional(o);
        return JsonLines.run(
            in,
            out,
            Set.of("key_block", "kbpk", "profile"),
            new Request.Pins()
                .field("kbpk", "--kbpk", defaultKbpk)
                .field("profile", "--profile", o.get("--profile")),
            UnwrapCommand::unwrapJson);
      }
      if (defaultKbpk == null) {
        throw new UsageException("missing --kbpk");
      }
      String block = Cli.keyBlockArgument(o, in);
      try (UnwrappedKey key = unwrap(defaultKbpk, block, profile)) {
        // Everything is computed before anything is printed: a failure prints no key.
        String legacy = Cli.kcvHex(key, io.tr31.keyblock.KcvMethod.LEGACY);
        String cmac = Cli.kcvHex(key, io.tr31.keyblock.KcvMethod.CMAC);
        byte[] k = key.keyBytes();
        try {
          out.println("Key              " + Hex.encode(k));
        } finally {
          Bytes.wipe(k);
        }
        out.println("KCV (legacy)     " + (legacy == null ? "n/a" : legacy));
        out.println("KCV (CMAC)       " + (cmac == null ? "n/a" : cmac));
        // The header's tolerances are among the key's warnings: printed once, on standard error.
        HeaderOutput.text(key.header(), Collections.<String>emptyList(), out);
        HeaderOutput.warningsText(HeaderOutput.messages(key.warnings()), err);
      }
      return 0;
    } finally {
      Bytes.wipe(defaultKbpk);
    }
  }

  private static void unwrapJson(Request r, JsonGenerator g)
      throws Tr31Exception, RequestException, IOException {
    byte[] kbpk = r.key("kbpk");
    try (UnwrappedKey key = unwrap(kbpk, r.string("key_block"), Cli.requestProfile(r))) {
      byte[] k = key.keyBytes();
      try {
        g.writeStringField("key", Hex.encode(k));
      } finally {
        Bytes.wipe(k);
      }
      Cli.writeNullableString(g, "kcv_legacy", Cli.kcvHex(key, io.tr31.keyblock.KcvMethod.LEGACY));
      Cli.writeNullableString(g, "kcv_cmac", Cli.kcvHex(key, io.tr31.keyblock.KcvMethod.CMAC));
      HeaderOutput.json(key.header(), HeaderOutput.messages(key.warnings()), g);
    } finally {
      Bytes.wipe(kbpk);
    }
  }

  /**
   * Unwraps under {@code kbpk} prepared for the block's version: the block's structure is checked
   * first, then the KBPK's length (the operator's), then the cryptography.
   */
  static UnwrappedKey unwrap(byte[] kbpk, String block, Profile profile) throws Tr31Exception {
    KeyBlockVersion version = KeyBlock.parse(block, profile).header().version();
    try (KeyBlockProtectionKey k = KeyBlockProtectionKey.forVersion(version, kbpk, profile)) {
      return k.unwrap(block, profile);
    }
  }
}
