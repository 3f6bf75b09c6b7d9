/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.assurance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A build check for side-channel hygiene: the library's own sources compare byte arrays only with
 * {@code MessageDigest.isEqual} (constant time), never with {@code Arrays.equals}, and never
 * compare MAC, KCV, signature or key values as strings with {@code equals}.
 */
class ConstantTimeComparisonTest {
  private static final Pattern ARRAYS_EQUALS =
      Pattern.compile("Arrays\\.equals\\(|Arrays\\.mismatch\\(");
  private static final Pattern SECRET_STRING_EQUALS =
      Pattern.compile(
          "(?i)\\b\\w*(mac|kcv|signature|tag|secret)\\w*\\s*\\.\\s*equals(IgnoreCase)?\\("
              + "|\\.equals(IgnoreCase)?\\(\\s*\\w*(mac|kcv|signature|tag|secret)\\w*\\s*\\)");

  @Test
  void mainSources_compareSecretsOnlyInConstantTime() throws IOException {
    Path main = Paths.get("src", "main", "java");
    assertTrue(Files.isDirectory(main), "run from the module directory: " + main.toAbsolutePath());
    List<String> violations = new ArrayList<>();
    int files = 0;
    try (Stream<Path> paths = Files.walk(main)) {
      for (Path p : (Iterable<Path>) paths.filter(f -> f.toString().endsWith(".java"))::iterator) {
        files++;
        List<String> lines = Files.readAllLines(p);
        for (int i = 0; i < lines.size(); i++) {
          String line = lines.get(i).strip();
          if (line.startsWith("*") || line.startsWith("//") || line.startsWith("/*")) {
            continue;
          }
          if (ARRAYS_EQUALS.matcher(line).find() || SECRET_STRING_EQUALS.matcher(line).find()) {
            violations.add(main.relativize(p) + ":" + (i + 1) + ": " + line);
          }
        }
      }
    }
    assertEquals(List.of(), violations);
    assertTrue(files > 50, "scanned " + files + " files");
  }

  @Test
  void theCheckItself_catchesTheComparisonsItForbids() {
    for (String bad :
        new String[] {
          "if (Arrays.equals(mac, expected)) {",
          "return computedMac.equals(receivedMac);",
          "if (kcvHex.equalsIgnoreCase(other)) {",
          "boolean ok = expected.equals(signature);"
        }) {
      assertTrue(
          ARRAYS_EQUALS.matcher(bad).find() || SECRET_STRING_EQUALS.matcher(bad).find(), bad);
    }
  }
}
