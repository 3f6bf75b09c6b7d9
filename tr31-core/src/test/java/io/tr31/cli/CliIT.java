/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Process-level tests of the shaded {@code tr31} jar: exit codes, streams and the --json contract.
 */
class CliIT {
  // TR-31:2018 Annex A.7.4 (version D, AES-256 KBPK), as carried in the test vectors (TR31-008).
  private static final Map<String, Object> A74 = Vectors.keyBlockVector("TR31-008");
  private static final String KBPK = (String) A74.get("kbpk_hex");
  private static final String BLOCK = (String) A74.get("key_block");
  private static final String KEY = (String) A74.get("expected_key_hex");

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String line) {
    return (Map<String, Object>) Vectors.parseJson(line);
  }

  @Test
  void help_everyCommand_exitsZeroAndPrintsUsage() {
    for (String c : List.of("inspect", "unwrap", "wrap", "kcv")) {
      CliProcess.Result r = CliProcess.run(null, c, "--help");
      assertEquals(0, r.exitCode(), c);
      assertTrue(r.stdout().startsWith("Usage: tr31 " + c), r.stdout());
    }
    CliProcess.Result top = CliProcess.run(null, "--help");
    assertEquals(0, top.exitCode());
    assertTrue(top.stdout().contains("Commands:"));
  }

  @Test
  void usageErrors_exitTwoWithMessageOnStderr() {
    assertEquals(2, CliProcess.run(null).exitCode());
    assertEquals(2, CliProcess.run(null, "frobnicate").exitCode());
    CliProcess.Result r = CliProcess.run(null, "unwrap", "--kbpk", KBPK, "--nope", BLOCK);
    assertEquals(2, r.exitCode());
    assertTrue(r.stderr().contains("unknown option --nope"), r.stderr());
    assertEquals("", r.stdout());
    assertEquals(2, CliProcess.run(null, "unwrap", BLOCK).exitCode());
    assertEquals(
        2, CliProcess.run(null, "unwrap", "--kbpk", KBPK, "--profile", "loose", BLOCK).exitCode());
  }

  @Test
  void unwrap_standardExample_printsKeyAndKcvs() {
    CliProcess.Result r = CliProcess.run(null, "unwrap", "--kbpk", KBPK, BLOCK);
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("Key              " + KEY), r.stdout());
    assertTrue(r.stdout().contains("KCV (CMAC)"), r.stdout());
    assertTrue(r.stdout().contains("P0"), r.stdout());
  }

  @Test
  void unwrap_keyBlockFromStdinAndKbpkFromEnvAndFile(@TempDir Path tmp) throws Exception {
    CliProcess.Result viaEnv =
        CliProcess.run(
            BLOCK + "\n", Map.of("TR31_KBPK", KBPK), "unwrap", "--kbpk", "env:TR31_KBPK");
    assertEquals(0, viaEnv.exitCode(), viaEnv.stderr());
    assertTrue(viaEnv.stdout().contains(KEY));
    Path f = tmp.resolve("kbpk.hex");
    Files.writeString(f, KBPK + "\n", StandardCharsets.US_ASCII);
    CliProcess.Result viaFile = CliProcess.run(null, "unwrap", "--kbpk", "@" + f, BLOCK);
    assertEquals(0, viaFile.exitCode(), viaFile.stderr());
    assertTrue(viaFile.stdout().contains(KEY));
  }

  @Test
  void unwrap_wrongKbpk_exitsOneAndLeaksNothing() {
    String wrong = KBPK.substring(0, 63) + (KBPK.charAt(63) == '0' ? '1' : '0');
    CliProcess.Result r = CliProcess.run(null, "unwrap", "--kbpk", wrong, BLOCK);
    assertEquals(1, r.exitCode());
    assertEquals("", r.stdout());
    assertTrue(r.stderr().contains("VERIFICATION_FAILED"), r.stderr());
    assertFalse(r.stderr().contains(wrong) || r.stderr().contains(KEY), r.stderr());
  }

  @Test
  void wrapThenUnwrap_textMode_roundTripsWithKcBlock() {
    CliProcess.Result w =
        CliProcess.run(
            null,
            "wrap",
            "--kbpk",
            KBPK,
            "--header",
            "D0000P0AE00E0000",
            "--key",
            KEY,
            "--kc",
            "cmac",
            "--opt",
            "LB=terminal-1");
    assertEquals(0, w.exitCode(), w.stderr());
    String block = w.stdout().strip();
    assertTrue(block.startsWith("D0"), block);
    assertTrue(block.contains("KC") && block.contains("LB"), block);
    CliProcess.Result u = CliProcess.run(null, "unwrap", "--kbpk", KBPK, block);
    assertEquals(0, u.exitCode(), u.stderr());
    assertTrue(u.stdout().contains(KEY));
  }

  @Test
  void wrap_theKbpkItselfAsTheKey_exitsNonZeroAndPrintsNoBlock() {
    // Issue 12: wrapping the KBPK under itself is refused.
    CliProcess.Result w =
        CliProcess.run(
            null,
            Map.of("K", KBPK),
            "wrap",
            "--kbpk",
            "env:K",
            "--header",
            "D0000K0AB00E0000",
            "--key",
            "env:K");
    assertEquals(1, w.exitCode(), w.stdout());
    assertEquals("", w.stdout());
    assertTrue(w.stderr().contains("KEY_IS_KBPK"), w.stderr());
  }

  @Test
  void inspect_needsNoKeyAndNamesFields() {
    CliProcess.Result r = CliProcess.run(null, "inspect", BLOCK);
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains("P0"), r.stdout());
    assertFalse(r.stdout().contains(KEY));
    String lower = BLOCK.substring(0, 16) + BLOCK.substring(16).toLowerCase(java.util.Locale.ROOT);
    CliProcess.Result strict = CliProcess.run(null, "inspect", lower);
    assertEquals(1, strict.exitCode());
    assertTrue(strict.stderr().contains("LOWERCASE_HEX"), strict.stderr());
    CliProcess.Result lenient = CliProcess.run(null, "inspect", "--profile", "lenient", lower);
    assertEquals(0, lenient.exitCode(), lenient.stderr());
    assertTrue(lenient.stdout().contains("Warning:"), lenient.stdout());
    CliProcess.Result bad = CliProcess.run(null, "inspect", "D0112P0AE00E0000ZZ");
    assertEquals(1, bad.exitCode());
    assertTrue(bad.stderr().contains("LENGTH_MISMATCH"), bad.stderr());
  }

  @Test
  void kcv_textMode_matchesKnownAnswer() {
    // TR-31:2018 A.7.4 key as an AES key: legacy = E_K(0^16) first 3 bytes; exercised both ways.
    CliProcess.Result legacy =
        CliProcess.run(null, "kcv", "--algorithm", "AES", "--key", KEY, "--method", "legacy");
    CliProcess.Result cmac = CliProcess.run(null, "kcv", "--algorithm", "AES", "--key", KEY);
    assertEquals(0, legacy.exitCode(), legacy.stderr());
    assertEquals(0, cmac.exitCode(), cmac.stderr());
    assertTrue(legacy.stdout().strip().matches("[0-9A-F]{6}"), legacy.stdout());
    assertTrue(cmac.stdout().strip().matches("[0-9A-F]{10}"), cmac.stdout());
    assertEquals(2, CliProcess.run(null, "kcv", "--algorithm", "RC4", "--key", KEY).exitCode());
  }

  @Test
  void unwrapJson_batch_oneOrderedLinePerInputAndBadLinesDoNotStopIt() {
    String wrong = "00".repeat(32);
    String input =
        String.join(
                "\n",
                "{\"key_block\":\"" + BLOCK + "\",\"kbpk\":\"" + KBPK + "\"}",
                "not json",
                "{\"key_block\":\"" + BLOCK + "\",\"kbpk\":\"" + wrong + "\"}",
                "{\"key_block\":\"" + BLOCK + "\",\"key_block\":\"" + BLOCK + "\"}",
                "{\"key_block\":\"" + BLOCK + "\",\"extra\":1}",
                "",
                "{\"key_block\":\""
                    + BLOCK.substring(0, 16)
                    + BLOCK.substring(16).toLowerCase(java.util.Locale.ROOT)
                    + "\",\"kbpk\":\""
                    + KBPK
                    + "\",\"profile\":\"lenient\"}",
                "{\"key_block\":\"" + BLOCK + "\",\"kbpk\":\"" + KBPK + "\"}")
            + "\n";
    // No --kbpk: each line names its own (a pinned --kbpk is refused on every line naming one).
    CliProcess.Result r = CliProcess.run(input, "unwrap", "--json");
    assertEquals(0, r.exitCode(), r.stderr());
    List<String> lines = r.lines();
    assertEquals(8, lines.size(), r.stdout());

    Map<String, Object> ok = json(lines.get(0));
    assertEquals(Boolean.TRUE, ok.get("ok"));
    assertEquals(KEY, ok.get("key"));
    assertEquals("D", ok.get("version"));
    assertEquals("P0", ok.get("usage"));
    assertEquals("A", ok.get("algorithm"));
    assertEquals("E", ok.get("mode"));
    assertEquals("00", ok.get("key_version"));
    assertEquals("E", ok.get("exportability"));
    assertEquals("0", ok.get("key_context"));
    assertEquals(List.of(), ok.get("optional_blocks"));
    assertTrue(((String) ok.get("kcv_legacy")).matches("[0-9A-F]{6}"));
    assertTrue(((String) ok.get("kcv_cmac")).matches("[0-9A-F]{10}"));

    assertEquals("INVALID_JSON", json(lines.get(1)).get("error"));
    Map<String, Object> verification = json(lines.get(2));
    assertEquals(Boolean.FALSE, verification.get("ok"));
    assertEquals("VERIFICATION_FAILED", verification.get("error"));
    assertEquals("INVALID_JSON", json(lines.get(3)).get("error"));
    assertEquals("INVALID_REQUEST", json(lines.get(4)).get("error"));
    assertEquals("INVALID_JSON", json(lines.get(5)).get("error"));
    assertEquals(KEY, json(lines.get(6)).get("key"));
    assertEquals(KEY, json(lines.get(7)).get("key"));
    assertFalse(r.stdout().contains(wrong));
  }

  @Test
  void wrapJson_thenUnwrapJson_roundTrips() {
    // A KEK that is not the KBPK itself (wrap refuses that: KEY_IS_KBPK, issue 12).
    String kek = "00112233445566778899AABBCCDDEEFF0123456789ABCDEFFEDCBA9876543210";
    String in =
        "{\"kbpk\":\""
            + KBPK
            + "\",\"header\":\"D0000K1AB00E0000\",\"key\":\""
            + kek
            + "\",\"optional_blocks\":[[\"LB\",\"kek-2025-01\"]],\"kc\":\"cmac\",\"kp\":\"cmac\"}\n"
            + "{\"kbpk\":\""
            + KBPK
            + "\",\"header\":\"D0000K1AB00E0000\",\"key\":\"00\"}\n";
    CliProcess.Result w = CliProcess.run(in, "wrap", "--json");
    assertEquals(0, w.exitCode(), w.stderr());
    assertEquals(2, w.lines().size(), w.stdout());
    Map<String, Object> ok = json(w.lines().get(0));
    assertEquals(Boolean.TRUE, ok.get("ok"), w.stdout());
    assertEquals("INVALID_KEY_LENGTH", json(w.lines().get(1)).get("error"));

    String block = (String) ok.get("key_block");
    CliProcess.Result u =
        CliProcess.run(
            "{\"key_block\":\"" + block + "\",\"kbpk\":\"" + KBPK + "\"}\n", "unwrap", "--json");
    Map<String, Object> out = json(u.lines().get(0));
    assertEquals(kek, out.get("key"), u.stdout());
    assertEquals("K1", out.get("usage"));
    @SuppressWarnings("unchecked")
    List<List<String>> blocks = (List<List<String>>) out.get("optional_blocks");
    // The caller's blocks in order, then KC and KP as asked, then PB to align the header.
    assertEquals(List.of("LB", "kek-2025-01"), blocks.get(0));
    assertEquals("KC", blocks.get(1).get(0));
    assertEquals("KP", blocks.get(2).get(0));
    assertEquals("PB", blocks.get(blocks.size() - 1).get(0));
  }

  @Test
  void wrapJson_lineReplacingABlockOfThePinnedHeader_isRefusedAndTheBatchGoesOn() {
    // Review 4, finding 1: {"optional_blocks":[["WP","000"]]} came out as a block saying WP 000.
    String kek = "00112233445566778899AABBCCDDEEFF0123456789ABCDEFFEDCBA9876543210";
    CliProcess.Result r =
        CliProcess.run(
            "{\"key\":\""
                + kek
                + "\",\"optional_blocks\":[[\"WP\",\"000\"]]}\n"
                + "{\"key\":\""
                + kek
                + "\"}\n",
            "wrap",
            "--json",
            "--kbpk",
            KBPK,
            "--header",
            "D0000D0AB00E0100WP07001");
    assertEquals(0, r.exitCode(), r.stderr());
    Map<String, Object> refused = json(r.lines().get(0));
    assertEquals("INVALID_REQUEST", refused.get("error"), r.stdout());
    assertTrue(((String) refused.get("message")).contains("WP"), r.stdout());
    assertFalse(refused.containsKey("key_block"), r.stdout());
    String block = (String) json(r.lines().get(1)).get("key_block");
    assertTrue(block.startsWith("D") && block.substring(16).startsWith("WP07001"), r.stdout());
  }

  @Test
  void kcvJson_andInspectJson_followTheContract() {
    CliProcess.Result k =
        CliProcess.run(
            "{\"algorithm\":\"AES\",\"method\":\"cmac\",\"key\":\""
                + KEY
                + "\",\"length\":3}\n"
                + "{\"algorithm\":\"AES\",\"method\":\"cmac\",\"key\":\""
                + KEY
                + "\",\"length\":9}\n",
            "kcv",
            "--json");
    assertEquals(2, k.lines().size(), k.stdout());
    assertTrue(((String) json(k.lines().get(0)).get("kcv")).matches("[0-9A-F]{6}"));
    assertEquals(Boolean.FALSE, json(k.lines().get(1)).get("ok"));

    CliProcess.Result i =
        CliProcess.run("{\"key_block\":\"" + BLOCK + "\"}\n", "inspect", "--json");
    Map<String, Object> h = json(i.lines().get(0));
    assertEquals(Boolean.TRUE, h.get("ok"));
    assertEquals("P0", h.get("usage"));
    assertFalse(h.containsKey("key"));
  }

  @Test
  void envelope_sealThenOpenThroughTheJar_roundTripsSignedBody(@TempDir Path tmp) {
    String msk = "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF";
    String mac = "0F1E2D3C4B5A69788796A5B4C3D2E1F0";
    Path sig = tmp.resolve("sig.hex");
    CliProcess.Result sealed =
        CliProcess.run(
            "{\"amount\":1200}",
            "envelope",
            "seal",
            "--msk",
            msk,
            "--mac-key",
            mac,
            "--signature-file",
            sig.toString());
    assertEquals(0, sealed.exitCode(), sealed.stderr());
    assertTrue(sealed.stdout().startsWith("{\"format\":\"TR31-DATA\""), sealed.stdout());
    String signature;
    try {
      signature = Files.readString(sig, StandardCharsets.US_ASCII).strip();
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    CliProcess.Result opened =
        CliProcess.run(
            sealed.stdout(),
            "envelope",
            "open",
            "--msk",
            msk,
            "--mac-key",
            mac,
            "--signature",
            signature);
    assertEquals(0, opened.exitCode(), opened.stderr());
    assertEquals("{\"amount\":1200}", opened.stdout());
    String forged = signature.substring(0, 63) + (signature.endsWith("0") ? "1" : "0");
    CliProcess.Result refused =
        CliProcess.run(
            sealed.stdout(),
            "envelope",
            "open",
            "--msk",
            msk,
            "--mac-key",
            mac,
            "--signature",
            forged);
    assertEquals(1, refused.exitCode());
    assertEquals("", refused.stdout());
    assertEquals(0, CliProcess.run(null, "envelope", "--help").exitCode());
  }
}
