/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code tr31-core} jar as a consumer gets it: a small program compiled against it (and
 * jackson-core, its one dependency) runs on the class path and on the module path; the command
 * line is not in it, and is in the {@code -cli} jar ({@link KeySetIT} runs {@code demo} there).
 */
class LibraryJarIT {
  private static final String CLI_MAIN = "io.tr31.cli.Main";
  private static final String CONSUMER = "com/example/consumer/Consumer.java";

  private static final String EXPECTED =
      "key block version D, usage P0, round trip true\nenvelope {\"amount\":1250}\n";

  private static Path libraryJar() {
    return built("tr31.libraryJar");
  }

  private static Path built(String property) {
    String p = System.getProperty(property);
    if (p == null || !Files.isRegularFile(Paths.get(p))) {
      throw new AssertionError(property + " not built: " + p);
    }
    return Paths.get(p);
  }

  /** The jackson-core jar this test runs with: the one the library was built against. */
  private static Path jacksonJar() throws Exception {
    return Paths.get(JsonFactory.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  private static String path(Path... entries) {
    List<String> s = new ArrayList<>();
    for (Path e : entries) {
      s.add(e.toString());
    }
    return String.join(File.pathSeparator, s);
  }

  /** Copies the consumer source {@code relative} (a test resource) under {@code root}. */
  private static Path source(Path root, String relative) throws IOException {
    Path f = root.resolve(relative);
    Files.createDirectories(f.getParent());
    try (InputStream in = LibraryJarIT.class.getResourceAsStream("consumer/" + relative)) {
      assertNotNull(in, relative);
      Files.copy(in, f);
    }
    return f;
  }

  private static void compile(List<String> options, Path... sources) {
    ToolProvider javac =
        ToolProvider.findFirst("javac").orElseThrow(() -> new AssertionError("not a JDK"));
    List<String> args = new ArrayList<>(options);
    args.add("-Xlint:all");
    args.add("-Werror");
    for (Path s : sources) {
      args.add(s.toString());
    }
    StringWriter diagnostics = new StringWriter();
    PrintWriter w = new PrintWriter(diagnostics);
    int rc = javac.run(w, w, args.toArray(new String[0]));
    w.flush();
    assertEquals(0, rc, () -> "the consumer does not compile against the jar:\n" + diagnostics);
  }

  @Test
  void consumer_onTheClassPath_compilesAndRuns(@TempDir Path dir) throws Exception {
    Path consumer = source(dir.resolve("src"), CONSUMER);
    Path classes = dir.resolve("classes");
    String cp = path(libraryJar(), jacksonJar());
    compile(List.of("--release", "17", "-cp", cp, "-d", classes.toString()), consumer);

    CliProcess.Result r =
        CliProcess.java(
            List.of(
                "-cp", path(classes, libraryJar(), jacksonJar()), "com.example.consumer.Consumer"),
            null,
            Map.of());

    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals(EXPECTED + "module null\n", r.stdout());
  }

  @Test
  void consumer_onTheModulePath_requiresIoTr31AndRuns(@TempDir Path dir) throws Exception {
    Path src = dir.resolve("src");
    Path descriptor = source(src, "module-info.java");
    Path consumer = source(src, CONSUMER);
    Path classes = dir.resolve("classes");
    String mp = path(libraryJar(), jacksonJar());
    compile(
        List.of("--release", "17", "--module-path", mp, "-d", classes.toString()),
        descriptor,
        consumer);

    CliProcess.Result r =
        CliProcess.java(
            List.of(
                "--module-path",
                path(classes, libraryJar(), jacksonJar()),
                "-m",
                "consumer/com.example.consumer.Consumer"),
            null,
            Map.of());

    assertEquals(0, r.exitCode(), r.stderr());
    assertEquals(EXPECTED + "module io.tr31\n", r.stdout());
  }

  @Test
  void libraryJar_hasNoCliClass_andItsModuleNamesNoCliPackage() throws Exception {
    try (JarFile jar = new JarFile(libraryJar().toFile())) {
      assertEquals(0, jar.stream().filter(e -> e.getName().startsWith("io/tr31/cli/")).count());
    }
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {libraryJar().toUri().toURL()}, null)) {
      assertNotNull(Class.forName("io.tr31.keyblock.KeyBlockProtectionKey", false, loader));
      assertThrows(ClassNotFoundException.class, () -> Class.forName(CLI_MAIN, false, loader));
    }
    ModuleDescriptor module =
        ModuleFinder.of(libraryJar()).findAll().iterator().next().descriptor();
    assertEquals("io.tr31", module.name());
    assertTrue(module.packages().contains("io.tr31.internal"), module.packages().toString());
    assertFalse(module.packages().contains("io.tr31.cli"), module.packages().toString());
  }

  @Test
  void cliJar_holdsTheCommandLine() throws Exception {
    Path cliJar = built("tr31.cliJar");
    try (JarFile jar = new JarFile(cliJar.toFile())) {
      assertTrue(jar.stream().anyMatch(e -> e.getName().equals("io/tr31/cli/Main.class")));
      assertEquals(CLI_MAIN, jar.getManifest().getMainAttributes().getValue("Main-Class"));
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {cliJar.toUri().toURL()}, null)) {
      assertNotNull(Class.forName(CLI_MAIN, false, loader));
    }
  }
}
