/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import io.tr31.testing.Kbpks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.keyblock.OptionalBlockId;
import io.tr31.keyblock.KeyBlock;
import io.tr31.keyblock.KeyBlockHeader;
import io.tr31.Profile;
import io.tr31.keyblock.WrapOptions;
import io.tr31.internal.Hex;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

  /** Runs {@code lines} through {@code wrap --json} with the KBPK and {@code header} pinned. */
  private static List<String> wrapUnderPinnedHeader(String lines, String header) {
    return batch(lines, "wrap", "--json", "--kbpk", OPERATOR_NEW, "--header", header);
  }

  private static String wrapped(String kbpk, String header) throws Exception {
    return Kbpks.wrap(
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
        Kbpks.unwrap(Hex.decode(OPERATOR_NEW), (String) ok.get("key_block"), Profile.STRICT)) {
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
  void wrapJson_lineReplacingAnOptionalBlockOfThePinnedHeader_isRefused() throws Exception {
    // Review 4, finding 1: a line's WP or HM block used to replace the operator's.
    String key = "{\"key\":\"" + KEY + "\",";
    List<String> pedigree =
        wrapUnderPinnedHeader(
            key
                + "\"optional_blocks\":[[\"WP\",\"000\"]]}\n"
                + key
                + "\"optional_blocks\":[[\"LB\",\"lab\"]]}\n",
            "D0000D0AB00E0100WP07001");
    assertRefusedNaming(pedigree.get(0), "WP");
    assertFalse(pedigree.get(0).contains("000"), pedigree.get(0));
    // adding a block the header does not have is still the line's to do
    Map<String, Object> added = json(pedigree.get(1));
    assertEquals(Boolean.TRUE, added.get("ok"), pedigree.get(1));
    KeyBlockHeader h = KeyBlock.parse((String) added.get("key_block"), Profile.STRICT).header();
    assertEquals("001", h.optionalBlock(OptionalBlockId.WP).orElseThrow().data());
    assertEquals("lab", h.optionalBlock(OptionalBlockId.LB).orElseThrow().data());

    String hmacKey = "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF";
    List<String> hmac =
        wrapUnderPinnedHeader(
            "{\"key\":\"" + hmacKey + "\",\"optional_blocks\":[[\"HM\",\"10\"]]}\n",
            "D0000M7HC00E0100HM0621");
    assertRefusedNaming(hmac.get(0), "HM");
  }

  @Test
  void wrapJson_lineAskingForAKcBlockThePinnedHeaderHas_isRefused() {
    // The KC block of a pinned header is the operator's too: "kc" may not swap its method.
    List<String> out =
        wrapUnderPinnedHeader(
            "{\"key\":\"" + KEY + "\",\"kc\":\"legacy\"}\n", "D0000D0AB00E0100KC100123456789AB");
    assertRefusedNaming(out.get(0), "KC");
  }

  @Test
  void wrapJson_lineRepeatingABlockIdOfItsOwn_isRefusedToo() {
    // One rule, pinned or not: blocks are added, never replaced.
    List<String> out =
        batch(
            "{\"kbpk\":\""
                + OPERATOR_NEW
                + "\",\"key\":\""
                + KEY
                + "\",\"header\":\"D0000D0AB00E0100WP07001\","
                + "\"optional_blocks\":[[\"WP\",\"000\"]]}\n"
                + "{\"kbpk\":\""
                + OPERATOR_NEW
                + "\",\"key\":\""
                + KEY
                + "\",\"header\":\"D0000D0AB00E0000\","
                + "\"optional_blocks\":[[\"LB\",\"a\"],[\"LB\",\"b\"]]}\n",
            "wrap",
            "--json");
    assertRefusedNaming(out.get(0), "WP");
    assertRefusedNaming(out.get(1), "LB");
  }

  @Test
  void wrap_optReplacingABlockOfTheHeader_isAUsageError() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc =
        Main.run(
            new String[] {
              "wrap",
              "--kbpk",
              OPERATOR_NEW,
              "--key",
              KEY,
              "--header",
              "D0000D0AB00E0100WP07001",
              "--opt",
              "WP=000"
            },
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, rc, out.toString(StandardCharsets.UTF_8));
    assertEquals("", out.toString(StandardCharsets.UTF_8));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("WP"), err.toString());
  }

  @Test
  void wrapJson_secureDefaults_areCommandLineOnly() throws Exception {
    // Review 4, finding 6: a line could switch length obfuscation off, or allow versions A and C
    // under an A/C header the operator pinned; in --json mode both are the command line's alone.
    String key = "{\"key\":\"" + KEY + "\",";
    List<String> pinnedA =
        batch(
            key + "\"allow_deprecated\":true}\n",
            "wrap",
            "--json",
            "--kbpk",
            OPERATOR_OLD,
            "--header",
            "A0000D0TB00E0000");
    assertRefusedNaming(pinnedA.get(0), "--allow-deprecated");
    List<String> pinnedB =
        batch(
            key + "\"key_length_obfuscation\":false}\n",
            "wrap",
            "--json",
            "--kbpk",
            OPERATOR_OLD,
            "--header",
            "B0000D0TB00E0000");
    assertRefusedNaming(pinnedB.get(0), "--no-key-length-obfuscation");
    String open = key + "\"kbpk\":\"" + OPERATOR_OLD + "\",\"header\":\"B0000D0TB00E0000\",";
    List<String> nothingPinned =
        batch(
            open
                + "\"allow_deprecated\":true}\n"
                + open
                + "\"key_length_obfuscation\":false}\n"
                + open
                + "\"key_length_obfuscation\":true}\n",
            "wrap",
            "--json");
    assertRefusedNaming(nothingPinned.get(0), "--allow-deprecated");
    assertRefusedNaming(nothingPinned.get(1), "--no-key-length-obfuscation");
    assertRefusedNaming(nothingPinned.get(2), "--no-key-length-obfuscation");
    // given on the command line, they apply to every line
    List<String> a =
        batch(
            key.substring(0, key.length() - 1) + "}\n",
            "wrap",
            "--json",
            "--kbpk",
            OPERATOR_OLD,
            "--header",
            "A0000D0TB00E0000",
            "--allow-deprecated",
            "--no-key-length-obfuscation");
    Map<String, Object> ok = json(a.get(0));
    assertEquals(Boolean.TRUE, ok.get("ok"), a.get(0));
    assertEquals("A0072D0TB00E0000", ((String) ok.get("key_block")).substring(0, 16));
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
