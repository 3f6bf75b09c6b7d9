/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.Profile;
import io.tr31.internal.Hex;
import io.tr31.keyblock.KeyBlockHeader;
import io.tr31.keyblock.KeyBlockProtectionKey;
import io.tr31.keyblock.WrapOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code tr31 pin} in process: the text commands, the {@code --json} contract of issue 15
 * (src/docs/CLI.md), the operator's pins (also inside {@code translate}'s {@code from}/{@code to}),
 * header enforcement, and no PIN in an error.
 */
class PinCommandTest {
  static final String KBPK = "88E1AB2A2E3DD38C1FA039A536500CC8A87AB9D62DC92C01058FA79F44657DE6";
  static final String OTHER_KBPK =
      "11223344556677889900AABBCCDDEEFF0102030405060708090A0B0C0D0E0F10";
  /** ep2 eft/pos 2000 Security Specification 8.0.0, 8.4: AES key, format 4 block, PAN, PIN 1234. */
  static final String EP2_KEY = "C1D0F8FB4958670DBA40AB1F3752EF0D";
  static final String EP2_BLOCK = "CC17F65586BFD0953010226C4FC5B3CA";
  static final String EP2_PAN = "432198765432109870";
  static final String TDES_KEY = "0123456789ABCDEFFEDCBA987654321089ABCDEF01234567";

  static String block(String header, String key) throws Exception {
    try (KeyBlockProtectionKey kbpk = KeyBlockProtectionKey.aes(Hex.decode(KBPK))) {
      return kbpk.wrap(
          KeyBlockHeader.parse(header, Profile.STRICT), Hex.decode(key), WrapOptions.defaults());
    }
  }

  static String tpkB() throws Exception {
    return block("D0000P0AB00E0000", EP2_KEY);
  }

  private static Map<String, Object> json(String line) {
    return InProcessCli.json(line);
  }

  @Test
  void decipher_ep2Vector_printsThePin() throws Exception {
    InProcessCli.Result r =
        InProcessCli.run(
            EP2_BLOCK + "\n",
            "pin", "decipher", "--key-block", tpkB(), "--kbpk", KBPK, "--format", "4", "--pan",
            EP2_PAN);
    assertEquals(0, r.status(), r.err());
    assertEquals("1234\n", r.out());
  }

  @Test
  void encipherFromStandardInput_thenDecipher_givesThePinBack() throws Exception {
    String key = tpkB();
    InProcessCli.Result e =
        InProcessCli.run(
            "987654\n",
            "pin", "encipher", "--key-block", key, "--kbpk", KBPK, "--format", "4", "--pan",
            "4111111111111111");
    assertEquals(0, e.status(), e.err());
    String pinBlock = e.out().trim();
    assertTrue(pinBlock.matches("[0-9A-F]{32}"), pinBlock);
    InProcessCli.Result d =
        InProcessCli.run(
            "",
            "pin", "decipher", "--key-block", key, "--kbpk", KBPK, "--format", "4", "--pan",
            "4111111111111111", pinBlock);
    assertEquals("987654\n", d.out(), d.err());
  }

  @Test
  void encipher_pinAsAnArgument_isAUsageErrorThatDoesNotEchoIt() throws Exception {
    InProcessCli.Result r =
        InProcessCli.run(
            "",
            "pin", "encipher", "--key-block", tpkB(), "--kbpk", KBPK, "--format", "4", "--pan",
            EP2_PAN, "--pin", "4321");
    assertEquals(2, r.status());
    assertFalse(r.err().contains("4321"), r.err());
  }

  @Test
  void decipher_underAnEncipherOnlyKey_isRefusedByTheHeader() throws Exception {
    InProcessCli.Result r =
        InProcessCli.run(
            EP2_BLOCK + "\n",
            "pin", "decipher", "--key-block", block("D0000P0AE00E0000", EP2_KEY), "--kbpk", KBPK,
            "--format", "4", "--pan", EP2_PAN);
    assertEquals(1, r.status());
    assertTrue(r.err().contains("PIN_KEY_MODE"), r.err());
    assertEquals("", r.out());
  }

