/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import io.tr31.Tr31Exception;
import io.tr31.envelope.EnvelopeOptions;
import io.tr31.envelope.PayloadProtector;
import io.tr31.envelope.SealedPayload;
import io.tr31.internal.Bytes;
import io.tr31.internal.Hex;
import io.tr31.terminal.InstalledKeySet;
import io.tr31.terminal.IssueRequest;
import io.tr31.terminal.IssuedKeySet;
import io.tr31.terminal.KeySetInstaller;
import io.tr31.terminal.KeySetIssuer;
import io.tr31.terminal.KeySetKcv;
import io.tr31.terminal.Slot;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * {@code tr31 demo}: the whole POS flow in one process, every step printed. A fresh ZMK; the server
 * issues a key set ({@code POST /pos/keys}); the terminal installs it in the seed's order; the
 * terminal seals a charge request with the MSK and signs the body with the MAC key; the server
 * verifies the signature and opens the envelope.
 *
 * <h2>Security</h2>
 *
 * Prints key blocks, headers, KCVs, envelope bodies and signatures, all public. Clear keys are
 * printed only with {@code --show-keys} (for teaching; never on a production machine). Every key is
 * wiped or destroyed before returning (best effort on the JVM). Stateless.
 *
 * @since 0.1.0
 */
final class DemoCommand {
  static final String HELP =
      String.join(
          "\n",
          "Usage: tr31 demo [--show-keys]",
          "",
          "Runs the POS flow end to end with fresh keys and prints every step:",
          "  1. a fresh ZMK (AES-256), shared by the server and the terminal",
          "  2. the server issues a key set (POST /pos/keys response JSON)",
          "  3. the terminal installs it: TMK with the ZMK, KEK with the TMK, MSK, TPK, TDK and",
          "     MAC with the KEK; every header, binding and KCV checked",
          "  4. the terminal seals a charge request with the MSK and signs it with the MAC key",
          "  5. the server verifies the signature and opens the envelope",
          "  6. the terminal enciphers the cardholder's PIN (ISO 9564-1 format 4) with the TPK",
          "  7. the server deciphers it with its decipher-only copy of the TPK and checks it",
          "  --show-keys  also print the clear keys (teaching only)");

  static final String CHARGE =
      "{\"amount\":1250,\"currency\":\"EUR\",\"reference\":\"order-1042\"}";

  private DemoCommand() {}

  static int run(List<String> args, PrintStream out) throws UsageException, Tr31Exception {
    Options o = Options.parse(args, Set.of(), Set.of("--show-keys"), Set.of());
    Cli.noPositional(o);
    boolean show = o.has("--show-keys");
    SecureRandom random = new SecureRandom();
    Clock clock = Clock.systemUTC();

    byte[] zmk = new byte[Slot.KEY_BYTES];
    random.nextBytes(zmk);
    out.println("1. Key ceremony: a fresh ZMK (AES-256) shared by the server and the terminal");
    out.println(
        "   ZMK KCV " + KeySetKcv.compute(zmk).hex() + (show ? "   ZMK " + Hex.encode(zmk) : ""));
    KeySetIssuer issuer = KeySetIssuer.builder().random(random).clock(clock).build(zmk);
    KeySetInstaller installer = KeySetInstaller.builder().clock(clock).build(zmk);
    Bytes.wipe(zmk);
    try (KeySetIssuer i = issuer;
        KeySetInstaller t = installer;
        IssueRequest request = IssueRequest.builder().build();
        IssuedKeySet issued = i.issue(request)) {
      out.println();
      out.println(
          "2. Server: POST /pos/keys issues key set "
              + issued.keySetId()
              + " (TR-31 version D, AES-256)");
      for (Slot s : Slot.values()) {
        byte[] k = issued.keyBytes(s);
        out.println(
            String.format(
                "   %-4s %-14s under %-4s KCV %s",
                s.name(),
                issued.keyId(s),
                KeySetCommand.parentName(s),
                KeySetKcv.compute(k).hex()));
        if (show) {
          out.println("        key " + Hex.encode(k));
        }
        Bytes.wipe(k);
      }
      String json = issued.json();
      out.println("   response (" + json.length() + " bytes, no clear key in it):");
      out.println("   " + json);

      out.println();
      out.println("3. Terminal: installs the key set (strict JSON; blocks, headers, LB/TS, KCVs)");
      try (InstalledKeySet keys = t.install(json.getBytes(StandardCharsets.UTF_8))) {
        for (Slot s : Slot.values()) {
          String h = keys.header(s).toString();
          out.println(
              String.format(
                  "   %-4s unwrapped with the %-4s header %s %s %s %s, "
                      + "LB and TS match the JSON, KCV %s verified",
                  s.name(),
                  KeySetCommand.parentName(s),
                  h.substring(5, 7),
                  h.substring(7, 8),
                  h.substring(8, 9),
                  h.substring(11, 12),
                  keys.kcv(s).hex()));
        }
        out.println("   valid " + keys.issuedAt() + " .. " + keys.expiresAt() + ": installed");

        out.println();
        out.println(
            "4. Terminal: POST /pos/charge, sealed with the MSK and signed with the MAC key");
        out.println("   request  " + CHARGE);
        byte[] plaintext = CHARGE.getBytes(StandardCharsets.UTF_8);
        SealedPayload sealed = keys.payloadProtector().seal(plaintext, EnvelopeOptions.DEFAULTS);
        byte[] body = sealed.body().getBytes(StandardCharsets.US_ASCII);
        String signature = sealed.signature();
        out.println("   body     " + sealed.body());
        out.println("   HMAC     " + signature);

        out.println();
        out.println("5. Server: verifies the HMAC over the exact body, then decrypts");
        byte[] opened = serverOpens(issued, body, signature);
        out.println("   opened   " + new String(opened, StandardCharsets.UTF_8));
        boolean same = java.security.MessageDigest.isEqual(opened, plaintext);
        Bytes.wipe(opened);
        same &= DemoPinStep.run(keys, issued, random, show, out);
        out.println();
        out.println(
            same
                ? "Demo complete: the server read what the terminal sent."
                : "Demo FAILED: the opened payload or the PIN differs.");
        return same ? 0 : 1;
      }
    }
  }

  /** The server opens with its own MSK and MAC key, prepared from its key store's copies. */
  private static byte[] serverOpens(IssuedKeySet issued, byte[] body, String signature)
      throws Tr31Exception {
    byte[] m = issued.keyBytes(Slot.MSK);
    byte[] h = issued.keyBytes(Slot.MAC);
    try (PayloadProtector server = PayloadProtector.create(m, h)) {
      return server.open(body, signature, EnvelopeOptions.DEFAULTS);
    } finally {
      Bytes.wipe(m, h);
    }
  }
}
