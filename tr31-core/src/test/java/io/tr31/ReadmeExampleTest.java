/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiles and runs the README's Java example, so the documentation cannot drift from the API. */
class ReadmeExampleTest {
  private static final String MARKER = "<!-- readme-example";

  @Test
  void readmeExample_compilesAndRuns(@TempDir Path tmp) throws Exception {
    // Surefire runs in the module directory; the README is the project's.
    Path readme = Paths.get("..", "README.md");
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    int marker = text.indexOf(MARKER);
    assertTrue(marker >= 0, "README has no " + MARKER + " marker");
    int start = text.indexOf("```java\n", marker) + "```java\n".length();
    int end = text.indexOf("```", start);
    String source = text.substring(start, end);

    Path src = tmp.resolve("ReadmeExample.java");
    Files.writeString(src, source, StandardCharsets.UTF_8);
    // The JDK's source launcher compiles and runs the file in a child JVM against our classes.
    Process p =
        new ProcessBuilder(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                src.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "README example did not finish");
    assertEquals(0, p.exitValue(), () -> "README example failed:\n" + output);
    List<String> lines = output.lines().toList();
    assertEquals(1, lines.size(), () -> "unexpected output " + lines);
    assertTrue(
        lines
            .get(0)
            .matches("D0\\d{3}P0AE00E0\\d00 \\.\\.\\. KCV [0-9A-F]{6}, 32-byte key, usage P0"),
        lines.get(0));
  }
}
