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
import java.util.List;
import java.util.Map;

/** Runs {@code --json} batches in process through {@link Main#run}. */
final class InProcessCli {
  private InProcessCli() {}

  /** What one in-process run printed, and its exit status. */
  record Result(int status, String out, String err) {}

  /** Runs {@code args} on {@code stdin} through {@link Main#run}. */
  static Result run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            args,
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs {@code args} on {@code stdin}; asserts exit status 0 and returns the output lines. */
  static List<String> batch(String stdin, String... args) {
    Result r = run(stdin, args);
    assertEquals(0, r.status(), r.err());
    return r.out().lines().toList();
  }

  /** One output line as a JSON object. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> json(String line) {
    return (Map<String, Object>) Vectors.parseJson(line);
  }
}
