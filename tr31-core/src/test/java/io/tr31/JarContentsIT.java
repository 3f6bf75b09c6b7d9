/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * What an adopter finds in the packaged jars (after {@code package}): the project's license and
 * notice, and a manifest that names the artifact and its version.
 */
class JarContentsIT {
  private static Path cliJar() {
    String p = System.getProperty("tr31.cliJar");
    assertNotNull(p, "tr31.cliJar is not set: run through failsafe (mvn verify)");
    return Paths.get(p);
  }

  /** The library jar sits beside the -cli jar: same name without the classifier. */
  private static Path libraryJar() {
    Path cli = cliJar();
    return cli.resolveSibling(cli.getFileName().toString().replaceFirst("-cli\\.jar$", ".jar"));
  }

  private static byte[] entry(JarFile jar, String name) throws IOException {
    ZipEntry e = jar.getEntry(name);
    assertNotNull(e, jar.getName() + " has no " + name);
    try (InputStream in = jar.getInputStream(e)) {
      return in.readAllBytes();
    }
  }

  /** Checks what both jars share and returns the manifest's main attributes. */
  private static Attributes assertLicensedAndVersioned(Path path) throws IOException {
    try (JarFile jar = new JarFile(path.toFile())) {
      // Surefire and failsafe run in the module directory; LICENSE is the project's.
      byte[] license = Files.readAllBytes(Paths.get("..", "LICENSE"));
      assertArrayEquals(license, entry(jar, "META-INF/LICENSE"), "META-INF/LICENSE");
      String notice = new String(entry(jar, "META-INF/NOTICE"), StandardCharsets.UTF_8);
      assertTrue(notice.startsWith("tr31\n"), notice);
      assertTrue(notice.contains("Apache License, Version 2.0"), notice);
      assertTrue(notice.contains("Jackson"), "NOTICE credits the bundled Jackson Core");

      Properties pom = new Properties();
      byte[] pomProperties = entry(jar, "META-INF/maven/io.tr31/tr31-core/pom.properties");
      pom.load(new ByteArrayInputStream(pomProperties));
      Attributes main = jar.getManifest().getMainAttributes();
      assertEquals("tr31-core", main.getValue(Attributes.Name.IMPLEMENTATION_TITLE));
      assertEquals(
          pom.getProperty("version"), main.getValue(Attributes.Name.IMPLEMENTATION_VERSION));
      return main;
    }
  }

  @Test
  void libraryJar_carriesLicenseNoticeAndImplementationEntries() throws IOException {
    assertLicensedAndVersioned(libraryJar());
  }

  @Test
  void cliJar_carriesLicenseNoticeImplementationEntriesAndStaysRunnable() throws IOException {
    Attributes main = assertLicensedAndVersioned(cliJar());
    assertEquals("io.tr31.cli.Main", main.getValue(Attributes.Name.MAIN_CLASS));
    assertEquals("true", main.getValue(Attributes.Name.MULTI_RELEASE));
  }
}
