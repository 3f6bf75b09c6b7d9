/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.envelope.EnvelopeOptions;
import io.tr31.envelope.PayloadProtector;
import io.tr31.envelope.SealedPayload;
import io.tr31.internal.Hex;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvelopeCommandTest {
  private static final String MSK = "00112233445566778899AABBCCDDEEFF".repeat(2);
  private static final String MAC = "0F1E2D3C4B5A69788796A5B4C3D2E1F0".repeat(2);
  private static final byte[] PLAIN = "{\"amount\":1000}".getBytes(US_ASCII);

  @TempDir Path dir;

  private static final class Run {
    final int exit;
    final byte[] out;
    final String err;

    Run(int exit, byte[] out, String err) {
      this.exit = exit;
      this.out = out;
      this.err = err;
    }
  }

  private static Run run(byte[] stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit =
        EnvelopeCommand.run(
            Arrays.asList(args),
            new ByteArrayInputStream(stdin),
            new PrintStream(out, true),
            new PrintStream(err, true));
    return new Run(exit, out.toByteArray(), err.toString(US_ASCII));
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      b.writeBytes(p);
    }
    return b.toByteArray();
  }

  @Test
  void sealThenOpen_roundTripsInEveryVariant() {
    List<String[]> variants = new ArrayList<>();
    variants.add(new String[] {});
    variants.add(new String[] {"--gzip"});
    variants.add(new String[] {"--chunked", "--chunk-size", "4"});
    variants.add(new String[] {"--chunked", "--gzip"});
    for (String[] v : variants) {
      List<String> seal = new ArrayList<>(List.of("seal", "--msk", MSK));
      seal.addAll(Arrays.asList(v));
      Run sealed = run(PLAIN, seal.toArray(new String[0]));
      assertEquals(0, sealed.exit, sealed.err);
      String body = new String(sealed.out, US_ASCII);
      assertTrue(body.endsWith("}\n") && body.indexOf('\n') == body.length() - 1, body);
      List<String> open = new ArrayList<>(List.of("open", "--msk", MSK));
      if (seal.contains("--gzip")) {
        open.add("--gzip");
      }
      Run opened = run(sealed.out, open.toArray(new String[0]));
      assertEquals(0, opened.exit, opened.err);
      assertArrayEquals(PLAIN, opened.out);
    }
  }

  @Test
  void signedSealThenOpen_verifiesTheSignatureFromTheFile() throws Exception {
    Path sigFile = dir.resolve("sig");
    Run sealed =
        run(PLAIN, "seal", "--msk", MSK, "--mac-key", MAC, "--signature-file", sigFile.toString());
    assertEquals(0, sealed.exit, sealed.err);
    String sig = Files.readString(sigFile).strip();
    assertEquals(64, sig.length());
    Run opened = run(sealed.out, "open", "--msk", MSK, "--mac-key", MAC, "--signature", sig);
    assertEquals(0, opened.exit, opened.err);
    assertArrayEquals(PLAIN, opened.out);
    // CRLF as the one trailing newline is ignored too.
    byte[] crlf =
        concat(Arrays.copyOf(sealed.out, sealed.out.length - 1), "\r\n".getBytes(US_ASCII));
    assertEquals(0, run(crlf, "open", "--msk", MSK, "--mac-key", MAC, "--signature", sig).exit);
  }

  @Test
  void open_wrongSignature_exitsOneWithTheCode() {
    Run sealed = run(PLAIN, "seal", "--msk", MSK);
    Run opened =
        run(sealed.out, "open", "--msk", MSK, "--mac-key", MAC, "--signature", "00".repeat(32));
    assertEquals(1, opened.exit);
    assertEquals(0, opened.out.length);
    assertTrue(opened.err.contains("ENVELOPE_MAC_MISMATCH"), opened.err);
    assertFalse(opened.err.contains(MSK) || opened.err.contains(MAC));
  }

  @Test
  void open_twoTrailingNewlines_isRefused() {
    Run sealed = run(PLAIN, "seal", "--msk", MSK);
    Run opened = run(concat(sealed.out, "\n".getBytes(US_ASCII)), "open", "--msk", MSK);
    assertEquals(0, opened.exit, "JSON whitespace after the object is legal");
    Run garbage = run(concat(sealed.out, "x".getBytes(US_ASCII)), "open", "--msk", MSK);
    assertEquals(1, garbage.exit);
    assertTrue(garbage.err.contains("ENVELOPE_JSON_SYNTAX"), garbage.err);
  }

  @Test
  void keyArguments_fileAndEnvironmentForms_areAccepted() throws Exception {
    Path keyFile = dir.resolve("msk.hex");
    Files.writeString(keyFile, MSK.toLowerCase(java.util.Locale.ROOT) + "\n");
    Run sealed = run(PLAIN, "seal", "--msk", "@" + keyFile);
    assertEquals(0, sealed.exit, sealed.err);
    assertArrayEquals(PLAIN, run(sealed.out, "open", "--msk=" + MSK).out);
    String env = System.getenv().keySet().stream().findFirst().orElseThrow();
    Run badEnv = run(PLAIN, "seal", "--msk", "env:" + env + "_SURELY_NOT_SET_4711");
    assertEquals(2, badEnv.exit);
    assertTrue(badEnv.err.contains("is not set"), badEnv.err);
  }

  @Test
  void usageErrors_exitTwo() {
    assertEquals(2, run(PLAIN).exit);
    assertEquals(2, run(PLAIN, "seal").exit);
    assertEquals(2, run(PLAIN, "frobnicate", "--msk", MSK).exit);
    assertEquals(2, run(PLAIN, "seal", "--msk", "ABCD").exit);
    assertEquals(2, run(PLAIN, "seal", "--msk", "XYZ").exit);
    assertEquals(2, run(PLAIN, "seal", "--msk", MSK, "--mac-key", MAC).exit);
    assertEquals(2, run(PLAIN, "seal", "--msk", MSK, "--chunk-size", "4").exit);
    assertEquals(2, run(PLAIN, "seal", "--msk", MSK, "--chunked", "--chunk-size", "0").exit);
    assertEquals(2, run(PLAIN, "open", "--msk", MSK, "--signature", "00").exit);
    assertEquals(2, run(PLAIN, "open", "--msk", MSK, "--msk", MSK).exit);
    assertEquals(2, run(PLAIN, "open", "--msk", MSK, "--bogus").exit);
  }

  @Test
  void strayKeyArgument_isNotEchoed() {
    Run r = run(PLAIN, "seal", MSK);
    assertEquals(2, r.exit);
    assertFalse(r.err.contains(MSK), r.err);
    Run v = run(PLAIN, MSK, "--msk", MSK);
    assertEquals(2, v.exit);
    assertFalse(v.err.contains(MSK), v.err);
  }

  @Test
  void help_printsUsageAndExitsZero() {
    Run r = run(PLAIN, "--help");
    assertEquals(0, r.exit);
    assertTrue(new String(r.out, US_ASCII).contains("envelope seal --msk"));
  }

  @Test
  void open_notAnEnvelope_exitsOne() {
    Run r = run("hello".getBytes(US_ASCII), "open", "--msk", MSK);
    assertEquals(1, r.exit);
    assertTrue(r.err.contains("ENVELOPE_JSON_SYNTAX"), r.err);
  }

  @Test
  void open_signedGzipEnvelopeWithBytesAfterTheMember_exitsOneGzipCorrupt() throws Exception {
    // Issue 12: the inner gzip member, then one more byte; sealed and signed by the keys'
    // owner, so only the gzip reader can refuse it.
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream g = new GZIPOutputStream(gz)) {
      g.write(PLAIN);
    }
    gz.write(0);
    byte[] body;
    String sig;
    try (PayloadProtector keys = PayloadProtector.create(Hex.decode(MSK), Hex.decode(MAC))) {
      SealedPayload sealed = keys.seal(gz.toByteArray(), EnvelopeOptions.DEFAULTS);
      body = sealed.body().getBytes(US_ASCII);
      sig = sealed.signature();
    }
    Run opened = run(body, "open", "--msk", MSK, "--mac-key", MAC, "--signature", sig, "--gzip");
    assertEquals(1, opened.exit, opened.err);
    assertEquals(0, opened.out.length);
    assertTrue(opened.err.contains("ENVELOPE_GZIP_CORRUPT"), opened.err);
  }
}
