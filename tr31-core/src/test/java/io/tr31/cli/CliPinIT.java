/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tr31 pin} as a process against the shaded jar: encipher with the PIN from an environment
 * variable and from a file, decipher a published block, translate format 4 to format 0, and one
 * {@code --json} line per verb.
 */
class CliPinIT {
  private static final String KBPK = PinCommandTest.KBPK;
  private static final String PAN = "4111111111111111";

  @Test
  void encipherWithPinFromEnv_translateTo0_decipher_isThePin() throws Exception {
    String tpk = PinCommandTest.tpkB();
    String zpk = PinCommandTest.block("D0000P0TB00E0000", PinCommandTest.TDES_KEY);
    CliProcess.Result e =
        CliProcess.run(
            null,
            Map.of("PIN", "2468"),
            "pin", "encipher", "--key-block", tpk, "--kbpk", KBPK, "--format", "4", "--pan", PAN,
            "--pin", "env:PIN");
    assertEquals(0, e.exitCode(), e.stderr());
    String f4 = e.stdout().trim();
    CliProcess.Result t =
        CliProcess.run(
            f4 + "\n",
            "pin", "translate", "--from-key-block", tpk, "--from-kbpk", KBPK, "--from-format",
            "4", "--to-key-block", zpk, "--to-kbpk", KBPK, "--to-format", "0", "--pan", PAN);
    assertEquals(0, t.exitCode(), t.stderr());
    String f0 = t.stdout().trim();
    assertTrue(f0.matches("[0-9A-F]{16}"), f0);
    CliProcess.Result d =
        CliProcess.run(
            null,
            "pin", "decipher", "--key-block", zpk, "--kbpk", KBPK, "--format", "0", "--pan", PAN,
            f0);
    assertEquals(0, d.exitCode(), d.stderr());
    assertEquals("2468", d.stdout().trim());
  }

  @Test
  void encipherWithPinFromFile_andAWrongPanOnDecipher_exitsOneWithoutThePin(@TempDir Path tmp)
      throws Exception {
    Path pinFile = tmp.resolve("pin");
    Files.writeString(pinFile, "135790\n");
    String tpk = PinCommandTest.tpkB();
    CliProcess.Result e =
        CliProcess.run(
            null,
            "pin", "encipher", "--key-block", tpk, "--kbpk", KBPK, "--format", "4", "--pan", PAN,
            "--pin", "@" + pinFile);
    assertEquals(0, e.exitCode(), e.stderr());
    CliProcess.Result d =
        CliProcess.run(
            e.stdout(),
            "pin", "decipher", "--key-block", tpk, "--kbpk", KBPK, "--format", "4", "--pan",
            "4111111111111112");
    assertEquals(1, d.exitCode());
    assertTrue(d.stderr().contains("PIN block verification failed"), d.stderr());
    assertFalse(d.stderr().contains("135790") || d.stdout().contains("135790"));
  }

  @Test
  void jsonBatch_eachVerb_answersOneLine() throws Exception {
    String tpk = PinCommandTest.tpkB();
    CliProcess.Result d =
        CliProcess.run(
            "{\"key_block\":\"" + tpk + "\",\"kbpk\":\"" + KBPK + "\",\"format\":4,\"pin_block\":\""
                + PinCommandTest.EP2_BLOCK + "\",\"pan\":\"" + PinCommandTest.EP2_PAN + "\"}\n",
            "pin", "decipher", "--json");
    assertEquals(0, d.exitCode(), d.stderr());
    assertEquals("{\"ok\":true,\"pin\":\"1234\"}", d.stdout().trim());
    CliProcess.Result e =
        CliProcess.run(
            "{\"pin\":\"1234\",\"pan\":\"" + PAN + "\"}\n",
            "pin", "encipher", "--json", "--key-block", tpk, "--kbpk", KBPK, "--format", "4");
    assertTrue(e.stdout().trim().matches("\\{\"ok\":true,\"pin_block\":\"[0-9A-F]{32}\"}"),
        e.stdout());
    CliProcess.Result t =
        CliProcess.run(
            "{\"from\":{\"format\":4},\"to\":{\"format\":4},\"pin_block\":\""
                + PinCommandTest.EP2_BLOCK + "\",\"pan\":\"" + PinCommandTest.EP2_PAN + "\"}\n",
            "pin", "translate", "--json", "--from-key-block", tpk, "--from-kbpk", KBPK,
            "--to-key-block", tpk, "--to-kbpk", KBPK);
    assertTrue(t.stdout().trim().matches("\\{\"ok\":true,\"pin_block\":\"[0-9A-F]{32}\"}"),
        t.stdout());
  }

  @Test
  void demo_showsThePinStep_terminalEnciphersFormat4_serverDeciphers_noPinPrinted() {
    CliProcess.Result r = CliProcess.run(null, "demo");
    assertEquals(0, r.exitCode(), r.stderr());
    String out = r.stdout();
    assertTrue(out.contains("6. Terminal: the cardholder's PIN"), out);
    assertTrue(out.matches("(?s).*PIN block [0-9A-F]{32}\n.*"), out);
    assertTrue(out.contains("7. Server") && out.contains("the PIN is the cardholder's"), out);
    assertFalse(out.contains("PIN 1234"), out);
  }
}
