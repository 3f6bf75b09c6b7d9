/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import io.tr31.testing.Kbpks;
import io.tr31.keyblock.WrapOptions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.Profile;
import io.tr31.keyblock.UnwrappedKey;
import io.tr31.internal.Hex;
import io.tr31.testing.LegacyBlocks;
import io.tr31.testing.Vectors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code tr31 rewrap} run in-process through {@link Main#run}. */
class RewrapCommandTest {
  private static final String FROM = LegacyBlocks.TDES_KBPK;
  private static final String TO = LegacyBlocks.AES_KBPK;

  private record Run(int status, String out, String err) {
    List<String> lines() {
      return out.lines().toList();
    }
  }

  private static Run run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            args,
            new ByteArrayInputStream((stdin == null ? "" : stdin).getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String line) {
    return (Map<String, Object>) Vectors.parseJson(line);
  }

  private static String unwrapHex(String kbpk, String block) throws Exception {
    try (UnwrappedKey k = Kbpks.unwrap(Hex.decode(kbpk), block, Profile.STRICT)) {
      return Hex.encode(k.keyBytes());
    }
  }

  @Test
  void rewrap_versionBBlock_printsVersionDBlockAndKcvs() throws Exception {
    LegacyBlocks.Block b = LegacyBlocks.generate(2, 7).get(1);
    Run r = run(null, "rewrap", "--from-kbpk", FROM, "--to-kbpk", TO, b.keyBlock());
    assertEquals(0, r.status(), r.err());
    List<String> lines = r.lines();
    assertEquals(3, lines.size(), r.out());
    assertTrue(lines.get(0).startsWith("D"), lines.get(0));
    assertEquals(b.keyHex(), unwrapHex(TO, lines.get(0)));
    assertTrue(lines.get(1).matches("KCV \\(legacy\\) +[0-9A-F]{6}"), lines.get(1));
    assertTrue(lines.get(2).matches("KCV \\(CMAC\\) +[0-9A-F]{10}"), lines.get(2));
  }

  @Test
  void rewrap_toVersionEWithKeyVersionOverride_appliesBoth() throws Exception {
    LegacyBlocks.Block b = LegacyBlocks.generate(1, 8).get(0);
    Run r =
        run(
            b.keyBlock() + "\n",
            "rewrap",
            "--from-kbpk",
            FROM,
            "--to-kbpk",
            TO,
            "--to-version",
            "E",
            "--header-override",
            "key-version=07");
    assertEquals(0, r.status(), r.err());
    String e = r.lines().get(0);
    assertEquals('E', e.charAt(0));
    assertEquals("07", e.substring(9, 11));
    assertEquals(b.keyHex(), unwrapHex(TO, e));
  }

  @Test
  void rewrap_nonExportableKey_exitsOneAndPrintsNoBlock() {
    // Thales payShield sample (TR31-001): exportability N.
    Map<String, Object> v = Vectors.keyBlockVector("TR31-001");
    Run r =
        run(
            null,
            "rewrap",
            "--from-kbpk",
            (String) v.get("kbpk_hex"),
            "--to-kbpk",
            TO,
            (String) v.get("key_block"));
    assertEquals(1, r.status());
    assertEquals("", r.out());
    assertTrue(r.err().contains("exportability N"), r.err());
  }

  @Test
  void rewrap_usageErrors_exitTwo() {
    String block = "B0000";
    assertEquals(2, run(null, "rewrap", "--from-kbpk", FROM, block).status());
    assertEquals(2, run(null, "rewrap", "--to-kbpk", TO, block).status());
    assertEquals(
        2,
        run(null, "rewrap", "--from-kbpk", FROM, "--to-kbpk", TO, "--to-version", "0", block)
            .status());
    assertEquals(
        2,
        run(null, "rewrap", "--from-kbpk", FROM, "--to-kbpk", TO, "--header-override", "x=1", block)
            .status());
    assertTrue(run(null, "rewrap", "--help").out().startsWith("Usage: tr31 rewrap"));
  }

  @Test
  void rewrap_toVersionCWithoutAllowDeprecated_refused_withItWritten() throws Exception {
    LegacyBlocks.Block b = LegacyBlocks.generate(2, 9).get(1);
    String[] args = {"rewrap", "--from-kbpk", FROM, "--to-kbpk", FROM, "--to-version", "C"};
    Run refused = run(b.keyBlock(), args);
    assertEquals(1, refused.status());
    assertTrue(refused.err().contains("deprecated"), refused.err());
    List<String> withFlag = new ArrayList<>(List.of(args));
    withFlag.add("--allow-deprecated");
    Run written = run(b.keyBlock(), withFlag.toArray(String[]::new));
    assertEquals(0, written.status(), written.err());
    assertEquals('C', written.lines().get(0).charAt(0));
    assertEquals(b.keyHex(), unwrapHex(FROM, written.lines().get(0)));
  }

  @Test
  void rewrapJson_batchOf500MixedBlocks_everyLineMigratedInOrder() throws Exception {
    List<LegacyBlocks.Block> blocks = LegacyBlocks.generate(500, 10);
    StringBuilder in = new StringBuilder();
    for (LegacyBlocks.Block b : blocks) {
      in.append("{\"key_block\":\"")
          .append(b.keyBlock())
          .append("\",\"from_kbpk\":\"")
          .append(FROM)
          .append("\",\"to_kbpk\":\"")
          .append(TO)
          .append("\",\"to_version\":\"D\"}\n");
    }
    in.append("{\"key_block\":\"B0000\"}\n");
    in.append("not json\n");
    Run r = run(in.toString(), "rewrap", "--json");
    assertEquals(0, r.status(), r.err());
    List<String> lines = r.lines();
    assertEquals(502, lines.size());
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      Map<String, Object> o = json(lines.get(i));
      String block = (String) o.get("key_block");
      if (!Boolean.TRUE.equals(o.get("ok"))
          || block.charAt(0) != 'D'
          || !blocks.get(i).keyHex().equals(unwrapHex(TO, block))
          || !(o.get("kcv_cmac") instanceof String)) {
        failures.add(i + ": " + lines.get(i));
      }
    }
    assertEquals(List.of(), failures);
    Map<String, Object> missingKbpk = json(lines.get(500));
    assertEquals(false, missingKbpk.get("ok"));
    assertEquals("INVALID_REQUEST", missingKbpk.get("error"));
    assertEquals("INVALID_JSON", json(lines.get(501)).get("error"));
  }

  @Test
  void rewrap_storageOnlyKey_refusedWithoutToStorageKbpk_rewrappedWithIt() throws Exception {
    byte[] key = Hex.decode("F039121BEC83D26B169BDCD5B22AAF8F");
    String storage =
        Kbpks.wrap(
            Hex.decode(FROM),
            io.tr31.keyblock.KeyBlockHeader.parse("B0000P0TE00E0010", Profile.STRICT),
            key,
            io.tr31.keyblock.WrapOptions.defaults());
    Run refused = run(null, "rewrap", "--from-kbpk", FROM, "--to-kbpk", TO, storage);
    assertEquals(1, refused.status());
    assertEquals("", refused.out());
    assertTrue(refused.err().contains("KEY_STORAGE_ONLY"), refused.err());
    Map<String, Object> json = rewrapOneLine(storage, FROM);
    assertEquals("KEY_STORAGE_ONLY", json.get("error"), json.toString());

    Run stored =
        run(null, "rewrap", "--from-kbpk", FROM, "--to-kbpk", TO, "--to-storage-kbpk", storage);
    assertEquals(0, stored.status(), stored.err());
    String d = stored.lines().get(0);
    assertEquals('1', d.charAt(14), d);
    assertEquals("F039121BEC83D26B169BDCD5B22AAF8F", unwrapHex(TO, d));
  }

  /** The answer of {@code rewrap --json --from-kbpk FROM --to-kbpk TO [more]} to one block. */
  private static Map<String, Object> rewrapOneLine(String block, String from, String... more) {
    List<String> args = new ArrayList<>(List.of("rewrap", "--json", "--from-kbpk", from));
    args.addAll(List.of("--to-kbpk", TO));
    args.addAll(List.of(more));
    Run r = run("{\"key_block\":\"" + block + "\"}\n", args.toArray(new String[0]));
    return json(r.lines().get(0));
  }

  /** Review 4's repro: a B block under the degenerate KBPK, which only the lenient profile reads. */
  private static String blockUnderDegenerateKbpk() throws Exception {
    return io.tr31.keyblock.ForgedBlocks.tdesBlockEvenOfTheKbpk(
        Hex.decode("0123456789ABCDEF0023456789ABCDEF"),
        io.tr31.keyblock.KeyBlockHeader.parse("B0000P0TE00E0000", Profile.STRICT),
        Hex.decode("F039121BEC83D26B169BDCD5B22AAF8F"));
  }

  private static List<String> warningLines(String err) {
    return err.lines().filter(l -> l.startsWith("Warning: ")).toList();
  }

  @Test
  void rewrap_lenientSourceUnderADegenerateKbpk_printsTheUnwrapWarningsOnStderr()
      throws Exception {
    String block = blockUnderDegenerateKbpk();
    String degenerate = "0123456789ABCDEF0023456789ABCDEF";
    Run unwrap = run(null, "unwrap", "--kbpk", degenerate, "--profile", "lenient", block);
    assertEquals(0, unwrap.status(), unwrap.err());
    List<String> expected = warningLines(unwrap.err());
    assertTrue(!expected.isEmpty(), unwrap.err());

    Run r =
        run(
            null,
            "rewrap",
            "--from-kbpk",
            degenerate,
            "--to-kbpk",
            TO,
            "--profile",
            "lenient",
            block);
    assertEquals(0, r.status(), r.err());
    assertEquals(expected, warningLines(r.err()), r.err());
    assertEquals(3, r.lines().size(), r.out()); // stdout unchanged: block and two KCVs
    assertEquals("F039121BEC83D26B169BDCD5B22AAF8F", unwrapHex(TO, r.lines().get(0)));
  }

  @Test
  void rewrapJson_lenientSourceUnderADegenerateKbpk_answersWithAWarningsArray() throws Exception {
    String block = blockUnderDegenerateKbpk();
    String degenerate = "0123456789ABCDEF0023456789ABCDEF";
    Run unwrap =
        run(
            "{\"key_block\":\"" + block + "\"}\n",
            "unwrap",
            "--json",
            "--kbpk",
            degenerate,
            "--profile",
            "lenient");
    Object expected = json(unwrap.lines().get(0)).get("warnings");
    assertTrue(expected instanceof List<?> l && !l.isEmpty(), unwrap.out());
    Map<String, Object> answer = rewrapOneLine(block, degenerate, "--profile", "lenient");
    assertEquals(true, answer.get("ok"), answer.toString());
    assertEquals(expected, answer.get("warnings"), answer.toString());

    // a strict source has nothing to report: no warnings field
    Map<String, Object> strict = rewrapOneLine(LegacyBlocks.generate(1, 9).get(0).keyBlock(), FROM);
    assertEquals(true, strict.get("ok"), strict.toString());
    assertTrue(!strict.containsKey("warnings"), strict.toString());
  }
}
