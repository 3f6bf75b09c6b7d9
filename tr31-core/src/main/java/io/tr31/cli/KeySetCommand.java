/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import io.tr31.Tr31Exception;
import io.tr31.internal.Bytes;
import io.tr31.terminal.InstalledKeySet;
import io.tr31.terminal.IssueRequest;
import io.tr31.terminal.IssuedKeySet;
import io.tr31.terminal.KeySetInstaller;
import io.tr31.terminal.KeySetIssuer;
import io.tr31.terminal.Slot;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

/**
 * {@code tr31 keyset issue|install}: the POS key set of {@code POST /pos/keys}
 * (src/docs/KEYSET.md).
 *
 * <h2>Security</h2>
 *
 * {@code issue} prints only the response body (key blocks, ids, times, KCVs): the clear keys are
 * generated, wrapped and wiped inside the process. {@code install} prints the slots, key ids, KCVs
 * and validity, never a key; the installed keys are destroyed before it returns. Errors name the
 * slot and the reason. Stateless: {@link #run} is safe to call from several threads.
 *
 * @since 0.1.0
 */
final class KeySetCommand {
  static final String HELP =
      String.join(
          "\n",
          "Usage: tr31 keyset issue --zmk K [--key-set-id ID] [--valid-days N]",
          "       tr31 keyset install --zmk K [--at TIME] [--clock-skew S] [FILE|-]",
          "",
          "issue    the server side of POST /pos/keys: generates TMK, KEK, MSK, TPK, TDK (AES-256)",
          "         and MAC (HMAC-SHA256), wraps TMK under the ZMK, KEK under the TMK and the"
              + " others",
          "         under the KEK (TR-31 version D), prints the response JSON on one line.",
          "install  the terminal side: reads the response (FILE, or standard input for - or none),",
          "         verifies every block, header, binding and KCV, checks the validity window and",
          "         prints a summary; exit 1 naming the slot and the reason if anything is wrong.",
          "  --zmk K          the zone master key, AES-256: HEX, @FILE or env:NAME",
          "  --key-set-id ID  default ks- and 8 random hex digits; key ids follow (tmk-...)",
          "  --valid-days N   1-36500, default 365",
          "  --at TIME        check the validity window at TIME (RFC 3339, e.g.",
          "                   2026-01-01T00:00:00Z) instead of now",
          "  --clock-skew S   accept a set issued up to S seconds after the clock (0-3600,",
          "                   default 300: a terminal clock a little slow); expiry stays exact",
          "Exit status: 0 ok, 1 refused, 2 usage error.");

  private KeySetCommand() {}

  static int run(List<String> args, InputStream in, PrintStream out)
      throws UsageException, Tr31Exception, IOException {
    if (args.isEmpty()) {
      throw new UsageException("keyset needs issue or install");
    }
    String verb = args.get(0);
    List<String> rest = args.subList(1, args.size());
    if (verb.equals("issue")) {
      return issue(
          Options.parse(rest, Set.of("--zmk", "--key-set-id", "--valid-days"), Set.of(), Set.of()),
          out);
    }
    if (verb.equals("install")) {
      return install(
          Options.parse(rest, Set.of("--zmk", "--at", "--clock-skew"), Set.of(), Set.of()),
          in,
          out);
    }
    throw new UsageException("keyset needs issue or install");
  }

  private static int issue(Options o, PrintStream out) throws UsageException {
    Cli.noPositional(o);
    IssueRequest.Builder b = IssueRequest.builder();
    String id = o.get("--key-set-id");
    if (id != null) {
      try {
        b.keySetId(id);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--key-set-id is 1-64 characters of A-Z a-z 0-9 . _ -");
      }
    }
    if (o.has("--valid-days")) {
      b.validity(Duration.ofDays(days(o.get("--valid-days"))));
    }
    byte[] zmk = zmkBytes(o);
    KeySetIssuer issuer = KeySetIssuer.prepare(zmk);
    Bytes.wipe(zmk);
    try (KeySetIssuer i = issuer;
        IssueRequest request = b.build();
        IssuedKeySet set = i.issue(request)) {
      out.println(set.json());
      return 0;
    }
  }

