/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The size of the public API (issue 13): public methods and constructors of the public types in the
 * exported packages, counted as {@code javap -public} counts them (declared members only, enum
 * {@code values()}/{@code valueOf} and overrides included). The budget keeps the API small; raising it
 * is a design decision to record in DESIGN.md, not a test to adjust quietly.
 */
class ApiSurfaceTest {
  private static final int BUDGET = 260;

  private static final List<String> EXPORTED =
      List.of(
          "io.tr31", "io.tr31.keyblock", "io.tr31.pin", "io.tr31.envelope", "io.tr31.terminal");

  @Test
  void exportedPackages_areExactlyTheModulesExports() {
    Set<String> exports =
        ErrorCode.class.getModule().getDescriptor() == null
            ? new TreeSet<>(EXPORTED) // class path run: nothing to compare
            : ErrorCode.class.getModule().getDescriptor().exports().stream()
                .map(e -> e.source())
                .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(new TreeSet<>(EXPORTED), exports);
  }

  @Test
  void publicMethodsAndConstructors_stayWithinTheBudget() throws Exception {
    List<String> members = new ArrayList<>();
    for (Class<?> type : publicTypes()) {
      for (Constructor<?> c : type.getDeclaredConstructors()) {
        if (Modifier.isPublic(c.getModifiers())) {
          members.add(c.toString());
        }
      }
      for (Method m : type.getDeclaredMethods()) {
        if (Modifier.isPublic(m.getModifiers())) {
          members.add(m.toString());
        }
      }
    }
    assertTrue(
        members.size() <= BUDGET,
        members.size() + " public methods and constructors, budget " + BUDGET + ":\n"
            + String.join("\n", members));
  }

  /** Every public type (top level or nested) of the exported packages. */
  static List<Class<?>> publicTypes() throws Exception {
    Path classes =
        Paths.get(ErrorCode.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> types = new ArrayList<>();
    for (String pkg : EXPORTED) {
      Path dir = classes.resolve(pkg.replace('.', '/'));
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files.sorted()::iterator) {
          String name = f.getFileName().toString();
          if (!name.endsWith(".class") || name.equals("package-info.class")) {
            continue;
          }
          Class<?> type =
              Class.forName(
                  pkg + "." + name.substring(0, name.length() - 6),
                  false,
                  ErrorCode.class.getClassLoader());
          if (Modifier.isPublic(type.getModifiers()) && !type.isSynthetic()) {
            types.add(type);
          }
        }
      }
    }
    return types;
  }
}
