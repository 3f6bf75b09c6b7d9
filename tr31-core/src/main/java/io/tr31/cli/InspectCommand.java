/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import io.tr31.keyblock.KeyBlock;
import io.tr31.Profile;
import io.tr31.Tr31Exception;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** {@code tr31 inspect [KEYBLOCK]}: decodes a key block's header without any key. */
final class InspectCommand {
  static final String HELP =
      String.join(
          "\n",
          "Usage: tr31 inspect [--profile strict|lenient] [--json] [KEYBLOCK]",
          "",
          "Decodes the header and optional blocks of a key block; no key is needed.",
          "KEYBLOCK defaults to the first line of standard input.",
          "  --profile P  strict (X9.143, default) or lenient (documented field deviations)",
          "  --json       batch: one {\"key_block\": ...} object per stdin line, one result per"
              + " line");

  private InspectCommand() {}

  static int run(List<String> args, InputStream in, PrintStream out)
      throws UsageException, Tr31Exception, IOException {
    Options o = Options.parse(args, Set.of("--profile"), Set.of("--json"), Set.of());
    Profile profile = Cli.profile(o.get("--profile"));
    if (o.has("--json")) {
      Cli.noPositional(o);
      return JsonLines.run(
          in,
          out,
          Set.of("key_block", "profile"),
          new Request.Pins().field("profile", "--profile", o.get("--profile")),
          (r, g) -> {
            KeyBlock block = KeyBlock.parse(r.string("key_block"), Cli.requestProfile(r));
            HeaderOutput.json(block.header(), block.warnings(), g);
          });
    }
    KeyBlock block = KeyBlock.parse(Cli.keyBlockArgument(o, in), profile);
    HeaderOutput.text(block.header(), block.warnings(), out);
    return 0;
  }
}
