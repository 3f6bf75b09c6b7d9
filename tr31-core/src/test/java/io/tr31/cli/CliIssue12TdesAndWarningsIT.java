/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.testing.Vectors;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 12 through the shaded jar: F2 (wrap refuses degenerate TDES KBPKs and keys under strict)
 * and F6 (a lenient unwrap reports what it tolerated, on standard error and in {@code --json}).
 */
class CliIssue12TdesAndWarningsIT {
  // TR-31:2018 Annex A.7.4 (version D, AES-256 KBPK), as carried in the test vectors (TR31-008).
  private static final Map<String, Object> A74 = Vectors.keyBlockVector("TR31-008");
  private static final String KBPK = (String) A74.get("kbpk_hex");
  private static final String BLOCK = (String) A74.get("key_block");
  private static final String KEY = (String) A74.get("expected_key_hex");
  private static final String LOWER =
      BLOCK.substring(0, 16) + BLOCK.substring(16).toLowerCase(Locale.ROOT);

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String line) {
    return (Map<String, Object>) Vectors.parseJson(line.trim());
  }

  @Test
  void unwrapJson_lenientLowerCaseHex_answersOkWithNonEmptyWarnings() {
    String line = "{\"key_block\":\"" + LOWER + "\",\"kbpk\":\"" + KBPK + "\"}\n";
    CliProcess.Result r = CliProcess.run(line, "unwrap", "--json", "--profile", "lenient");
    assertEquals(0, r.exitCode(), r.stderr());
    Map<String, Object> answer = json(r.stdout());
    assertEquals(Boolean.TRUE, answer.get("ok"), r.stdout());
    assertEquals(KEY, answer.get("key"));
    assertFalse(((List<?>) answer.get("warnings")).isEmpty(), r.stdout());
  }

  @Test
  void unwrapText_lenientLowerCaseHex_printsWarningOnStandardErrorOnly() {
    CliProcess.Result r =
        CliProcess.run(null, "unwrap", "--profile", "lenient", "--kbpk", KBPK, LOWER);
    assertEquals(0, r.exitCode(), r.stderr());
    assertTrue(r.stdout().contains(KEY), r.stdout());
    assertTrue(r.stderr().startsWith("Warning: "), r.stderr());
    assertFalse(r.stdout().contains("Warning"), r.stdout());
  }

  @Test
  void wrap_degenerateTdesKbpkOrKey_exitsOneUnderStrict() {
    String k1 = "0123456789ABCDEF";
    String k2 = "FEDCBA9876543210";
    String k3 = "89ABCDEF01234567";
    CliProcess.Result kbpk =
        CliProcess.run(
            null, "wrap", "--kbpk", k1 + k1, "--header", "B0000P0TE00N0000", "--key", k2 + k3);
    assertEquals(1, kbpk.exitCode(), kbpk.stdout());
    assertTrue(kbpk.stderr().contains("DEGENERATE_TDES_KBPK"), kbpk.stderr());
    assertEquals("", kbpk.stdout());
    CliProcess.Result key =
        CliProcess.run(
            null, "wrap", "--kbpk", KBPK, "--header", "D0000P0TE00N0000", "--key", k1 + k2 + k2);
    assertEquals(1, key.exitCode(), key.stdout());
    assertTrue(key.stderr().contains("DEGENERATE_TDES_KEY"), key.stderr());
    assertEquals("", key.stdout());
  }
}
