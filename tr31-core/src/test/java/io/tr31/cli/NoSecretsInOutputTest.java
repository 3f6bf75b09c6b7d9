/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import io.tr31.testing.Kbpks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.keyblock.KeyBlockHeader;
import io.tr31.keyblock.KeyBlockProtectionKey;
import io.tr31.Profile;
import io.tr31.Tr31Exception;
import io.tr31.keyblock.UnwrappedKey;
import io.tr31.keyblock.WrapOptions;
import io.tr31.keyblock.KeyAlgorithm;
import io.tr31.internal.Cmac;
import io.tr31.internal.Hex;
import io.tr31.internal.KeyDerivation;
import io.tr31.internal.KeyDerivationBinding;
import io.tr31.keyblock.KcvMethod;
import io.tr31.keyblock.KeyCheckValue;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * No exception message, CLI error line or {@code toString()} contains key, KBPK or derived-key hex.
 * Every failure path we can reach is driven with known secrets, and every text produced is searched
 * for each secret (upper and lower case, and its first 8 bytes alone).
 */
class NoSecretsInOutputTest {
  private static final byte[] KBPK =
      Hex("1F2E3D4C5B6A79880F1E2D3C4B5A69788796A5B4C3D2E1F00112233445566778");
  private static final byte[] KEY = Hex("A0B1C2D3E4F5061728394A5B6C7D8E9F");

  private static byte[] Hex(String s) {
    try {
      return io.tr31.internal.Hex.decode(s);
    } catch (Tr31Exception e) {
      throw new AssertionError(e);
    }
  }

  private static List<String> secrets() {
    List<String> hex = new ArrayList<>();
    hex.add(Hex.encode(KBPK));
    hex.add(Hex.encode(KEY));
    Cmac cmac = Cmac.aes(KBPK);
    hex.add(Hex.encode(KeyDerivation.derive(cmac, KeyDerivation.Purpose.ENCRYPTION_CBC)));
    hex.add(Hex.encode(KeyDerivation.derive(cmac, KeyDerivation.Purpose.AUTHENTICATION)));
    return leakForms(hex);
  }

  /**
   * The forms a secret given as hex may leak in: whole and its first 8 bytes, upper and lower case.
   */
  static List<String> leakForms(List<String> hex) {
    List<String> all = new ArrayList<>();
    for (String h : hex) {
      all.add(h);
      all.add(h.substring(0, 16));
      all.add(h.toLowerCase(Locale.ROOT));
      all.add(h.substring(0, 16).toLowerCase(Locale.ROOT));
    }
    return all;
  }

