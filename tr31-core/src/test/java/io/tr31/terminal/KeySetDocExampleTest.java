/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tr31.testing.DocExample;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiles and runs the server-and-terminal example of src/docs/KEYSET.md (issue 12: the example
 * used keys its try-with-resources had destroyed).
 */
class KeySetDocExampleTest {
  @Test
  void keySetExample_compilesAndRunsTheWholeFlow(@TempDir Path tmp) throws Exception {
    List<String> lines =
        DocExample.run("src/docs/KEYSET.md", "<!-- keyset-example", "KeySetExample", tmp);
    assertEquals(List.of("{\"amount\":1000}"), lines);
  }
}
