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
import io.tr31.keyblock.Rewrap;
import io.tr31.Tr31Exception;
import io.tr31.Tr31FormatException;
import io.tr31.keyblock.WrapOptions;
import io.tr31.keyblock.Exportability;
import io.tr31.keyblock.KeyBlockVersion;
import io.tr31.keyblock.KeyContext;
import io.tr31.keyblock.KeyUsage;
import io.tr31.keyblock.KeyVersion;
import io.tr31.keyblock.ModeOfUse;
import io.tr31.internal.Bytes;
import io.tr31.keyblock.KcvMethod;
import io.tr31.keyblock.KeyCheckValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * {@code tr31 rewrap}: re-wraps key blocks under a new KBPK and version ({@link Rewrap}), printing
 * the key's check values so that operators can confirm the migrated key.
 */
final class RewrapCommand {
  static final String HELP =
      String.join(
          "\n",
          "Usage: tr31 rewrap --from-kbpk K1 --to-kbpk K2 [--to-version V] [--profile P]",
          "                   [--header-override FIELD=VALUE]... [--allow-deprecated]",
          "                   [--to-storage-kbpk] [--json] [KEYBLOCK]",
          "",
          "Unwraps a key block under K1 and wraps its key under K2 in version V (default D),",
          "keeping usage, algorithm, mode of use, key version, exportability, key context and",
          "optional blocks (PB and KP recomputed). Refuses keys whose exportability is N, and",
          "storage-only keys (context 1) unless --to-storage-kbpk is given.",
          "Prints the new key block and the key's KCVs. KEYBLOCK defaults to the first stdin line.",
          "Each tolerance of the lenient profile is a 'Warning: ' line on standard error.",
          "  --from-kbpk K   KBPK of the block: HEX, @FILE or env:NAME (TDES for A/B/C/0, AES for",
          "                  D/E; 8-byte single DES for A/C/0 under --profile lenient)",
          "  --to-kbpk K     KBPK of the new block: HEX, @FILE or env:NAME",
          "  --to-version V  A, B, C, D (default) or E; A and C need --allow-deprecated",
          "  --profile P     how the source block is read: strict (default) or lenient",
          "  --header-override FIELD=VALUE  change a header field of the new block (repeatable):",
          "                  usage, mode, key-version, exportability, context",
          "  --allow-deprecated  allow writing the X9.143-deprecated versions A and C",
          "  --to-storage-kbpk   K2 is a local storage KBPK: re-wrap storage-only (context 1)",
          "                  blocks too (they stay context 1)",
          "  --json          batch: one"
              + " {\"key_block\",\"from_kbpk\"?,\"to_kbpk\"?,\"to_version\"?,",
          "                  \"profile\"?} object per stdin line; out {\"ok\":true,\"key_block\",",
          "                  \"kcv_cmac\",\"kcv_legacy\",\"warnings\"?}");

  private static final Set<String> FIELDS =
      Set.of("key_block", "from_kbpk", "to_kbpk", "to_version", "profile");

  private RewrapCommand() {}

  static int run(List<String> args, InputStream in, PrintStream out, PrintStream err)
      throws UsageException, Tr31Exception, IOException {
    Options o =
        Options.parse(
            args,
            Set.of("--from-kbpk", "--to-kbpk", "--to-version", "--profile", "--header-override"),
            Set.of("--json", "--allow-deprecated", "--to-storage-kbpk"),
            Set.of("--header-override"));
    Profile profile = Cli.profile(o.get("--profile"));
    KeyBlockVersion toVersion = version(o.get("--to-version"));
    UnaryOperator<KeyBlockHeader> override = override(o.all("--header-override"));
    boolean target = o.has("--to-storage-kbpk"); // the target KBPK is a storage key
    WrapOptions.Builder wrapOptions = WrapOptions.builder();
    if (o.has("--allow-deprecated")) {
      wrapOptions.allowDeprecatedVersions();
    }
    WrapOptions options = wrapOptions.build();
    byte[] from = o.has("--from-kbpk") ? Cli.key(o.get("--from-kbpk"), "--from-kbpk") : null;
    byte[] to = null;
    try {
      to = o.has("--to-kbpk") ? Cli.key(o.get("--to-kbpk"), "--to-kbpk") : null;
      if (o.has("--json")) {
        Cli.noPositional(o);
        Request.Pins pins =
            new Request.Pins()
                .field("from_kbpk", "--from-kbpk", from)
                .field("to_kbpk", "--to-kbpk", to)
                .field("to_version", "--to-version", o.get("--to-version"))
                .field("profile", "--profile", o.get("--profile"));
        return JsonLines.run(
            in, out, FIELDS, pins, (r, g) -> rewrapJson(r, g, override, target, options));
      }
      if (from == null) {
        throw new UsageException("missing --from-kbpk");
      }
      if (to == null) {
        throw new UsageException("missing --to-kbpk");
      }
      String block = Cli.keyBlockArgument(o, in);
      Rewrap.Result r = rewrap(block, from, to, toVersion, profile, override, target, options);
      out.println(r.keyBlock());
      out.println(
          "KCV (legacy)     " + r.kcv(KcvMethod.LEGACY).map(KeyCheckValue::hex).orElse("n/a"));
      out.println(
          "KCV (CMAC)       " + r.kcv(KcvMethod.CMAC).map(KeyCheckValue::hex).orElse("n/a"));
      // As unwrap: every tolerance the lenient profile used to read the source, on standard error.
      HeaderOutput.warningsText(HeaderOutput.messages(r.warnings()), err);
      return 0;
    } finally {
      Bytes.wipe(from, to);
    }
  }

