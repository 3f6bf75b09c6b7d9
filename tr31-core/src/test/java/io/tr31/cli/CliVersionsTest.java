/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tr31.testing.Vectors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code unwrap}, {@code inspect} and {@code wrap} in {@code --json} batch mode over every valid
 * block of every version in {@code tr31_vectors.json}, and the Thales proprietary version {@code 0}
 * under the lenient profile, run in-process through {@link Main#run}.
 */
class CliVersionsTest {
  private static final List<Map<String, Object>> VECTORS = Vectors.loadList("tr31_vectors.json");

  private static List<String> batch(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status =
        Main.run(
            args,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    assertEquals(0, status);
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(String line) {
    return (Map<String, Object>) Vectors.parseJson(line);
  }

  private static String profileOf(Map<String, Object> v) {
    return Vectors.strictRefuses(v) ? "lenient" : "strict";
  }

  @Test
  void unwrapAndInspectJson_everyValidVector_everyVersion() {
    StringBuilder unwrapIn = new StringBuilder();
    StringBuilder inspectIn = new StringBuilder();
    List<Map<String, Object>> valid = new ArrayList<>();
    for (Map<String, Object> v : VECTORS) {
      if ("valid".equals(v.get("expect"))) {
        valid.add(v);
        String common =
            "\"key_block\":\"" + v.get("key_block") + "\",\"profile\":\"" + profileOf(v) + "\"";
        unwrapIn.append("{").append(common).append(",\"kbpk\":\"").append(v.get("kbpk_hex"));
        unwrapIn.append("\"}\n");
        inspectIn.append("{").append(common).append("}\n");
      }
    }
    List<String> unwrapped = batch(unwrapIn.toString(), "unwrap", "--json");
    List<String> inspected = batch(inspectIn.toString(), "inspect", "--json");
    List<String> failures = new ArrayList<>();
    Map<String, Integer> perVersion = new TreeMap<>();
    for (int i = 0; i < valid.size(); i++) {
      Map<String, Object> v = valid.get(i);
      Map<String, Object> u = json(unwrapped.get(i));
      Map<String, Object> h = json(inspected.get(i));
      if (!v.get("expected_key_hex").equals(u.get("key"))
          || !v.get("version").equals(u.get("version"))
          || !v.get("version").equals(h.get("version"))) {
        failures.add(v.get("id") + ": " + unwrapped.get(i) + " / " + inspected.get(i));
      }
      perVersion.merge((String) v.get("version"), 1, Integer::sum);
    }
    assertEquals(List.of(), failures);
    assertEquals(Map.of("A", 9, "B", 23, "C", 8, "D", 33, "E", 2), perVersion);
  }

  @Test
  void unwrapJson_thalesVersion0_lenientOnlyAndLabelledProprietary() {
    Map<String, Object> v =
        castList(Vectors.loadMap("tr31_header_vectors.json").get("proprietary_not_tr31")).get(0);
    String request =
        "{\"key_block\":\"" + v.get("key_block") + "\",\"kbpk\":\"" + v.get("kbpk_hex") + "\"";
    List<String> out =
        batch(request + ",\"profile\":\"lenient\"}\n" + request + "}\n", "unwrap", "--json");
    Map<String, Object> lenient = json(out.get(0));
    assertEquals(v.get("expected_key_hex"), lenient.get("key"), out.get(0));
    assertEquals(Boolean.TRUE, lenient.get("proprietary"));
    assertEquals("INVALID_VERSION", json(out.get(1)).get("error"));
  }

  @Test
  void unwrapAndInspectJson_operatorProfile_isPinnedAgainstEveryRequestProfile() {
    Map<String, Object> v =
        castList(Vectors.loadMap("tr31_header_vectors.json").get("proprietary_not_tr31")).get(0);
    String block = "\"key_block\":\"" + v.get("key_block") + "\"";
    String request = "{" + block + ",\"kbpk\":\"" + v.get("kbpk_hex") + "\"";
    // review 1, finding 6: an explicit --profile strict is not relaxed by a request line
    List<String> pinned =
        batch(request + ",\"profile\":\"lenient\"}\n", "unwrap", "--json", "--profile", "strict");
    assertEquals("INVALID_REQUEST", json(pinned.get(0)).get("error"), pinned.get(0));
    List<String> inspect =
        batch(
            "{" + block + ",\"profile\":\"lenient\"}\n",
            "inspect",
            "--json",
            "--profile",
            "strict");
    assertEquals("INVALID_REQUEST", json(inspect.get(0)).get("error"), inspect.get(0));
    // issue 12, F1: one rule for every pinned field; a line may not restate --profile either
    List<String> restated =
        batch(request + ",\"profile\":\"strict\"}\n", "unwrap", "--json", "--profile", "lenient");
    assertEquals("INVALID_REQUEST", json(restated.get(0)).get("error"), restated.get(0));
    // a line that omits it gets the operator's profile
    List<String> pinned2 =
        batch(request + "}\n", "unwrap", "--json", "--profile", "lenient");
    assertEquals(Boolean.TRUE, json(pinned2.get(0)).get("ok"), pinned2.get(0));
  }

  @Test
  void wrapJson_everyVersion_roundTripsThroughUnwrap() {
    String tdes = "89E88CF7931444F334BD7547FC3F380C";
    String aes = "88E1AB2A2E3DD38C1FA039A536500CC8A87AB9D62DC92C01058FA79F44657DE6";
    String key = "F039121BEC83D26B169BDCD5B22AAF8F";
    String[][] cases = {
      {"A", tdes}, {"B", tdes}, {"C", tdes}, {"D", aes}, {"E", aes},
    };
    StringBuilder in = new StringBuilder();
    for (String[] c : cases) {
      in.append("{\"kbpk\":\"")
          .append(c[1])
          .append("\",\"header\":\"")
          .append(c[0])
          .append("0000P0TE00E0000\",\"key\":\"")
          .append(key)
          .append("\"}\n");
    }
    List<String> wrapped = batch(in.toString(), "wrap", "--json", "--allow-deprecated");
    StringBuilder unwrapIn = new StringBuilder();
    for (int i = 0; i < cases.length; i++) {
      Map<String, Object> w = json(wrapped.get(i));
      assertEquals(Boolean.TRUE, w.get("ok"), wrapped.get(i));
      assertEquals(cases[i][0].charAt(0), ((String) w.get("key_block")).charAt(0));
      unwrapIn.append("{\"key_block\":\"").append(w.get("key_block"));
      unwrapIn.append("\",\"kbpk\":\"").append(cases[i][1]).append("\"}\n");
    }
    // without --allow-deprecated, version A is refused
    List<String> refused =
        batch(
            "{\"kbpk\":\"" + tdes + "\",\"header\":\"A0000P0TE00E0000\",\"key\":\"" + key + "\"}\n",
            "wrap",
            "--json");
    assertEquals("UNSUPPORTED_OPERATION", json(refused.get(0)).get("error"), refused.get(0));
    List<String> back = batch(unwrapIn.toString(), "unwrap", "--json");
    for (String line : back) {
      assertEquals(key, json(line).get("key"), line);
    }
    assertEquals(cases.length, back.size());
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> castList(Object o) {
    return (List<Map<String, Object>>) o;
  }
}
