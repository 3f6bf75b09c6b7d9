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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Process-level tests of {@code tr31 rewrap} against the shaded jar. */
class CliRewrapIT {
  private static final String FROM = LegacyBlocks.TDES_KBPK;
  private static final String TO = LegacyBlocks.AES_KBPK;

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String line) {
    return (Map<String, Object>) Vectors.parseJson(line);
  }

  private static String unwrapHex(String block) throws Exception {
    try (UnwrappedKey k = Kbpks.unwrap(Hex.decode(TO), block, Profile.STRICT)) {
      return Hex.encode(k.keyBytes());
    }
  }

  @Test
  void rewrap_help_listedAndPrinted() {
    CliProcess.Result r = CliProcess.run(null, "rewrap", "--help");
    assertEquals(0, r.exitCode());
    assertTrue(r.stdout().startsWith("Usage: tr31 rewrap"), r.stdout());
    assertTrue(CliProcess.run(null, "--help").stdout().contains("rewrap"));
  }

  @Test
  void rewrap_singleBlockWithKbpksFromEnv_printsBlockAndKcvs() throws Exception {
    LegacyBlocks.Block b = LegacyBlocks.generate(1, 11).get(0);
    CliProcess.Result r =
        CliProcess.run(
            b.keyBlock() + "\n",
            Map.of("OLD_KBPK", FROM, "NEW_KBPK", TO),
            "rewrap",
            "--from-kbpk",
            "env:OLD_KBPK",
            "--to-kbpk",
            "env:NEW_KBPK");
    assertEquals(0, r.exitCode(), r.stderr());
    List<String> lines = r.lines();
    assertEquals(3, lines.size(), r.stdout());
    assertEquals(b.keyHex(), unwrapHex(lines.get(0)));
    assertTrue(lines.get(2).startsWith("KCV (CMAC)"), lines.get(2));
  }

  @Test
  void rewrapJson_batchOf500MixedABCBlocks_migratedToDAndReadBack() throws Exception {
    List<LegacyBlocks.Block> blocks = LegacyBlocks.generate(500, 12);
    StringBuilder in = new StringBuilder();
    for (LegacyBlocks.Block b : blocks) {
      in.append("{\"key_block\":\"").append(b.keyBlock()).append("\"}\n");
    }
    CliProcess.Result r =
        CliProcess.run(in.toString(), "rewrap", "--json", "--from-kbpk", FROM, "--to-kbpk", TO);
    assertEquals(0, r.exitCode(), r.stderr());
    List<String> lines = r.lines();
    assertEquals(500, lines.size());
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Map<String, Object> o = json(lines.get(i));
      if (!Boolean.TRUE.equals(o.get("ok"))
          || !blocks.get(i).keyHex().equals(unwrapHex((String) o.get("key_block")))) {
        failures.add(i + ": " + lines.get(i));
      }
    }
    assertEquals(List.of(), failures);
  }

  @Test
  void rewrapJson_lineNamingFromKbpkWhileFromKbpkIsGiven_isRefused() throws Exception {
    // Issue 12, F1: a KEK forged under the line producer's own KBPK.
    String attacker = "11".repeat(16) + "22".repeat(16);
    String forged =
        io.tr31.testing.Kbpks.wrap(
            Hex.decode(attacker),
            io.tr31.keyblock.KeyBlockHeader.parse("D0000K1AB00E0000", Profile.STRICT),
            Hex.decode("33".repeat(16) + "44".repeat(16)),
            io.tr31.keyblock.WrapOptions.defaults());
    CliProcess.Result r =
        CliProcess.run(
            "{\"key_block\":\"" + forged + "\",\"from_kbpk\":\"" + attacker + "\"}\n",
            Map.of("OLD_KBPK", FROM, "NEW_KBPK", TO),
            "rewrap",
            "--json",
            "--from-kbpk",
            "env:OLD_KBPK",
            "--to-kbpk",
            "env:NEW_KBPK");
    assertEquals(0, r.exitCode(), r.stderr());
    Map<String, Object> o = json(r.lines().get(0));
    assertEquals(Boolean.FALSE, o.get("ok"), r.stdout());
    assertEquals("INVALID_REQUEST", o.get("error"), r.stdout());
    assertTrue(!o.containsKey("key_block"), r.stdout());
  }

  @Test
  void rewrap_keyOnceUnderAWeakerKbpk_neverComesOutSayingPedigree0() throws Exception {
    // Issue 12, F4: a 3-key TDES key in a B block under a 2-key KBPK that claims WP 000.
    String source = io.tr31.keyblock.ForgedBlocks.weakerKbpkBlock("B0000D0TB00E0100WP07000");
    CliProcess.Result r =
        CliProcess.run(
            null,
            "rewrap",
            "--from-kbpk",
            io.tr31.keyblock.ForgedBlocks.TDES2_KBPK,
            "--to-kbpk",
            TO,
            source);
    assertEquals(0, r.exitCode(), r.stderr());
    String d = r.lines().get(0);
    assertTrue(!d.contains("WP07000"), d);
    assertTrue(d.contains("WP07001"), d);
    assertEquals(io.tr31.keyblock.ForgedBlocks.TDES3_KEY, unwrapHex(d));
  }

  @Test
  void rewrap_keyVersionOverrideOnAComponentBlock_exitsNonZero() throws Exception {
    String c1 =
        io.tr31.testing.Kbpks.wrap(
            Hex.decode(FROM),
            io.tr31.keyblock.KeyBlockHeader.parse("B0000D0TBc1E0000", Profile.STRICT),
            Hex.decode("F039121BEC83D26B169BDCD5B22AAF8F"),
            io.tr31.keyblock.WrapOptions.defaults());
    for (String kv : new String[] {"00", "c2", "01"}) {
      CliProcess.Result r =
          CliProcess.run(
              null,
              "rewrap",
              "--from-kbpk",
              FROM,
              "--to-kbpk",
              TO,
              "--header-override",
              "key-version=" + kv,
              c1);
      assertTrue(r.exitCode() != 0, kv + ": " + r.stdout());
      assertEquals("", r.stdout(), kv);
    }
  }
}
