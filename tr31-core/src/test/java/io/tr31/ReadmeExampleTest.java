/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.testing.DocExample;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles and runs the README's Java example, so the documentation cannot drift from the API. */
class ReadmeExampleTest {
  @Test
  void readmeExample_compilesAndRuns(@TempDir Path tmp) throws Exception {
    List<String> lines = DocExample.run("README.md", "<!-- readme-example", "ReadmeExample", tmp);
    assertEquals(1, lines.size(), () -> "unexpected output " + lines);
    assertTrue(
        lines
            .get(0)
            .matches("D0\\d{3}P0AE00E0\\d00 \\.\\.\\. KCV [0-9A-F]{6}, 32-byte key, usage P0"),
        lines.get(0));
  }
}