  @Test
  void jsonBatch_theThreeContractsOfIssue15_oneLineOutPerLineIn() throws Exception {
    String tpk = tpkB();
    String zpk = block("D0000P0TB00E0000", TDES_KEY);
    List<String> enc =
        InProcessCli.batch(
            "{\"key_block\":\"" + tpk + "\",\"kbpk\":\"" + KBPK + "\",\"format\":4,"
                + "\"pin\":\"1234\",\"pan\":\"4111111111111111\"}\n"
                + "{\"key_block\":\"" + zpk + "\",\"kbpk\":\"" + KBPK + "\",\"format\":1,"
                + "\"pin\":\"5678\"}\n",
            "pin", "encipher", "--json");
    assertEquals(2, enc.size());
    String f4 = (String) json(enc.get(0)).get("pin_block");
    assertTrue(f4.matches("[0-9A-F]{32}"), enc.get(0));
    assertTrue(((String) json(enc.get(1)).get("pin_block")).matches("[0-9A-F]{16}"), enc.get(1));

    List<String> dec =
        InProcessCli.batch(
            "{\"key_block\":\"" + tpk + "\",\"kbpk\":\"" + KBPK + "\",\"format\":4,"
                + "\"pin_block\":\"" + f4 + "\",\"pan\":\"4111111111111111\"}\n"
                + "{\"key_block\":\"" + tpk + "\",\"kbpk\":\"" + KBPK + "\",\"format\":4,"
                + "\"pin_block\":\"" + f4 + "\",\"pan\":\"4111111111111112\"}\n",
            "pin", "decipher", "--json");
    assertEquals(Map.of("ok", true, "pin", "1234"), json(dec.get(0)));
    Map<String, Object> wrongPan = json(dec.get(1));
    assertEquals("PIN_BLOCK_VERIFICATION_FAILED", wrongPan.get("error"), dec.get(1));
    assertFalse(dec.get(1).contains("1234"), dec.get(1));

    List<String> tr =
        InProcessCli.batch(
            "{\"from\":{\"key_block\":\"" + tpk + "\",\"kbpk\":\"" + KBPK + "\",\"format\":4},"
                + "\"to\":{\"key_block\":\"" + zpk + "\",\"kbpk\":\"" + KBPK + "\",\"format\":0},"
                + "\"pin_block\":\"" + f4 + "\",\"pan\":\"4111111111111111\"}\n"
                + "{\"from\":{\"key_block\":\"" + tpk + "\",\"kbpk\":\"" + KBPK + "\",\"format\":4},"
                + "\"to\":{\"key_block\":\"" + zpk + "\",\"kbpk\":\"" + KBPK + "\",\"format\":1},"
                + "\"pin_block\":\"" + f4 + "\",\"pan\":\"4111111111111111\"}\n",
            "pin", "translate", "--json");
    String f0 = (String) json(tr.get(0)).get("pin_block");
    assertTrue(f0.matches("[0-9A-F]{16}"), tr.get(0));
    assertEquals("PIN_TRANSLATION_REFUSED", json(tr.get(1)).get("error"), tr.get(1));
    List<String> back =
        InProcessCli.batch(
            "{\"pin_block\":\"" + f0 + "\",\"pan\":\"4111111111111111\"}\n",
            "pin", "decipher", "--json", "--key-block", zpk, "--kbpk", KBPK, "--format", "0");
    assertEquals(Map.of("ok", true, "pin", "1234"), json(back.get(0)));
  }

  @Test
  void jsonBatch_aLineNamingAPinnedKbpk_isRefused_alsoInsideTranslatesToObject()
      throws Exception {
    String tpk = tpkB();
    List<String> dec =
        InProcessCli.batch(
            "{\"key_block\":\"" + tpk + "\",\"kbpk\":\"" + OTHER_KBPK + "\",\"format\":4,"
                + "\"pin_block\":\"" + EP2_BLOCK + "\",\"pan\":\"" + EP2_PAN + "\"}\n",
            "pin", "decipher", "--json", "--kbpk", KBPK);
    assertEquals("INVALID_REQUEST", json(dec.get(0)).get("error"));
    assertTrue(((String) json(dec.get(0)).get("message")).contains("--kbpk"), dec.get(0));

    List<String> tr =
        InProcessCli.batch(
            "{\"from\":{\"key_block\":\"" + tpk + "\",\"kbpk\":\"" + KBPK + "\",\"format\":4},"
                + "\"to\":{\"kbpk\":\"" + OTHER_KBPK + "\"},"
                + "\"pin_block\":\"" + EP2_BLOCK + "\",\"pan\":\"" + EP2_PAN + "\"}\n"
                + "{\"from\":{\"key_block\":\"" + tpk + "\",\"kbpk\":\"" + KBPK + "\",\"format\":4},"
                + "\"pin_block\":\"" + EP2_BLOCK + "\",\"pan\":\"" + EP2_PAN + "\"}\n",
            "pin", "translate", "--json", "--to-kbpk", KBPK, "--to-key-block", tpk,
            "--to-format", "4");
    assertEquals("INVALID_REQUEST", json(tr.get(0)).get("error"), tr.get(0));
    assertTrue(((String) json(tr.get(0)).get("message")).contains("--to-kbpk"), tr.get(0));
    assertEquals(Boolean.TRUE, json(tr.get(1)).get("ok"), tr.get(1));
  }

