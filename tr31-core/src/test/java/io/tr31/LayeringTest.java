/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package layering of DESIGN.md, checked on the compiled classes with {@code jdeps
 * -verbose:package}: every dependency between the library's packages must be one the table below
 * allows, and the table itself is a strict order (so no cycle can exist).
 */
class LayeringTest {

  /** Each package and the packages it may use; a package may only use those listed before it. */
  private static final Map<String, List<String>> ALLOWED = new TreeMap<>();

  static {
    ALLOWED.put("io.tr31", List.of());
    ALLOWED.put("io.tr31.internal", List.of("io.tr31"));
    ALLOWED.put("io.tr31.keyblock", List.of("io.tr31", "io.tr31.internal"));
    ALLOWED.put("io.tr31.envelope", List.of("io.tr31", "io.tr31.internal"));
    ALLOWED.put(
        "io.tr31.terminal",
        List.of(
            "io.tr31", "io.tr31.internal", "io.tr31.keyblock", "io.tr31.envelope", "io.tr31.pin"));
    ALLOWED.put("io.tr31.pin", List.of("io.tr31", "io.tr31.internal", "io.tr31.keyblock"));
    ALLOWED.put(
        "io.tr31.cli",
        List.of(
            "io.tr31",
            "io.tr31.internal",
            "io.tr31.keyblock",
            "io.tr31.envelope",
            "io.tr31.pin",
            "io.tr31.terminal"));
  }

  @Test
  void everyPackageDependency_isOneTheLayeringAllows() throws Exception {
    Map<String, Set<String>> actual = packageDependencies();
    assertEquals(ALLOWED.keySet(), actual.keySet(), "the library's packages");
    List<String> violations = new ArrayList<>();
    actual.forEach(
        (from, tos) -> {
          for (String to : tos) {
            if (!ALLOWED.get(from).contains(to)) {
              violations.add(from + " -> " + to);
            }
          }
        });
    assertEquals(List.of(), violations, "dependencies the layering forbids");
  }

  @Test
  void theLayeringTable_isAStrictOrder_soItAllowsNoCycle() {
    List<String> order =
        List.of(
            "io.tr31",
            "io.tr31.internal",
            "io.tr31.keyblock",
            "io.tr31.envelope",
            "io.tr31.pin",
            "io.tr31.terminal",
            "io.tr31.cli");
    assertEquals(new TreeSet<>(order), ALLOWED.keySet());
    for (int i = 0; i < order.size(); i++) {
      for (String dependency : ALLOWED.get(order.get(i))) {
        assertTrue(
            order.indexOf(dependency) < i, order.get(i) + " may not use the later " + dependency);
      }
    }
  }

  /** {@code jdeps -verbose:package} over a copy of the compiled classes (no module descriptor). */
  private static Map<String, Set<String>> packageDependencies()
      throws IOException, URISyntaxException {
    Path classes =
        Paths.get(ErrorCode.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path copy = Files.createTempDirectory("layering");
    try {
      Path root = classes.resolve("io");
      try (Stream<Path> files = Files.walk(root)) {
        for (Path p : (Iterable<Path>) files::iterator) {
          Path target = copy.resolve(classes.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(target);
          } else {
            Files.copy(p, target);
          }
        }
      }
      ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int rc =
          jdeps.run(
              new PrintStream(out, true, StandardCharsets.UTF_8),
              new PrintStream(err, true, StandardCharsets.UTF_8),
              "-verbose:package",
              copy.toString());
      assertEquals(0, rc, err.toString(StandardCharsets.UTF_8));
      Map<String, Set<String>> deps = new TreeMap<>();
      for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
        String[] f = line.trim().split("\\s+");
        if (f.length >= 3 && f[1].equals("->") && f[0].startsWith("io.tr31")) {
          Set<String> tos = deps.computeIfAbsent(f[0], k -> new TreeSet<>());
          if (f[2].startsWith("io.tr31") && !f[2].equals(f[0])) {
            tos.add(f[2]);
          }
        }
      }
      return deps;
    } finally {
      try (Stream<Path> files = Files.walk(copy)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