  private static void collect(List<String> texts, ThrowingRunnable r) {
    try {
      r.run();
    } catch (Exception e) {
      texts.add(e.getMessage());
      texts.add(e.toString());
    }
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  private static String cli(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Main.run(
        args,
        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return err.toString(StandardCharsets.UTF_8) + "\n" + out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void noMessageStringOrCliErrorContainsSecretHex() throws Exception {
    List<String> texts = new ArrayList<>();
    KeyBlockProtectionKey kbpk = KeyBlockProtectionKey.aes(KBPK);
    KeyBlockHeader header = KeyBlockHeader.parse("D0000P0AE00E0000", Profile.STRICT);
    String block = kbpk.wrap(header, KEY, WrapOptions.builder().keyKcv(KcvMethod.LEGACY).build());
    String tampered =
        block.substring(0, 40) + (block.charAt(40) == '0' ? '1' : '0') + block.substring(41);
    byte[] otherKbpk = KBPK.clone();
    otherKbpk[0] ^= 1;

    texts.add(kbpk.toString());
    texts.add(WrapOptions.defaults().toString());
    texts.add(header.toString());
    try (UnwrappedKey k = kbpk.unwrap(block)) {
      texts.add(k.toString());
      texts.add(k.kcv(KcvMethod.CMAC).toString());
    }
    KeyDerivationBinding binding = KeyDerivationBinding.versionD(KBPK);
    texts.add(binding.toString());
    texts.add(Cmac.aes(KBPK).toString());
    texts.add(KeyCheckValue.compute(KeyAlgorithm.AES, KEY, KcvMethod.CMAC, 5).toString());

    collect(texts, () -> kbpk.unwrap(tampered));
    collect(texts, () -> Kbpks.unwrap(otherKbpk, block, Profile.STRICT));
    collect(texts, () -> Kbpks.unwrap(new byte[19], block, Profile.STRICT));
    collect(texts, () -> KeyBlockProtectionKey.aes(new byte[17]));
    collect(texts, () -> kbpk.wrap(header, new byte[15], WrapOptions.defaults()));
    collect(texts, () -> kbpk.wrap(KeyBlockHeader.parse("D0000P0AC00E0000", Profile.LENIENT), KEY, WrapOptions.defaults()));
    collect(texts, () -> KeyCheckValue.compute(KeyAlgorithm.AES, new byte[7], KcvMethod.CMAC, 3));
    collect(texts, () -> KeyCheckValue.compute(KeyAlgorithm.HMAC, KEY, KcvMethod.CMAC, 3));
    collect(texts, () -> binding.open(new byte[16], new byte[32], new byte[16]));
    kbpk.destroy();
    collect(texts, () -> kbpk.unwrap(block));

    String kbpkHex = Hex.encode(KBPK);
    String otherHex = Hex.encode(otherKbpk);
    String keyHex = Hex.encode(KEY);
    texts.add(cli("", "unwrap", "--kbpk", otherHex, block));
    texts.add(cli("", "unwrap", "--kbpk", kbpkHex, tampered));
    texts.add(cli("", "unwrap", "--kbpk", kbpkHex + "0", block));
    texts.add(cli("", "unwrap", "--kbpk", kbpkHex.substring(2) + "ZZ", block));
    texts.add(
        cli("", "wrap", "--kbpk", kbpkHex, "--header", "D0000P0AE00E0000", "--key", keyHex + "00"));
    texts.add(cli("", "wrap", "--kbpk", kbpkHex, "--header", "D0000P0AC00E0000", "--key", keyHex));
    texts.add(cli("", "kcv", "--algorithm", "AES", "--key", keyHex + "0"));
    // A key given where no argument belongs (a missing --key) must not be echoed.
    texts.add(cli("", "kcv", "--algorithm", "AES", keyHex));
    texts.add(cli("", "wrap", "--kbpk", "env:NOPE_4711", "--header", "D0000P0AE00E0000", keyHex));
    texts.add(cli("", "inspect", block, keyHex));
    texts.add(cli("", keyHex));
    texts.add(cli("", "unwrap", "--kbpk=" + kbpkHex + "Z", block));
    texts.add(
        cli(
            "{\"key_block\":\""
                + tampered
                + "\",\"kbpk\":\""
                + kbpkHex
                + "\"}\n"
                + "{\"key_block\":\""
                + block
                + "\",\"kbpk\":\""
                + otherHex
                + "\"}\n"
                + "{\"key_block\":\""
                + block
                + "\",\"kbpk\":\""
                + kbpkHex
                + "Z\"}\n"
                + "{\"key_block\":\""
                + block
                + "\",\"kbpk\":\""
                + kbpkHex
                + "\",\"kbpk\":\"00\"}\n"
                + "{\"key_block\":\""
                + block
                + "\",\"kbpk\":"
                + kbpkHex.substring(0, 20)
                + "}\n",
            "unwrap",
            "--json"));
    texts.add(
        cli(
            "{\"kbpk\":\""
                + kbpkHex
                + "\",\"header\":\"D0000P0AC00E0000\",\"key\":\""
                + keyHex
                + "\"}\n",
            "wrap",
            "--json"));

    List<String> leaks = new ArrayList<>();
    for (String text : texts) {
      for (String secret : secrets()) {
        if (text != null && text.contains(secret)) {
          leaks.add("'" + secret.substring(0, 4) + "...' in: " + text);
        }
      }
      if (text != null && (text.contains(otherHex) || text.contains(otherHex.substring(0, 16)))) {
        leaks.add("other KBPK in: " + text);
      }
    }
    assertEquals(List.of(), leaks);
    assertTrue(texts.size() > 30, "texts examined: " + texts.size());
  }
}
