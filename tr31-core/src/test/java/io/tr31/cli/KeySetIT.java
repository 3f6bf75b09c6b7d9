/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.internal.Hex;
import io.tr31.terminal.KeySetKcv;
import io.tr31.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Process-level tests of {@code tr31 keyset issue|install} and {@code tr31 demo}. */
class KeySetIT {
  private static final String ZMK =
      "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F";
  private static final String OTHER_ZMK =
      "F00102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F";

  private static String issue(String... extra) {
    String[] args = new String[3 + extra.length];
    args[0] = "keyset";
    args[1] = "issue";
    args[2] = "--zmk=" + ZMK;
    System.arraycopy(extra, 0, args, 3, extra.length);
    CliProcess.Result r = CliProcess.run(null, args);
    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals(1, r.lines().size(), r.stdout());
    return r.stdout();
  }

  @Test
  void issueThenInstallFromStdin_printsEverySlotVerified() {
    String json = issue("--key-set-id", "ks-2025-01", "--valid-days", "30");
    @SuppressWarnings("unchecked")
    Map<String, Object> parsed = (Map<String, Object>) Vectors.parseJson(json);
    assertEquals(
        List.of("key_set", "transport", "keys", "verification"), List.copyOf(parsed.keySet()));
    assertTrue(json.contains("\"key_id\":\"tpk-2025-01\""), json);

    CliProcess.Result r =
        CliProcess.run(json, Map.of("ZMK", ZMK), "keyset", "install", "--zmk", "env:ZMK");
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().startsWith("Key set    ks-2025-01\n"), r.stdout());
    for (String slot : List.of("tmk", "kek", "msk", "tpk", "tdk", "mac")) {
      assertTrue(
          Pattern.compile("(?m)^" + slot + " +" + slot + "-2025-01 .* [0-9A-F]{6} verified$")
              .matcher(r.stdout())
              .find(),
          r.stdout());
    }
    assertTrue(r.stdout().contains("6 KCVs verified"), r.stdout());
  }

  @Test
  void installFromFile_withZmkFromFile(@TempDir Path tmp) throws Exception {
    Path json = tmp.resolve("keys.json");
    Files.writeString(json, issue(), StandardCharsets.UTF_8);
    Path zmk = tmp.resolve("zmk.hex");
    Files.writeString(zmk, ZMK + "\n", StandardCharsets.US_ASCII);
    CliProcess.Result r =
        CliProcess.run(null, "keyset", "install", "--zmk", "@" + zmk, json.toString());
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("Installed: 6 keys"), r.stdout());
  }

  @Test
  void install_wrongZmk_exitsOneNamingTheSlotAndPrintsNothing() {
    CliProcess.Result r = CliProcess.run(issue(), "keyset", "install", "--zmk", OTHER_ZMK, "-");
    assertEquals(1, r.exitCode());
    assertEquals("", r.stdout());
    assertTrue(r.stderr().contains("KEYSET_UNWRAP_FAILED"), r.stderr());
    assertTrue(r.stderr().contains("slot tmk"), r.stderr());
  }

  @Test
  void install_afterExpiry_exitsOne() {
    CliProcess.Result r =
        CliProcess.run(
            issue("--valid-days", "1"),
            "keyset",
            "install",
            "--zmk",
            ZMK,
            "--at",
            "2999-01-01T00:00:00Z");
    assertEquals(1, r.exitCode());
    assertTrue(r.stderr().contains("KEYSET_EXPIRED"), r.stderr());
  }

  private static Instant issuedAt(String json) {
    Matcher m = Pattern.compile("\"issued_at\":\"([^\"]+)\"").matcher(json);
    assertTrue(m.find(), json);
    return Instant.parse(m.group(1));
  }

  @Test
  void install_atOneSecondBeforeIssuedAt_succeedsWithTheDefaultAllowance() {
    String json = issue();
    String before = issuedAt(json).minusSeconds(1).toString();
    CliProcess.Result r = CliProcess.run(json, "keyset", "install", "--zmk", ZMK, "--at", before);
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("Installed: 6 keys"), r.stdout());
  }

  @Test
  void install_clockSkew_setsTheAllowanceWithinItsBounds() {
    String json = issue();
    Instant issued = issuedAt(json);
    String[] install = {"keyset", "install", "--zmk", ZMK, "--at", "", "--clock-skew", ""};
    install[5] = issued.minusSeconds(1).toString();
    install[7] = "0";
    CliProcess.Result exact = CliProcess.run(json, install);
    assertEquals(1, exact.exitCode(), exact.stdout());
    assertTrue(exact.stderr().contains("KEYSET_NOT_YET_VALID"), exact.stderr());
    install[5] = issued.minusSeconds(3600).toString();
    install[7] = "3600";
    assertEquals(0, CliProcess.run(json, install).exitCode());
    for (String bad : List.of("-1", "3601", "5m", "")) {
      install[7] = bad;
      assertEquals(2, CliProcess.run(json, install).exitCode(), bad);
    }
  }

  @Test
  void install_alteredJson_exitsOne() {
    String json = issue("--key-set-id", "ks-a");
    String altered = json.replace("\"key_set_id\":\"ks-a\"", "\"key_set_id\":\"ks-b\"");
    CliProcess.Result r = CliProcess.run(altered, "keyset", "install", "--zmk", ZMK);
    assertEquals(1, r.exitCode());
    assertTrue(r.stderr().contains("KEYSET_METADATA_MISMATCH"), r.stderr());
  }

  @Test
  void keysetUsageErrors_exitTwo() {
    assertEquals(2, CliProcess.run(null, "keyset").exitCode());
    assertEquals(2, CliProcess.run(null, "keyset", "rotate").exitCode());
    assertEquals(2, CliProcess.run(null, "keyset", "issue").exitCode());
    assertEquals(2, CliProcess.run(null, "keyset", "issue", "--zmk", "00112233").exitCode());
    assertEquals(
        2, CliProcess.run(null, "keyset", "issue", "--zmk", ZMK, "--valid-days", "0").exitCode());
    assertEquals(
        2, CliProcess.run(null, "keyset", "issue", "--zmk", ZMK, "--key-set-id", "a/b").exitCode());
    CliProcess.Result r = CliProcess.run("", "keyset", "install", "--zmk", ZMK, "--at", "soon");
    assertEquals(2, r.exitCode());
    assertFalse(r.stderr().contains(ZMK), r.stderr());
  }

  @Test
  void help_keysetAndDemo_exitZero() {
    for (String c : List.of("keyset", "demo")) {
      CliProcess.Result r = CliProcess.run(null, c, "--help");
      assertEquals(0, r.exitCode(), c);
      assertTrue(r.stdout().startsWith("Usage: tr31 " + c), r.stdout());
    }
    assertTrue(CliProcess.run(null, "--help").stdout().contains("demo"));
  }

  @Test
  void demo_runsTheWholeFlowAndPrintsNoKey() {
    CliProcess.Result r = CliProcess.run(null, "demo");
    assertEquals(0, r.exitCode(), r.stderr());
    String out = r.stdout();
    for (String step : List.of("1. ", "2. Server", "3. Terminal", "4. Terminal", "5. Server")) {
      assertTrue(out.contains(step), out);
    }
    assertTrue(out.contains("Demo complete"), out);
    assertEquals(6, count(out, "verified"), out);
    assertFalse(out.contains("        key "), out);
    assertFalse(
        Pattern.compile("(?<![0-9A-F])[0-9A-F]{64}(?![0-9A-F])").matcher(noSignature(out)).find(),
        out);
  }

  @Test
  void demo_showKeys_printsTheZmkMatchingItsKcv() {
    CliProcess.Result r = CliProcess.run(null, "demo", "--show-keys");
    assertEquals(0, r.exitCode(), r.stderr());
    Matcher m = Pattern.compile("ZMK KCV ([0-9A-F]{6})   ZMK ([0-9A-F]{64})").matcher(r.stdout());
    assertTrue(m.find(), r.stdout());
    byte[] zmk = hex(m.group(2));
    assertEquals(m.group(1), KeySetKcv.compute(zmk).hex());
    assertEquals(6, count(r.stdout(), "        key "), r.stdout());
  }

  private static byte[] hex(String s) {
    try {
      return Hex.decode(s);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The HMAC line legitimately holds 64 hex digits; everything else must not. */
  private static String noSignature(String out) {
    return out.replaceAll("(?m)^   HMAC .*$", "");
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }
}
