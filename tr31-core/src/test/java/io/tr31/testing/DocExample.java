/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Compiles and runs a Java example from the project's Markdown, so documentation cannot drift from
 * the API: the first {@code ```java} block after an HTML comment marker, as one source file run by
 * the JDK's source launcher in a child JVM against the test class path.
 */
public final class DocExample {
  private DocExample() {}

  /**
   * Runs the example and returns its output lines; fails the test unless it exits 0 in time.
   *
   * @param markdown the document, relative to the project root (surefire runs in the module)
   * @param marker the start of the HTML comment before the block, e.g. {@code <!-- readme-example}
   * @param className the example's public class
   * @param tmp a scratch directory
   */
  public static List<String> run(String markdown, String marker, String className, Path tmp)
      throws Exception {
    String text = Files.readString(Paths.get("..", markdown), StandardCharsets.UTF_8);
    int at = text.indexOf(marker);
    assertTrue(at >= 0, markdown + " has no " + marker + " marker");
    int start = text.indexOf("```java\n", at) + "```java\n".length();
    int end = text.indexOf("```", start);
    Path src = tmp.resolve(className + ".java");
    Files.writeString(src, text.substring(start, end), StandardCharsets.UTF_8);
    Process p =
        new ProcessBuilder(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                src.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), markdown + " example did not finish");
    assertEquals(0, p.exitValue(), () -> markdown + " example failed:\n" + output);
    return output.lines().toList();
  }
}
