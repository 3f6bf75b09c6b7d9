/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.internal.Hex;
import io.tr31.terminal.IssueRequest;
import io.tr31.terminal.IssuedKeySet;
import io.tr31.terminal.KeySetIssuer;
import io.tr31.terminal.Slot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code keyset install} in process: every refusal exits 1 with the slot and the code on stderr,
 * nothing on stdout, and no key (ZMK or any of the six, whole or its first 8 bytes, either case) in
 * anything printed, refusals and the success summary alike.
 */
class KeySetCommandTest {
  private static final String ZMK =
      "5A4D4B5A4D4B5A4D4B5A4D4B5A4D4B5A4D4B5A4D4B5A4D4B5A4D4B5A4D4B5A4D";

  private static List<String> secrets(IssuedKeySet set) {
    List<String> hex = new ArrayList<>(List.of(ZMK));
    for (Slot s : Slot.values()) {
      hex.add(Hex.encode(set.keyBytes(s)));
    }
    return NoSecretsInOutputTest.leakForms(hex);
  }

  @Test
  void install_everyRefusalAndTheSummary_printNoKey() throws Exception {
    byte[] zmk = Hex.decode(ZMK);
    try (KeySetIssuer issuer = KeySetIssuer.prepare(zmk);
        IssueRequest request =
            IssueRequest.builder().keySetId("ks-cli").validity(Duration.ofDays(2)).build();
        IssuedKeySet set = issuer.issue(request)) {
      String json = set.json();
      String kcv = field(json, "\"tdk\":\"([0-9A-F]{6})\"");
      List<String> tampered =
          List.of(
              json.replace(
                  "\"tdk\":\"" + kcv + "\"",
                  "\"tdk\":\"" + (kcv.startsWith("0") ? "1" : "0") + kcv.substring(1) + "\""),
              json.replace("\"key_set_id\":\"ks-cli\"", "\"key_set_id\":\"ks-clj\""),
              json.replace("\"usage\":\"pin-encryption\"", "\"usage\":\"pin-encryption\",\"x\":1"),
              json.replace(
                  "\"key_block\":\"" + b64(json, Slot.TPK),
                  "\"key_block\":\"" + b64(json, Slot.MSK)));
      List<String> printed = new ArrayList<>();
      for (String t : tampered) {
        InProcessCli.Result r = InProcessCli.run(t, "keyset", "install", "--zmk", ZMK);
        assertEquals(1, r.status(), r.err());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("tr31: KEYSET_"), r.err());
        printed.add(r.err());
      }
      InProcessCli.Result ok = InProcessCli.run(json, "keyset", "install", "--zmk", ZMK);
      assertEquals(0, ok.status(), ok.err());
      printed.add(ok.out());
      for (String text : printed) {
        for (String secret : secrets(set)) {
          assertFalse(text.contains(secret), text);
        }
      }
    }
  }

  /** The base64 key block of slot {@code s} in an issued body. */
  private static String b64(String json, Slot s) {
    return field(
        json, "\"" + s.jsonName() + "\":\\{\"key_id\":\"[^\"]*\",\"key_block\":\"([^\"]*)\"");
  }

  private static String field(String json, String regex) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile(regex).matcher(json);
    assertTrue(m.find(), regex);
    return m.group(1);
  }

  @Test
  void issue_printsOneLineOfJsonWithoutAKey() {
    InProcessCli.Result r =
        InProcessCli.run("", "keyset", "issue", "--zmk", ZMK, "--key-set-id", "ks-x");
    assertEquals(0, r.status(), r.err());
    assertEquals(1, r.out().lines().count());
    assertTrue(r.out().startsWith("{\"key_set\":{\"key_set_id\":\"ks-x\""), r.out());
    assertFalse(r.out().contains(ZMK));
  }
}