  private static void rewrapJson(
      Request r,
      JsonGenerator g,
      UnaryOperator<KeyBlockHeader> override,
      boolean target,
      WrapOptions options)
      throws Tr31Exception, RequestException, IOException {
    KeyBlockVersion toVersion;
    try {
      toVersion = version(r.optString("to_version"));
    } catch (UsageException e) {
      throw new RequestException(Request.INVALID_REQUEST, "to_version is A, B, C, D or E");
    }
    Profile profile = Cli.requestProfile(r);
    String block = r.string("key_block");
    byte[] from = null;
    byte[] to = null;
    try {
      from = r.key("from_kbpk");
      to = r.key("to_kbpk");
      Rewrap.Result result = rewrap(block, from, to, toVersion, profile, override, target, options);
      g.writeStringField("key_block", result.keyBlock());
      Cli.writeNullableString(g, "kcv_cmac", hex(result.kcv(KcvMethod.CMAC)));
      Cli.writeNullableString(g, "kcv_legacy", hex(result.kcv(KcvMethod.LEGACY)));
      HeaderOutput.warningsJson(HeaderOutput.messages(result.warnings()), g);
    } finally {
      Bytes.wipe(from, to);
    }
  }

  private static Rewrap.Result rewrap(
      String block,
      byte[] fromKbpk,
      byte[] toKbpk,
      KeyBlockVersion toVersion,
      Profile profile,
      UnaryOperator<KeyBlockHeader> override,
      boolean target,
      WrapOptions options)
      throws Tr31Exception {
    KeyBlockVersion fromVersion = KeyBlock.parse(block, profile).header().version();
    try (KeyBlockProtectionKey from =
            KeyBlockProtectionKey.forVersion(fromVersion, fromKbpk, profile);
        KeyBlockProtectionKey to =
            KeyBlockProtectionKey.forVersion(toVersion, toKbpk, Profile.STRICT)) {
      Rewrap.Builder b =
          Rewrap.builder(from, to)
              .toVersion(toVersion)
              .headerOverride(override)
              .wrapOptions(options);
      if (target) {
        b.targetIsStorageKey();
      }
      return b.build().rewrap(block, profile);
    }
  }

  private static KeyBlockVersion version(String code) throws UsageException {
    if (code == null) {
      return KeyBlockVersion.D;
    }
    KeyBlockVersion v = byCode(KeyBlockVersion.values(), KeyBlockVersion::code, code);
    if (v == null || v == KeyBlockVersion.THALES_0) {
      throw new UsageException("--to-version is A, B, C, D or E");
    }
    return v;
  }

  /** A key version from the command line: {@link KeyVersion#of}'s refusal as a format error. */
  private static KeyVersion keyVersion(String value) throws Tr31FormatException {
    try {
      return KeyVersion.of(value);
    } catch (IllegalArgumentException e) {
      throw new Tr31FormatException(ErrorCode.INVALID_KEY_VERSION, 0);
    }
  }

  /** The constant whose header code is {@code code}, or null: header enums have no public lookup. */
  private static <E> E byCode(E[] values, Function<E, String> code, String value) {
    for (E e : values) {
      if (code.apply(e).equals(value) && !value.isEmpty()) {
        return e;
      }
    }
    return null;
  }

  private static <E> E field(E[] values, Function<E, String> code, String value, ErrorCode bad)
      throws Tr31FormatException {
    E e = byCode(values, code, value);
    if (e == null) {
      throw new Tr31FormatException(bad, 0);
    }
    return e;
  }

  /** Parses {@code FIELD=VALUE} overrides into one function; every value checked here. */
  static UnaryOperator<KeyBlockHeader> override(List<String> specs) throws UsageException {
    List<UnaryOperator<KeyBlockHeader.Builder>> steps = new ArrayList<>();
    for (String spec : specs) {
      int eq = spec.indexOf('=');
      if (eq < 0) {
        throw new UsageException("--header-override takes FIELD=VALUE");
      }
      String field = spec.substring(0, eq);
      String value = spec.substring(eq + 1);
      try {
        switch (field) {
          case "usage":
            KeyUsage u =
                field(KeyUsage.values(), KeyUsage::code, value, ErrorCode.INVALID_KEY_USAGE);
            steps.add(b -> b.keyUsage(u));
            break;
          case "mode":
            ModeOfUse m =
                field(ModeOfUse.values(), ModeOfUse::code, value, ErrorCode.INVALID_MODE_OF_USE);
            steps.add(b -> b.modeOfUse(m));
            break;
          case "key-version":
            KeyVersion kv = keyVersion(value);
            steps.add(b -> b.keyVersion(kv));
            break;
          case "exportability":
            Exportability e =
                field(
                    Exportability.values(),
                    Exportability::code,
                    value,
                    ErrorCode.INVALID_EXPORTABILITY);
            steps.add(b -> b.exportability(e));
            break;
          case "context":
            KeyContext c =
                field(KeyContext.values(), KeyContext::code, value, ErrorCode.INVALID_KEY_CONTEXT);
            steps.add(b -> b.keyContext(c));
            break;
          default:
            throw new UsageException(
                "--header-override field is usage, mode, key-version, exportability or context");
        }
      } catch (Tr31FormatException e) {
        throw new UsageException("--header-override " + field + ": " + e.code().description());
      }
    }
    if (steps.isEmpty()) {
      return UnaryOperator.identity();
    }
    return h -> {
      KeyBlockHeader.Builder b = h.toBuilder();
      for (UnaryOperator<KeyBlockHeader.Builder> step : steps) {
        b = step.apply(b);
      }
      return b.build();
    };
  }

  private static String hex(Optional<KeyCheckValue> kcv) {
    return kcv.map(KeyCheckValue::hex).orElse(null);
  }
}
