/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@code src/docs/KEY-ATTRIBUTES.md} and {@link KeyAttributePolicy} list the same combinations. */
class KeyAttributePolicyDocTest {
  @Test
  void documentedTable_equalsThePolicy() throws Exception {
    Path doc = Paths.get("..", "src", "docs", "KEY-ATTRIBUTES.md");
    assertTrue(Files.isRegularFile(doc), "missing " + doc.toAbsolutePath());
    Set<String> documented = new TreeSet<>();
    for (String line : Files.readAllLines(doc)) {
      String[] cols = line.split("\\|");
      if (cols.length < 4 || !cols[1].trim().matches("[A-Z][0-9]")) {
        continue;
      }
      for (String a : cols[2].split(",")) {
        for (String m : cols[3].split(",")) {
          documented.add(cols[1].trim() + a.trim() + m.trim());
        }
      }
    }
    Set<String> policy = new TreeSet<>();
    for (KeyUsage u : KeyUsage.values()) {
      for (KeyAlgorithm a : KeyAlgorithm.values()) {
        for (ModeOfUse m : KeyAttributePolicy.permittedModes(u, a)) {
          policy.add(u.code() + a.code() + m.code());
        }
      }
    }
    assertEquals(policy, documented);
  }
}
