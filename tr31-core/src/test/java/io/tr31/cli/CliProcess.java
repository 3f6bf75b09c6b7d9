/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the shaded CLI jar ({@code tr31.cliJar}) in a child JVM: a real process-level test. */
final class CliProcess {
  /** The result of one run. */
  record Result(int exitCode, String stdout, String stderr) {
    List<String> lines() {
      return stdout.lines().toList();
    }
  }

  private CliProcess() {}

  static Path jar() {
    String p = System.getProperty("tr31.cliJar");
    if (p == null || !Files.isRegularFile(Paths.get(p))) {
      throw new AssertionError("CLI jar not built: " + p);
    }
    return Paths.get(p);
  }

  static Result run(String stdin, String... args) {
    return run(stdin, Map.of(), args);
  }

  static Result run(String stdin, Map<String, String> env, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add("-jar");
    cmd.add(jar().toString());
    cmd.addAll(List.of(args));
    return java(cmd, stdin, env);
  }

  /** Runs the test's own {@code java} with {@code javaArgs} (class path, main class, arguments). */
  static Result java(List<String> javaArgs, String stdin, Map<String, String> env) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(javaArgs);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().putAll(env);
    try {
      Process p = pb.start();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread o = pump(p.getInputStream(), out);
      Thread e = pump(p.getErrorStream(), err);
      try (OutputStream in = p.getOutputStream()) {
        if (stdin != null) {
          in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("java did not finish in 60 s: " + cmd);
      }
      o.join();
      e.join();
      return new Result(
          p.exitValue(),
          out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new AssertionError(ex);
    }
  }

  private static Thread pump(InputStream in, ByteArrayOutputStream sink) {
    Thread t =
        new Thread(
            () -> {
              try {
                in.transferTo(sink);
              } catch (IOException ignored) {
                // the process ended; what was read is kept
              }
            });
    t.start();
    return t;
  }
}
