/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import io.tr31.KeyBlock;
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
    boolean pinned = o.get("--profile") != null;
    if (o.has("--json")) {
      Cli.noPositional(o);
      return JsonLines.run(
          in,
          out,
          (line, g) -> {
            Request r = Request.parse(line, Set.of("key_block", "profile"));
            Profile p = Cli.requestProfile(r, profile, pinned);
            KeyBlock block = KeyBlock.parse(r.string("key_block"), p);
            HeaderOutput.json(block.header(), block.warnings(), g);
          });
    }
    KeyBlock block = KeyBlock.parse(Cli.keyBlockArgument(o, in), profile);
    HeaderOutput.text(block.header(), block.warnings(), out);
    return 0;
  }
}
