/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.KeyBlockHeader;
import io.tr31.KeyBlocks;
import io.tr31.Profile;
import io.tr31.WrapOptions;
import io.tr31.internal.Hex;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One rule for every {@code --json} command (issue 12, F1): a key or profile given on the command
 * line pins its request field; a line naming it is refused, a line omitting it uses the pinned
 * value.
 */
class BatchPinsTest {
  private static final String OPERATOR_OLD = "89E88CF7931444F334BD7547FC3F380C";
  private static final String OPERATOR_NEW =
      "88E1AB2A2E3DD38C1FA039A536500CC8A87AB9D62DC92C01058FA79F44657DE6";
  private static final String ATTACKER =
      "11223344556677889900AABBCCDDEEFF0102030405060708090A0B0C0D0E0F10";
  private static final String KEY = "F039121BEC83D26B169BDCD5B22AAF8F";

  private static List<String> batch(String stdin, String... args) {
    return InProcessCli.batch(stdin, args);
  }

  private static Map<String, Object> json(String line) {
    return InProcessCli.json(line);
  }

  private static void assertRefusedNaming(String line, String option) {
    Map<String, Object> r = json(line);
    assertEquals(Boolean.FALSE, r.get("ok"), line);
    assertEquals("INVALID_REQUEST", r.get("error"), line);
    assertTrue(((String) r.get("message")).contains(option), line);
    assertFalse(r.containsKey("key_block") || r.containsKey("key") || r.containsKey("kcv"), line);
  }

  private static String wrapped(String kbpk, String header) throws Exception {
    return KeyBlocks.wrap(
        Hex.decode(kbpk),
        KeyBlockHeader.parse(header, Profile.STRICT),
        Hex.decode(KEY),
        WrapOptions.defaults());
  }

  @Test
  void rewrapJson_lineNamingFromKbpkWhileTheOperatorPinnedIt_isRefused() throws Exception {
    // F1: a KEK forged under the line producer's own KBPK must not come out under --to-kbpk.
    String forged = wrapped(ATTACKER, "D0000K1AB00E0000");
    List<String> out =
        batch(
            "{\"key_block\":\"" + forged + "\",\"from_kbpk\":\"" + ATTACKER + "\"}\n",
            "rewrap",
            "--json",
            "--profile",
            "strict",
            "--from-kbpk",
            OPERATOR_OLD,
            "--to-kbpk",
            OPERATOR_NEW);
    assertRefusedNaming(out.get(0), "--from-kbpk");
  }

  @Test
  void rewrapJson_lineOmittingThePinnedFields_usesTheCommandLineValues() throws Exception {
    String b = wrapped(OPERATOR_OLD, "B0000D0TB00E0000");
    List<String> out =
        batch(
            "{\"key_block\":\"" + b + "\"}\n{\"key_block\":\"" + b + "\",\"to_version\":\"E\"}\n",
            "rewrap",
            "--json",
            "--from-kbpk",
            OPERATOR_OLD,
            "--to-kbpk",
            OPERATOR_NEW,
            "--to-version",
            "D");
    assertEquals(Boolean.TRUE, json(out.get(0)).get("ok"), out.get(0));
    assertEquals('D', ((String) json(out.get(0)).get("key_block")).charAt(0));
    assertRefusedNaming(out.get(1), "--to-version");
  }

  @Test
  void unwrapJson_lineNamingKbpkWhilePinned_isRefused() throws Exception {
    String mine = wrapped(ATTACKER, "D0000D0AB00E0000");
    List<String> out =
        batch(
            "{\"key_block\":\"" + mine + "\",\"kbpk\":\"" + ATTACKER + "\"}\n",
            "unwrap",
            "--json",
            "--kbpk",
            OPERATOR_NEW);
    assertRefusedNaming(out.get(0), "--kbpk");
  }

  @Test
  void wrapJson_kbpkAndKeyOnTheCommandLine_areUsedAndALineNamingThemIsRefused() throws Exception {
    List<String> out =
        batch(
            "{\"header\":\"D0000D0AB00E0000\"}\n"
                + "{\"header\":\"D0000D0AB00E0000\",\"kbpk\":\""
                + ATTACKER
                + "\"}\n"
                + "{\"header\":\"D0000D0AB00E0000\",\"key\":\""
                + KEY
                + "\"}\n",
            "wrap",
            "--json",
            "--kbpk",
            OPERATOR_NEW,
            "--key",
            KEY);
    Map<String, Object> ok = json(out.get(0));
    assertEquals(Boolean.TRUE, ok.get("ok"), out.get(0));
    try (var k =
        KeyBlocks.unwrap(Hex.decode(OPERATOR_NEW), (String) ok.get("key_block"), Profile.STRICT)) {
      assertEquals(KEY, Hex.encode(k.keyBytes()));
    }
    assertRefusedNaming(out.get(1), "--kbpk");
    assertRefusedNaming(out.get(2), "--key");
  }

  @Test
  void kcvJson_keyOnTheCommandLine_pinsTheKeyField() {
    List<String> out =
        batch(
            "{\"algorithm\":\"TDES\"}\n{\"algorithm\":\"TDES\",\"key\":\"" + KEY + "\"}\n",
            "kcv",
            "--json",
            "--key",
            OPERATOR_OLD);
    assertEquals(Boolean.TRUE, json(out.get(0)).get("ok"), out.get(0));
    assertRefusedNaming(out.get(1), "--key");
  }

  @Test
  void jsonProfile_pinnedOnTheCommandLine_aLineNamingAnyProfileIsRefused() {
    String block = "{\"key_block\":\"D0016D0AB00E0000\",\"profile\":\"";
    for (String pinned : new String[] {"strict", "lenient"}) {
      for (String asked : new String[] {"strict", "lenient"}) {
        List<String> out = batch(block + asked + "\"}\n", "inspect", "--json", "--profile", pinned);
        assertRefusedNaming(out.get(0), "--profile");
      }
    }
    // unpinned, a line still chooses
    List<String> free = batch(block + "lenient\"}\n", "inspect", "--json");
    assertFalse("INVALID_REQUEST".equals(json(free.get(0)).get("error")), free.get(0));
  }

  @Test
  void jsonKeyFieldWithABadHexDigit_reportsNoOffset() {
    String bad = KEY.substring(0, 20) + "G" + KEY.substring(21);
    List<String> out =
        batch(
            "{\"algorithm\":\"TDES\",\"key\":\""
                + bad
                + "\"}\n"
                + "{\"key_block\":\"D0016D0AB00E0000\",\"kbpk\":\""
                + bad
                + "\"}\n",
            "kcv",
            "--json");
    Map<String, Object> r = json(out.get(0));
    assertEquals("INVALID_HEX", r.get("error"), out.get(0));
    assertFalse(((String) r.get("message")).contains("offset"), out.get(0));
    assertFalse(((String) r.get("message")).contains("20"), out.get(0));
    List<String> unwrap =
        batch(
            "{\"key_block\":\"D0016D0AB00E0000\",\"kbpk\":\"" + bad + "\"}\n", "unwrap", "--json");
    Map<String, Object> u = json(unwrap.get(0));
    assertEquals("INVALID_HEX", u.get("error"), unwrap.get(0));
    assertFalse(((String) u.get("message")).contains("offset"), unwrap.get(0));
  }
}
