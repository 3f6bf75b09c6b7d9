/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import io.tr31.Tr31Exception;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the {@code tr31} command line.
 *
 * <p>Exit status: 0 success, 1 a data error (the input was refused), 2 a usage error. Errors go to
 * standard error, results to standard output. In {@code --json} batch mode every input line gets
 * one output line, errors included, and the exit status is 0 once the input is exhausted.
 */
public final class Main {
  static final String HELP =
      String.join(
          "\n",
          "Usage: tr31 COMMAND [OPTIONS]",
          "",
          "ANSI X9.143 / TR-31 key blocks, key check values and the TR31-DATA envelope.",
          "",
          "Commands:",
          "  inspect   decode a key block's header (no key needed)",
          "  unwrap    verify and decrypt a key block",
          "  wrap      build a key block",
          "  rewrap    re-wrap a key block under a new KBPK and version (migration)",
          "  kcv       compute a key check value",
          "  envelope  seal or open a TR31-DATA payload envelope (seal|open)",
          "  keyset    issue or install the POS terminal key set of POST /pos/keys (issue|install)",
          "  pin       encipher, decipher or translate ISO 9564-1 PIN blocks (encipher|decipher|"
              + "translate)",
          "  demo      run the whole POS flow: issue, install, seal and sign, open and verify",
          "",
          "Run 'tr31 COMMAND --help' for a command's options. Exit status: 0 ok, 1 data error, 2"
              + " usage error.",
          "With --json, an option given on the command line pins its request field: a line that",
          "names it is refused (INVALID_REQUEST), a line that omits it uses the option's value.");

  private Main() {}

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  /** Runs the command line; returns the exit status. */
  static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println(HELP);
      return 2;
    }
    String command = args[0];
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    try {
      if (command.equals("--help") || command.equals("-h") || command.equals("help")) {
        out.println(HELP);
        return 0;
      }
      if (command.equals("envelope")) {
        // The envelope command has sub-commands and prints its own help and errors.
        return EnvelopeCommand.run(rest, in, out, err);
      }
      String help = help(command);
      if (help == null) {
        throw new UsageException("unknown command" + echo(command));
      }
      if (rest.contains("--help") || rest.contains("-h")) {
        out.println(help);
        return 0;
      }
      switch (command) {
        case "inspect":
          return InspectCommand.run(rest, in, out);
        case "unwrap":
          return UnwrapCommand.run(rest, in, out, err);
        case "wrap":
          return WrapCommand.run(rest, in, out);
        case "kcv":
          return KcvCommand.run(rest, in, out);
        case "rewrap":
          return RewrapCommand.run(rest, in, out, err);
        case "keyset":
          return KeySetCommand.run(rest, in, out);
        case "pin":
          return PinCommand.run(rest, in, out);
        case "demo":
          return DemoCommand.run(rest, out);
        default:
          throw new UsageException("unknown command" + echo(command));
      }
    } catch (UsageException e) {
      err.println("tr31: " + e.getMessage());
      err.println("Run 'tr31 --help' for usage.");
      return 2;
    } catch (Tr31Exception e) {
      err.println("tr31: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("tr31: I/O error: " + e.getClass().getSimpleName());
      return 1;
    }
  }

  /** Echoes a mistyped command only if it looks like one: it may be a misplaced key. */
  private static String echo(String command) {
    return command.matches("[a-z-]{1,20}") ? " " + command : "";
  }

  private static String help(String command) {
    switch (command) {
      case "inspect":
        return InspectCommand.HELP;
      case "unwrap":
        return UnwrapCommand.HELP;
      case "wrap":
        return WrapCommand.HELP;
      case "kcv":
        return KcvCommand.HELP;
      case "rewrap":
        return RewrapCommand.HELP;
      case "keyset":
        return KeySetCommand.HELP;
      case "pin":
        return PinCommand.HELP;
      case "demo":
        return DemoCommand.HELP;
      default:
        return null;
    }
  }
}
