/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The known-answer vector files are part of the project: every file the tests need is on the test
 * class path, byte for byte the file whose SHA-256 {@code PROVENANCE.md} records, and Wycheproof's
 * license travels with its files.
 */
class VectorFilesTest {
  private static final String[] REQUIRED = {
    "tr31_vectors.json",
    "kcv_vectors.json",
    "tr31_derivation_vectors.json",
    "tr31_header_vectors.json",
    "tdes_cmac_vectors.json",
    "pin_vectors.json",
    "wycheproof/aes_cmac_test.json",
    "wycheproof/aes_cbc_pkcs5_test.json",
    "wycheproof/hmac_sha256_test.json",
  };

  @Test
  void everyRequiredVectorFile_isPresent_andMatchesItsRecordedDigest() throws Exception {
    Map<String, String> recorded = recordedDigests();
    assertEquals(REQUIRED.length, recorded.size(), "PROVENANCE.md rows");
    for (String name : REQUIRED) {
      byte[] file = read("/vectors/" + name);
      assertNotNull(file, "vector file missing from the test class path: " + name);
      assertEquals(recorded.get(name), sha256(file), "SHA-256 of " + name);
    }
  }

  @Test
  void wycheproofFiles_travelWithTheirLicenseAndSource() throws Exception {
    byte[] license = read("/vectors/wycheproof/LICENSE");
    assertNotNull(license, "wycheproof/LICENSE");
    assertTrue(new String(license, StandardCharsets.UTF_8).contains("Apache License"));
    byte[] source = read("/vectors/wycheproof/SOURCE.txt");
    assertNotNull(source, "wycheproof/SOURCE.txt");
    assertTrue(
        new String(source, StandardCharsets.UTF_8)
            .contains("dac1dd4729fd1f8dd9e1e9f3dce51d783da6c166"));
  }

  private static Map<String, String> recordedDigests() throws IOException {
    byte[] provenance = read("/vectors/PROVENANCE.md");
    assertNotNull(provenance, "vectors/PROVENANCE.md");
    Matcher m =
        Pattern.compile("^\\| `([^`]+\\.json)` \\|.*\\| `([0-9a-f]{64})` \\|$", Pattern.MULTILINE)
            .matcher(new String(provenance, StandardCharsets.UTF_8));
    Map<String, String> digests = new LinkedHashMap<>();
    while (m.find()) {
      digests.put(m.group(1), m.group(2));
    }
    return digests;
  }

  private static byte[] read(String resource) throws IOException {
    try (InputStream in = VectorFilesTest.class.getResourceAsStream(resource)) {
      if (in == null) {
        return null;
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      for (int n; (n = in.read(buf)) != -1; ) {
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    }
  }

  private static String sha256(byte[] data) throws NoSuchAlgorithmException {
    StringBuilder hex = new StringBuilder();
    for (byte b : MessageDigest.getInstance("SHA-256").digest(data)) {
      hex.append(String.format("%02x", b & 0xff));
    }
    return hex.toString();
  }
}
