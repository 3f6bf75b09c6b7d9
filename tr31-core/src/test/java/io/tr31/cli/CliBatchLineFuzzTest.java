/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tr31.ErrorCode;
import io.tr31.testing.Vectors;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Any request line for the {@code --json} batch commands (src/docs/CLI.md "--json batch mode"), in
 * process: nothing escapes {@link Main#run}, the exit status is 0 once the input is exhausted,
 * every output line is exactly one JSON object with the documented fields of its command, there is
 * one output line per input line, and neither standard error nor an error message carries the KBPKs
 * given as arguments.
 *
 * <p>Input layout: the first byte chooses the command (bits 0-2, modulo 5: unwrap, rewrap, wrap,
 * inspect, kcv), the variant (bits 3-4: the line as given; the line, a valid line and the line
 * again with CRLF; the line repeated past the 64 KiB limit, then the line; the line without a final
 * newline) and the argument KBPK (bit 5: AES-256, or TDES for unwrap and rewrap's source); the rest
 * is the request text. So {@code @} is unwrap under the AES KBPK, {@code `} unwrap under the TDES
 * KBPK, {@code a} rewrap from TDES, {@code B} wrap, {@code C} inspect, {@code D} kcv, {@code H}
 * unwrap with several lines, {@code P} unwrap with a long line. Seeds: {@code
 * CliBatchLineFuzzTestInputs/}.
 */
class CliBatchLineFuzzTest {
  /** TR-31:2018 A.7.4's AES-256 KBPK. */
  private static final String AES_KBPK =
      "88E1AB2A2E3DD38C1FA039A536500CC8A87AB9D62DC92C01058FA79F44657DE6";

  /** TR-31:2018 A.7.2.1's TDES KBPK. */
  private static final String TDES_KBPK = "89E88CF7931444F334BD7547FC3F380C";

  private static final String[] COMMANDS = {"unwrap", "rewrap", "wrap", "inspect", "kcv"};

  private static final String D_BLOCK =
      (String) Vectors.keyBlockVector("TR31-008").get("key_block"); // under AES_KBPK
  private static final String B_BLOCK =
      (String) Vectors.keyBlockVector("TR31-048").get("key_block"); // under TDES_KBPK

  private static final Set<String> HEADER_FIELDS =
      Set.of(
          "version",
          "usage",
          "algorithm",
          "mode",
          "key_version",
          "exportability",
          "key_context",
          "optional_blocks");

  private static final Set<String> ERROR_CODES = errorCodes();

  private static final JsonFactory JSON = new JsonFactory();

  @Test
  void validSeeds_areAnsweredOk_soTheCorpusReachesTheSuccessPaths() throws IOException {
    String[] seeds = {
      "unwrap_d_aes", "unwrap_b_tdes_lenient", "rewrap_b_to_e", "wrap_d", "kcv_aes_cmac"
    };
    for (String seed : seeds) {
      try (InputStream in =
          CliBatchLineFuzzTest.class.getResourceAsStream(
              "CliBatchLineFuzzTestInputs/batchLine_anyRequest_oneDocumentedJsonObjectPerLine/"
                  + seed)) {
        List<Map<String, Object>> answers = check(in.readAllBytes());
        assertEquals(1, answers.size(), seed);
        assertEquals(Boolean.TRUE, answers.get(0).get("ok"), seed + ": " + answers);
      }
    }
  }

  @FuzzTest(maxDuration = "15m")
  void batchLine_anyRequest_oneDocumentedJsonObjectPerLine(byte[] data) {
    if (data == null || data.length == 0) {
      return;
    }
    check(data);
  }

  /** Runs one fuzz input through the CLI, checks the contract, returns the parsed answers. */
  private static List<Map<String, Object>> check(byte[] data) {
    int selector = data[0] & 0xff;
    String command = COMMANDS[(selector & 0x07) % COMMANDS.length];
    int variant = (selector >> 3) & 0x03;
    boolean tdes = (selector & 0x20) != 0;
    byte[] line = Arrays.copyOfRange(data, 1, data.length);
    String valid = validLine(command, tdes);
    byte[] input = input(variant, line, valid);
    String[] args = arguments(command, tdes);

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc =
        Main.run(
            args,
            new ByteArrayInputStream(input),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    String stderr = err.toString(StandardCharsets.UTF_8);
    assertEquals(0, rc, "exit status once the input is exhausted; stderr: " + stderr);
    for (String kbpk : new String[] {AES_KBPK, TDES_KBPK}) {
      assertFalse(stderr.toUpperCase(Locale.ROOT).contains(kbpk), "KBPK on standard error");
    }

    String stdout = out.toString(StandardCharsets.UTF_8);
    assertTrue(stdout.isEmpty() || stdout.endsWith("\n"), "unterminated output line");
    List<String> answers = stdout.isEmpty() ? List.of() : List.of(stdout.split("\n", -1));
    answers = answers.subList(0, Math.max(0, answers.size() - 1));
    assertEquals(requestLines(input), answers.size(), "one answer per request line");
    String request = new String(input, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT);
    List<Map<String, Object>> parsed = new ArrayList<>();
    for (String answer : answers) {
      Map<String, Object> r = object(answer);
      parsed.add(r);
      Object ok = r.get("ok");
      if (Boolean.TRUE.equals(ok)) {
        assertSuccessFields(command, r, answer);
      } else {
        assertEquals(Boolean.FALSE, ok, answer);
        assertEquals(Set.of("ok", "error", "message"), r.keySet(), answer);
        assertTrue(ERROR_CODES.contains(r.get("error")), "undocumented error code: " + answer);
        String message = ((String) r.get("message")).toUpperCase(Locale.ROOT);
        for (String kbpk : new String[] {AES_KBPK, TDES_KBPK}) {
          // The KBPK may appear only where the request itself carried it.
          assertTrue(!message.contains(kbpk) || request.contains(kbpk), "KBPK in " + answer);
        }
      }
    }
    if (variant == 1) {
      // The valid line in the middle is answered whatever its neighbours were.
      int middle = requestLines(prefixUpToValidLine(line, valid)) - 1;
      assertEquals(Boolean.TRUE, parsed.get(middle).get("ok"), answers.get(middle));
    }
    return parsed;
  }

  private static byte[] input(int variant, byte[] line, String valid) {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    switch (variant) {
      case 0:
        in.writeBytes(line);
        in.write('\n');
        break;
      case 1:
        in.writeBytes(prefixUpToValidLine(line, valid));
        in.writeBytes(line);
        in.writeBytes(new byte[] {'\r', '\n'});
        break;
      case 2:
        // One line just over the limit, built from the request, then the request on its own.
        ByteArrayOutputStream unit = new ByteArrayOutputStream();
        for (byte b : line) {
          if (b != '\n') {
            unit.write(b);
          }
        }
        if (unit.size() == 0) {
          unit.write(' ');
        }
        byte[] u = unit.toByteArray();
        while (in.size() <= JsonLines.MAX_LINE_CHARS) {
          in.writeBytes(u);
        }
        in.write('\n');
        in.writeBytes(line);
        in.write('\n');
        break;
      default:
        in.writeBytes(line);
        break;
    }
    return in.toByteArray();
  }

  /** The request line, a newline, then {@code valid} and a newline (variant 1's first part). */
  private static byte[] prefixUpToValidLine(byte[] line, String valid) {
    ByteArrayOutputStream in = new ByteArrayOutputStream();
    in.writeBytes(line);
    in.write('\n');
    in.writeBytes(valid.getBytes(StandardCharsets.UTF_8));
    in.write('\n');
    return in.toByteArray();
  }

  /** A request that always succeeds for the command and argument KBPK. */
  private static String validLine(String command, boolean tdes) {
    switch (command) {
      case "unwrap":
      case "rewrap":
      case "inspect":
        return "{\"key_block\":\"" + (tdes ? B_BLOCK : D_BLOCK) + "\"}";
      case "wrap":
        return "{\"kbpk\":\""
            + AES_KBPK
            + "\",\"header\":\"D0000P0AE00E0000\",\"key\":\""
            + TDES_KBPK
            + "\"}";
      default:
        return "{\"algorithm\":\"TDES\",\"key\":\"" + TDES_KBPK + "\"}";
    }
  }

  private static String[] arguments(String command, boolean tdes) {
    String kbpk = tdes ? TDES_KBPK : AES_KBPK;
    switch (command) {
      case "unwrap":
        return new String[] {"unwrap", "--json", "--kbpk", kbpk};
      case "rewrap":
        return new String[] {"rewrap", "--json", "--from-kbpk", kbpk, "--to-kbpk", AES_KBPK};
      default:
        return new String[] {command, "--json"};
    }
  }

  /** Lines as JsonLines reads them: ended by '\n', or a non-empty last line without one. */
  private static int requestLines(byte[] input) {
    int lines = 0;
    for (byte b : input) {
      if (b == '\n') {
        lines++;
      }
    }
    if (input.length > 0 && input[input.length - 1] != '\n') {
      lines++;
    }
    return lines;
  }

  private static void assertSuccessFields(String command, Map<String, Object> r, String answer) {
    Set<String> required = new HashSet<>();
    Set<String> optional = new HashSet<>();
    switch (command) {
      case "unwrap":
        required.addAll(HEADER_FIELDS);
        required.addAll(Set.of("key", "kcv_legacy", "kcv_cmac"));
        optional.addAll(Set.of("proprietary", "warnings"));
        assertHex(r.get("key"), answer);
        break;
      case "inspect":
        required.addAll(HEADER_FIELDS);
        optional.addAll(Set.of("proprietary", "warnings"));
        break;
      case "rewrap":
        required.addAll(Set.of("key_block", "kcv_legacy", "kcv_cmac"));
        optional.add("warnings");
        break;
      case "wrap":
        required.add("key_block");
        break;
      default:
        required.add("kcv");
        assertHex(r.get("kcv"), answer);
        break;
    }
    required.add("ok");
    Set<String> extra = new HashSet<>(r.keySet());
    extra.removeAll(required);
    extra.removeAll(optional);
    assertTrue(r.keySet().containsAll(required), "missing fields: " + answer);
    assertTrue(extra.isEmpty(), "undocumented fields " + extra + ": " + answer);
    for (String f : new String[] {"kcv_legacy", "kcv_cmac"}) {
      if (r.containsKey(f) && r.get(f) != null) {
        assertHex(r.get(f), answer);
      }
    }
    if (r.containsKey("key_block")) {
      assertTrue(r.get("key_block") instanceof String, answer);
    }
    if (r.containsKey("proprietary")) {
      assertEquals(Boolean.TRUE, r.get("proprietary"), answer);
    }
    if (r.containsKey("optional_blocks")) {
      for (Object b : (List<?>) r.get("optional_blocks")) {
        List<?> pair = (List<?>) b;
        assertEquals(2, pair.size(), answer);
        assertTrue(pair.get(0) instanceof String && pair.get(1) instanceof String, answer);
      }
    }
    for (String f : HEADER_FIELDS) {
      if (r.containsKey(f) && !f.equals("optional_blocks")) {
        assertTrue(r.get(f) instanceof String, answer);
      }
    }
  }

  private static void assertHex(Object value, String answer) {
    assertTrue(value instanceof String && ((String) value).matches("([0-9A-F]{2})+"), answer);
  }

  /** Parses one output line: exactly one JSON object, no duplicate keys, nothing after it. */
  @SuppressWarnings("unchecked")
  private static Map<String, Object> object(String line) {
    try (JsonParser p =
        JSON.createParser(line).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)) {
      assertEquals(JsonToken.START_OBJECT, p.nextToken(), line);
      p.skipChildren();
      assertNull(p.nextToken(), "content after the object: " + line);
    } catch (IOException e) {
      throw new UncheckedIOException("not one JSON object: " + line, e);
    }
    return (Map<String, Object>) Vectors.parseJson(line);
  }

  private static Set<String> errorCodes() {
    Set<String> codes = new HashSet<>(Set.of("INVALID_JSON", "INVALID_REQUEST", "LINE_TOO_LONG"));
    for (ErrorCode c : ErrorCode.values()) {
      codes.add(c.name());
    }
    return codes;
  }
}
