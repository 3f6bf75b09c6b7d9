/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import io.tr31.Profile;
import io.tr31.Tr31Exception;
import io.tr31.internal.Bytes;
import io.tr31.internal.Hex;
import io.tr31.keyblock.KeyBlockHeader;
import io.tr31.keyblock.KeyBlockProtectionKey;
import io.tr31.keyblock.UnwrappedKey;
import io.tr31.keyblock.WrapOptions;
import io.tr31.pin.PinFormat;
import io.tr31.pin.PinKey;
import io.tr31.terminal.InstalledKeySet;
import io.tr31.terminal.IssuedKeySet;
import io.tr31.terminal.Slot;
import java.io.PrintStream;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The PIN step of {@code tr31 demo}: the terminal enciphers the cardholder's PIN in ISO 9564-1
 * format 4 with the installed TPK (header {@code P0 A E}: encipher only); the server holds the same
 * TPK as a decipher-only key ({@code P0 A D}, in a key block under its own storage key), deciphers
 * and checks the PIN. Prints the PIN block, never the PIN unless {@code --show-keys}.
 */
final class DemoPinStep {
  static final String PAN = "4111111111111111";
  private static final String PIN = "1234";

  private DemoPinStep() {}

  /** Runs the step; returns whether the server read the terminal's PIN. */
  static boolean run(
      InstalledKeySet keys, IssuedKeySet issued, SecureRandom random, boolean show, PrintStream out)
      throws Tr31Exception {
    out.println();
    out.println("6. Terminal: the cardholder's PIN for PAN " + PAN + ", ISO 9564-1 format 4 under");
    out.println("   the TPK (P0 A E: the terminal can encipher a PIN, never decipher one)");
    char[] pin = PIN.toCharArray();
    byte[] pinBlock;
    try (PinKey terminal = keys.pinKey()) {
      pinBlock = terminal.encipher(PinFormat.ISO_4, pin, PAN);
    }
    out.println("   PIN block " + Hex.encode(pinBlock) + (show ? "   PIN " + PIN : ""));

    out.println();
    out.println("7. Server: deciphers with its TPK (P0 A D, decipher only) and checks the PIN");
    byte[] storage = new byte[Slot.KEY_BYTES];
    random.nextBytes(storage);
    byte[] tpkBytes = issued.keyBytes(Slot.TPK);
    char[] read = null;
    try {
      String block;
      try (KeyBlockProtectionKey kbpk = KeyBlockProtectionKey.aes(storage)) {
        block =
            kbpk.wrap(
                KeyBlockHeader.parse("D0000P0AD00N0000", Profile.STRICT),
                tpkBytes,
                WrapOptions.defaults());
      }
      try (UnwrappedKey key = UnwrapCommand.unwrap(storage, block, Profile.STRICT);
          PinKey server = PinKey.from(key, random)) {
        read = server.decipher(PinFormat.ISO_4, pinBlock, PAN);
      }
      boolean same = MessageDigest.isEqual(toBytes(read), toBytes(pin));
      out.println(
          "   control field, PIN length, fill and PAN checked: "
              + (same ? "the PIN is the cardholder's" : "PIN MISMATCH"));
      return same;
    } finally {
      Bytes.wipe(storage, tpkBytes);
      Arrays.fill(pin, '\0');
      if (read != null) {
        Arrays.fill(read, '\0');
      }
    }
  }

  private static byte[] toBytes(char[] digits) {
    byte[] b = new byte[digits.length];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) digits[i];
    }
    return b;
  }
}
