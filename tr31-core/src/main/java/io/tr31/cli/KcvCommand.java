/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tr31.Tr31Exception;
import io.tr31.keyblock.KeyAlgorithm;
import io.tr31.internal.Bytes;
import io.tr31.keyblock.KcvMethod;
import io.tr31.keyblock.KeyCheckValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;

/** {@code tr31 kcv}: the check value of a key (ANSI X9.24-1:2017 Annex A). */
final class KcvCommand {
  static final String HELP =
      String.join(
          "\n",
          "Usage: tr31 kcv --algorithm AES|TDES --key K [--method legacy|cmac] [--length N]"
              + " [--json]",
          "",
          "Computes a key check value.",
          "  --algorithm A  AES or TDES",
          "  --key K        the key: HEX, @FILE or env:NAME",
          "  --method M     legacy (encrypt a zero block) or cmac; default cmac for AES, legacy for"
              + " TDES",
          "  --length N     bytes to keep: 1-3 for legacy (default 3), 1-5 for cmac (default 5)",
          "  --json         batch: one {\"algorithm\",\"method\"?,\"key\",\"length\"?} object per"
              + " line");

  private static final Set<String> FIELDS = Set.of("algorithm", "method", "key", "length");

  private KcvCommand() {}

  static int run(List<String> args, InputStream in, PrintStream out)
      throws UsageException, Tr31Exception, IOException {
    Options o =
        Options.parse(
            args,
            Set.of("--algorithm", "--key", "--method", "--length"),
            Set.of("--json"),
            Set.of());
    Cli.noPositional(o);
    Integer length = null;
    if (o.has("--length")) {
      try {
        length = Integer.valueOf(o.get("--length"));
      } catch (NumberFormatException e) {
        throw new UsageException("--length takes a number");
      }
    }
    byte[] key = o.has("--key") ? Cli.key(o.get("--key"), "--key") : null;
    try {
      if (o.has("--json")) {
        Request.Pins pins =
            new Request.Pins()
                .field("algorithm", "--algorithm", o.get("--algorithm"))
                .field("method", "--method", o.get("--method"))
                .field("key", "--key", key)
                .field("length", "--length", length == null ? null : Long.valueOf(length));
        return JsonLines.run(in, out, FIELDS, pins, KcvCommand::kcvJson);
      }
      if (key == null) {
        throw new UsageException("missing --key");
      }
      out.println(compute(o.require("--algorithm"), o.get("--method"), key, length));
      return 0;
    } catch (RequestException e) {
      throw new UsageException(e.getMessage());
    } finally {
      Bytes.wipe(key);
    }
  }

  private static void kcvJson(Request r, JsonGenerator g)
      throws Tr31Exception, RequestException, IOException {
    String algorithm = r.string("algorithm");
    byte[] key = r.key("key");
    try {
      g.writeStringField("kcv", compute(algorithm, r.optString("method"), key, r.optInt("length")));
    } finally {
      Bytes.wipe(key);
    }
  }

  private static String compute(String algorithmName, String methodName, byte[] key, Integer length)
      throws Tr31Exception, RequestException {
    KeyAlgorithm algorithm;
    switch (algorithmName) {
      case "AES":
        algorithm = KeyAlgorithm.AES;
        break;
      case "TDES":
        algorithm = KeyAlgorithm.TDES;
        break;
      default:
        throw new RequestException(Request.INVALID_REQUEST, "algorithm is AES or TDES");
    }
    KcvMethod method = WrapCommand.kcvMethod(methodName, "method");
    if (method == null) {
      method = algorithm == KeyAlgorithm.AES ? KcvMethod.CMAC : KcvMethod.LEGACY;
    }
    int n = length == null ? method.maxLengthBytes() : length;
    if (n < 1 || n > method.maxLengthBytes()) {
      throw new RequestException(
          Request.INVALID_REQUEST,
          "length is 1 to "
              + method.maxLengthBytes()
              + " for "
              + method.name().toLowerCase(java.util.Locale.ROOT));
    }
    return KeyCheckValue.compute(algorithm, key, method, n).hex();
  }
}