  @Test
  void jsonBatch_badRequests_areErrorObjectsWithoutThePin() throws Exception {
    String zpk = block("D0000P0TB00E0000", TDES_KEY);
    List<String> out =
        InProcessCli.batch(
            "{\"key_block\":\"" + zpk + "\",\"kbpk\":\"" + KBPK + "\",\"format\":1,"
                + "\"pin\":\"1234\",\"pan\":\"4111111111111111\"}\n"
                + "{\"key_block\":\"" + zpk + "\",\"kbpk\":\"" + KBPK + "\",\"format\":2,"
                + "\"pin\":\"1234\",\"pan\":\"4111111111111111\"}\n"
                + "{\"key_block\":\"" + zpk + "\",\"kbpk\":\"" + KBPK + "\",\"format\":0,"
                + "\"pin\":\"12x45\",\"pan\":\"4111111111111111\"}\n"
                + "{\"key_block\":\"" + zpk + "\",\"kbpk\":\"" + KBPK + "\",\"format\":4,"
                + "\"pin\":\"1234\",\"pan\":\"4111111111111111\"}\n",
            "pin", "encipher", "--json");
    assertEquals("INVALID_REQUEST", json(out.get(0)).get("error"), out.get(0));
    assertEquals("INVALID_REQUEST", json(out.get(1)).get("error"), out.get(1));
    assertEquals("PIN_INVALID", json(out.get(2)).get("error"), out.get(2));
    assertFalse(out.get(2).contains("12x45"), out.get(2));
    assertEquals("PIN_KEY_ALGORITHM", json(out.get(3)).get("error"), out.get(3));
  }

  @Test
  void everyRefusal_printsNeitherThePinNorTheKeyNorTheKbpk() throws Exception {
    String pin = "86420975";
    String tpkE = block("D0000P0AE00E0000", EP2_KEY);
    String dataKey = block("D0000D0AB00E0000", EP2_KEY);
    List<InProcessCli.Result> runs =
        List.of(
            InProcessCli.run(pin + "\n", "pin", "encipher", "--key-block", dataKey, "--kbpk", KBPK,
                "--format", "4", "--pan", EP2_PAN),
            InProcessCli.run(pin + "\n", "pin", "encipher", "--key-block", tpkE, "--kbpk",
                OTHER_KBPK, "--format", "4", "--pan", EP2_PAN),
            InProcessCli.run(pin + "\n", "pin", "encipher", "--key-block", tpkE, "--kbpk", KBPK,
                "--format", "0", "--pan", EP2_PAN),
            InProcessCli.run(pin + "x\n", "pin", "encipher", "--key-block", tpkE, "--kbpk", KBPK,
                "--format", "4", "--pan", EP2_PAN),
            InProcessCli.run("", "pin", "encipher", "--key-block", tpkE, "--kbpk", KBPK,
                "--format", "4", "--pan", EP2_PAN, "--pin", pin),
            InProcessCli.run(
                "{\"key_block\":\"" + tpkE + "\",\"kbpk\":\"" + KBPK + "\",\"format\":4,"
                    + "\"pin\":\"" + pin + "x\",\"pan\":\"" + EP2_PAN + "\"}\n",
                "pin", "encipher", "--json"));
    for (InProcessCli.Result r : runs) {
      String all = r.out() + r.err();
      assertTrue(r.status() != 0 || all.contains("\"ok\":false"), all);
      for (String secret : List.of(pin, KBPK, EP2_KEY, KBPK.toLowerCase(), EP2_KEY.toLowerCase())) {
        assertFalse(all.contains(secret), all);
      }
    }
  }
}
