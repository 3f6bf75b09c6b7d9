/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.pin;

import io.tr31.Profile;
import io.tr31.Tr31FormatException;
import io.tr31.internal.Hex;
import io.tr31.keyblock.KeyBlockHeader;
import io.tr31.keyblock.KeyBlockProtectionKey;
import io.tr31.keyblock.UnwrappedKey;
import io.tr31.keyblock.WrapOptions;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * PIN keys as a caller gets them: wrapped in a version D key block under a test KBPK, unwrapped,
 * then prepared. And BouncyCastle's AES and TDES in ECB, the oracle for the cipher steps.
 */
final class PinTestKeys {
  static final byte[] KBPK =
      hex("88E1AB2A2E3DD38C1FA039A536500CC8A87AB9D62DC92C01058FA79F44657DE6");
  static final String AES_KEY = "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F";
  static final String TDES_KEY = "0123456789ABCDEFFEDCBA987654321089ABCDEF01234567";

  private PinTestKeys() {}

  /** Hex to bytes, for test data known to be hex. */
  static byte[] hex(String s) {
    try {
      return Hex.decode(s);
    } catch (Tr31FormatException e) {
      throw new AssertionError(e);
    }
  }

  /** An unwrapped key with the header {@code D0000<usage><algorithm><mode>00E0000}. */
  static UnwrappedKey unwrapped(String usage, char algorithm, char mode, String keyHex)
      throws Exception {
    String header = "D0000" + usage + algorithm + mode + "00E0000";
    try (KeyBlockProtectionKey kbpk = KeyBlockProtectionKey.aes(KBPK)) {
      String block =
          kbpk.wrap(KeyBlockHeader.parse(header, Profile.STRICT), hex(keyHex), WrapOptions.defaults());
      return kbpk.unwrap(block, Profile.STRICT);
    }
  }

  /** A prepared P0 key of {@code algorithm} ({@code A} or {@code T}) and {@code mode}. */
  static PinKey pinKey(char algorithm, char mode, String keyHex, SecureRandom random)
      throws Exception {
    try (UnwrappedKey k = unwrapped("P0", algorithm, mode, keyHex)) {
      return PinKey.from(k, random);
    }
  }

  /** A P0/B key for {@code format}: AES-256 for format 4, 3-key TDES otherwise. */
  static PinKey both(PinFormat format, SecureRandom random) throws Exception {
    return format.aes()
        ? pinKey('A', 'B', AES_KEY, random)
        : pinKey('T', 'B', TDES_KEY, random);
  }

  /** The PAN field alone, from the second block of {@link ClearBlocks#panBuffer}. */
  static byte[] panField(PinFormat format, String pan) throws Tr31FormatException {
    int size = format.blockBytes();
    return Arrays.copyOfRange(ClearBlocks.panBuffer(format, pan), size, 2 * size);
  }

  /** The format numbered {@code n} in the vector file. */
  static PinFormat format(long n) {
    return PinFormat.of((int) n);
  }

  /** BouncyCastle ECB over whole blocks: AES for a 16-byte block size, else TDES. */
  static byte[] ecb(boolean aes, boolean encrypt, byte[] key, byte[] data) {
    BlockCipher engine = aes ? AESEngine.newInstance() : new DESedeEngine();
    engine.init(encrypt, new KeyParameter(key));
    byte[] out = new byte[data.length];
    for (int i = 0; i < data.length; i += engine.getBlockSize()) {
      engine.processBlock(data, i, out, i);
    }
    return out;
  }
}
