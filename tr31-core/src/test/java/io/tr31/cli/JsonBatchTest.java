/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The --json contract under hostile lines, in process: exactly one output line per input line, in
 * order, and no line ever stops the batch.
 */
class JsonBatchTest {
  private static final String KBPK =
      "88E1AB2A2E3DD38C1FA039A536500CC8A87AB9D62DC92C01058FA79F44657DE6";

  private static List<String> run(List<String> lines, String... args) {
    return InProcessCli.batch(String.join("\n", lines) + "\n", args);
  }

  private static Map<String, Object> json(String line) {
    return InProcessCli.json(line);
  }

  private static List<String> hostileLines() {
    List<String> lines = new ArrayList<>();
    lines.add("{\"key_block\":12345678901234567890}"); // number beyond the limits
    lines.add("{\"" + "k".repeat(60_000) + "\":1}"); // a huge field name
    lines.add("{\"key_block\":\"\u0000\"}");
    lines.add("\u0000");
    lines.add("[".repeat(60) + "]".repeat(60));
    lines.add("{\"key_block\":{\"a\":[1,2]}}");
    lines.add("{\"key_block\":1.5e999}");
    lines.add("{\"key_block\":\"x\"");
    lines.add("{\"key_block\":\"x\"} trailing");
    lines.add("\r");
    lines.add("{\"key_block\":\"\\ud800\"}");
    lines.add("x".repeat(70_000)); // over the line limit
    return lines;
  }

  @Test
  void everyHostileLine_getsOneErrorLineAndTheBatchGoesOn() {
    for (String command : new String[] {"inspect", "unwrap", "kcv", "wrap"}) {
      List<String> lines = new ArrayList<>(hostileLines());
      lines.add("{\"algorithm\":\"AES\",\"key\":\"" + KBPK + "\"}");
      List<String> out =
          command.equals("unwrap")
              ? run(lines, command, "--json", "--kbpk", KBPK)
              : run(lines, command, "--json");
      assertEquals(lines.size(), out.size(), command + ": " + out);
      for (int i = 0; i < hostileLines().size(); i++) {
        Map<String, Object> r = json(out.get(i));
        assertEquals(Boolean.FALSE, r.get("ok"), command + " line " + i + ": " + out.get(i));
        assertFalse(
            "INTERNAL_ERROR".equals(r.get("error")), command + " line " + i + ": " + out.get(i));
      }
    }
  }

  @Test
  void wrapJson_optionalBlocksOverflowingTheKeyBlock_isOneErrorLine() {
    String big = "A".repeat(5000);
    List<String> lines =
        List.of(
            "{\"kbpk\":\""
                + KBPK
                + "\",\"header\":\"D0000P0AE00E0000\",\"key\":\""
                + KBPK.substring(0, 32)
                + "\",\"optional_blocks\":[[\"LB\",\""
                + big
                + "\"],[\"CT\",\"00"
                + big
                + "\"]]}",
            "{\"kbpk\":\""
                + KBPK
                + "\",\"header\":\"D0000P0AE00E0000\",\"key\":\""
                + KBPK.substring(0, 32)
                + "\",\"optional_blocks\":[[\"LB\",\""
                + "B".repeat(9960)
                + "\"]],\"kc\":\"cmac\"}",
            "{\"kbpk\":\""
                + KBPK
                + "\",\"header\":\"D0000P0AE00E0000\",\"key\":\""
                + KBPK.substring(0, 32)
                + "\"}");
    List<String> out = run(lines, "wrap", "--json");
    assertEquals(3, out.size());
    assertEquals("TOO_MANY_OPTIONAL_BLOCKS", json(out.get(0)).get("error"), out.get(0));
    assertEquals("TOO_MANY_OPTIONAL_BLOCKS", json(out.get(1)).get("error"), out.get(1));
    assertEquals(Boolean.TRUE, json(out.get(2)).get("ok"), out.get(2));
  }

  @Test
  void wrap_templateWithCharactersAfterTheDeclaredBlocks_isRefused() {
    List<String> out =
        run(
            List.of(
                "{\"kbpk\":\""
                    + KBPK
                    + "\",\"header\":\"D0000P0AE00E0000KS0C0123456789\",\"key\":\""
                    + KBPK.substring(0, 32)
                    + "\"}"),
            "wrap",
            "--json");
    Map<String, Object> r = json(out.get(0));
    assertEquals("LENGTH_MISMATCH", r.get("error"), out.get(0));
    assertTrue(((String) r.get("message")).contains("offset 16"), out.get(0));
  }

  @Test
  void unknownFieldThatLooksLikeAKey_isNotEchoed() {
    List<String> out = run(List.of("{\"" + KBPK + "\":\"x\"}"), "inspect", "--json");
    assertFalse(out.get(0).contains(KBPK.substring(0, 16)), out.get(0));
  }

  @Test
  void rewrapJson_lineNamingItsOwnTargetKbpk_isRefusedWhenTheOperatorSetOne() {
    String attacker = "11".repeat(32);
    List<String> out =
        run(
            List.of("{\"key_block\":\"D0112P0AE00E0000\",\"to_kbpk\":\"" + attacker + "\"}"),
            "rewrap",
            "--json",
            "--from-kbpk",
            KBPK,
            "--to-kbpk",
            KBPK);
    Map<String, Object> r = json(out.get(0));
    assertEquals("INVALID_REQUEST", r.get("error"), out.get(0));
    assertTrue(((String) r.get("message")).contains("--to-kbpk"), out.get(0));
  }
}