  private static long days(String s) throws UsageException {
    try {
      long d = Long.parseLong(s);
      if (d >= 1 && d <= 36500) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("--valid-days is a number of days, 1-36500");
  }

  private static long skewSeconds(String s) throws UsageException {
    long max = KeySetInstaller.MAX_NOT_BEFORE_ALLOWANCE.getSeconds();
    try {
      long seconds = Long.parseLong(s);
      if (seconds >= 0 && seconds <= max) {
        return seconds;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("--clock-skew is a number of seconds, 0-" + max);
  }

  private static int install(Options o, InputStream in, PrintStream out)
      throws UsageException, Tr31Exception, IOException {
    String file = o.optionalPositional();
    Clock clock = Clock.systemUTC();
    if (o.has("--at")) {
      try {
        clock = Clock.fixed(Instant.parse(o.get("--at")), ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw new UsageException("--at is an RFC 3339 time such as 2026-01-01T00:00:00Z");
      }
    }
    KeySetInstaller.Builder builder = KeySetInstaller.builder().clock(clock);
    if (o.has("--clock-skew")) {
      builder.notBeforeAllowance(Duration.ofSeconds(skewSeconds(o.get("--clock-skew"))));
    }
    byte[] zmk = zmkBytes(o);
    byte[] json = read(file, in);
    KeySetInstaller installer = builder.build(zmk);
    Bytes.wipe(zmk);
    try (KeySetInstaller i = installer;
        InstalledKeySet keys = i.install(json)) {
      printSummary(keys, clock.instant(), out);
      return 0;
    }
  }

  /** Prints slots, key ids, headers, verified KCVs and the validity window; never a key. */
  static void printSummary(InstalledKeySet keys, Instant now, PrintStream out) {
    out.println("Key set    " + keys.keySetId());
    out.println(
        "Valid      "
            + keys.issuedAt()
            + " .. "
            + keys.expiresAt()
            + " (checked at "
            + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
            + ")");
    out.println("Slot  Key id              Under  Header            KCV");
    for (Slot s : Slot.values()) {
      String h = keys.header(s).toString();
      String attributes = h.substring(5, 12) + " " + h.substring(14, 16);
      out.println(
          String.format(
              "%-5s %-19s %-6s %-17s %s verified",
              s.jsonName(), keys.keyId(s), parentName(s), attributes, keys.kcv(s).hex()));
    }
    out.println("Installed: 6 keys, 6 KCVs verified (AES encryption of a zero block, 3 bytes).");
  }

  /** The parent key of a slot as the documentation writes it: ZMK, TMK, KEK. */
  static String parentName(Slot s) {
    return s.parent().map(Slot::name).orElse("ZMK");
  }

  @JdkOnly
  private static byte[] read(String file, InputStream in) throws UsageException, IOException {
    // One byte more than accepted, so that an oversize body is refused as too large.
    int limit = KeySetInstaller.MAX_RESPONSE_BYTES + 1;
    if (file == null || file.equals("-")) {
      return in.readNBytes(limit);
    }
    Path p = Paths.get(file);
    if (!Files.isRegularFile(p)) {
      throw new UsageException("cannot read the key set file");
    }
    try (InputStream f = Files.newInputStream(p)) {
      return f.readNBytes(limit);
    }
  }

  private static byte[] zmkBytes(Options o) throws UsageException {
    byte[] zmk = Cli.key(o.require("--zmk"), "--zmk");
    if (zmk.length != Slot.KEY_BYTES) {
      Bytes.wipe(zmk);
      throw new UsageException("--zmk must be AES-256 (64 hex digits)");
    }
    return zmk;
  }
}
