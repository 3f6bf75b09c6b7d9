/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import io.tr31.testing.Kbpks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.keyblock.KeyBlockHeader;
import io.tr31.Profile;
import io.tr31.keyblock.WrapOptions;
import io.tr31.internal.Hex;
import io.tr31.internal.KeyDerivationBinding;
import io.tr31.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 through the command line, in process: a lenient {@code unwrap} reports every tolerance
 * it used (F6), and {@code wrap} refuses degenerate TDES keys and KBPKs (F2).
 */
class LenientWarningsCommandTest {
  private static final String AES_KBPK =
      "88E1AB2A2E3DD38C1FA039A536500CC8A87AB9D62DC92C01058FA79F44657DE6";
  private static final String KEY = "3F419E1CB7079442AA37474C2EFBF8B8";

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String line) {
    return (Map<String, Object>) Vectors.parseJson(line.trim());
  }

  private static String lowerCaseBlock() throws Exception {
    String block =
        Kbpks.wrap(
            Hex.decode(AES_KBPK),
            KeyBlockHeader.parse("D0000P0AE00E0000", Profile.STRICT),
            Hex.decode(KEY),
            WrapOptions.defaults());
    return block.substring(0, 16) + block.substring(16).toLowerCase(Locale.ROOT);
  }

  /** An authentic version D block whose header says AES and whose key has 8 bytes. */
  private static String eightByteAesKeyBlock() throws Exception {
    KeyBlockHeader h = KeyBlockHeader.parse("D0000P0AE00E0000", Profile.STRICT);
    byte[] payload = new byte[16];
    payload[1] = 64; // 64 bits
    String headerText = "D0080P0AE00E0000"; // h with its length field: 16 + 32 + 32
    byte[] sealed =
        KeyDerivationBinding.versionD(Hex.decode(AES_KBPK))
            .seal(headerText.getBytes(StandardCharsets.US_ASCII), payload);
    return headerText + Hex.encode(sealed);
  }

  /** Lenient {@code unwrap --json} of {@code block}: ok, and a non-empty {@code warnings}. */
  private static Map<String, Object> assertOkWithWarnings(String block) {
    String line = "{\"key_block\":\"" + block + "\"}\n";
    InProcessCli.Result r =
        InProcessCli.run(line, "unwrap", "--json", "--profile", "lenient", "--kbpk", AES_KBPK);
    Map<String, Object> answer = json(r.out());
    assertEquals(Boolean.TRUE, answer.get("ok"), r.out());
    List<?> warnings = (List<?>) answer.get("warnings");
    assertTrue(warnings != null && !warnings.isEmpty(), r.out());
    return answer;
  }

  @Test
  void unwrapJson_lenientLowerCaseHexBlock_answersOkWithWarnings() throws Exception {
    assertEquals(KEY, assertOkWithWarnings(lowerCaseBlock()).get("key"));
  }

  @Test
  void unwrapJson_lenientEightByteAesKey_answersOkWithWarnings() throws Exception {
    assertEquals("0000000000000000", assertOkWithWarnings(eightByteAesKeyBlock()).get("key"));
  }

  @Test
  void unwrapText_lenientLowerCaseHexBlock_printsWarningOnStandardError() throws Exception {
    InProcessCli.Result r =
        InProcessCli.run(
            "", "unwrap", "--profile", "lenient", "--kbpk", AES_KBPK, lowerCaseBlock());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().contains(KEY), r.out());
    assertTrue(r.err().contains("Warning: "), r.err());
    assertFalse(r.out().contains("Warning: "), r.out());
  }

  @Test
  void unwrapText_strictWellFormedBlock_printsNoWarning() throws Exception {
    String block = lowerCaseBlock().toUpperCase(Locale.ROOT);
    InProcessCli.Result r = InProcessCli.run("", "unwrap", "--kbpk", AES_KBPK, block);
    assertEquals(0, r.status(), r.err());
    assertEquals("", r.err());
  }

  @Test
  void wrap_degenerateTdesKbpkOrKey_exitsNonZeroUnderStrict() {
    String k1 = "0123456789ABCDEF";
    String k2 = "FEDCBA9876543210";
    String k3 = "89ABCDEF01234567";
    for (String kbpk : new String[] {k1 + k1, k1 + k1 + k3, k1 + k2 + k2}) {
      InProcessCli.Result r =
          InProcessCli.run(
              "", "wrap", "--kbpk", kbpk, "--header", "B0000P0TE00N0000", "--key", k2 + k3);
      assertEquals(1, r.status(), r.out());
      assertTrue(r.err().contains("DEGENERATE_TDES_KBPK"), r.err());
      assertEquals("", r.out());
    }
    for (String key : new String[] {k1 + k1, k1 + k1 + k3, k1 + k2 + k2}) {
      InProcessCli.Result r =
          InProcessCli.run(
              "", "wrap", "--kbpk", AES_KBPK, "--header", "D0000P0TE00N0000", "--key", key);
      assertEquals(1, r.status(), r.out());
      assertTrue(r.err().contains("DEGENERATE_TDES_KEY"), r.err());
      assertEquals("", r.out());
    }
  }
}
