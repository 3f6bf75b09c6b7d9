/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import java.util.Arrays;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.StreamCipher;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.engines.DESEngine;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.macs.CBCBlockCipherMac;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.modes.SICBlockCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * Every binding method rebuilt from BouncyCastle's lightweight primitives, written from the
 * standard's text (TR-31:2018 A.3, ISO 20038 6), independent of our {@link BlockCipher}, {@link
 * Cmac} and {@link KeyDerivation}: the test oracle for the binding properties.
 */
final class BouncyCastleOracle {
  private BouncyCastleOracle() {}

  private static BlockCipher tdesOrDes(byte[] key) {
    return key.length == 8 ? new DESEngine() : new DESedeEngine();
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static byte[] xor(byte[] k, int mask) {
    byte[] out = new byte[k.length];
    for (int i = 0; i < k.length; i++) {
      out[i] = (byte) (k[i] ^ mask);
    }
    return out;
  }

  private static byte[] cbcEncrypt(BlockCipher engine, byte[] key, byte[] iv, byte[] data) {
    var cbc = CBCBlockCipher.newInstance(engine);
    cbc.init(true, new ParametersWithIV(new KeyParameter(key), iv));
    byte[] out = new byte[data.length];
    for (int off = 0; off < data.length; off += cbc.getBlockSize()) {
      cbc.processBlock(data, off, out, off);
    }
    return out;
  }

  private static byte[] cmac(BlockCipher engine, byte[] key, byte[] data) {
    CMac mac = new CMac(engine);
    mac.init(new KeyParameter(key));
    mac.update(data, 0, data.length);
    byte[] out = new byte[mac.getMacSize()];
    mac.doFinal(out, 0);
    return out;
  }

  /** Versions A, C, 0: ciphertext || leftmost 4 bytes of the ISO 9797-1 MAC algorithm 1. */
  static byte[] variantSeal(byte[] kbpk, byte[] header, byte[] payload) {
    byte[] kbek = xor(kbpk, 0x45);
    byte[] kbak = xor(kbpk, 0x4D);
    byte[] ct = cbcEncrypt(tdesOrDes(kbek), kbek, Arrays.copyOf(header, 8), payload);
    CBCBlockCipherMac mac = new CBCBlockCipherMac(tdesOrDes(kbak), 32);
    mac.init(new KeyParameter(kbak));
    byte[] data = concat(header, ct);
    mac.update(data, 0, data.length);
    byte[] tag = new byte[4];
    mac.doFinal(tag, 0);
    return concat(ct, tag);
  }

  /** TR-31:2018 A.3.2/A.3.3 and ISO 20038 6.3 key derivation, with BouncyCastle's CMAC. */
  static byte[] derive(boolean aes, byte[] kbpk, int usage) {
    int algorithm;
    if (aes) {
      algorithm = kbpk.length == 16 ? 2 : kbpk.length == 24 ? 3 : 4;
    } else {
      algorithm = kbpk.length == 16 ? 0 : 1;
    }
    int bits = kbpk.length * 8;
    byte[] out = new byte[0];
    for (int counter = 1; out.length < kbpk.length; counter++) {
      byte[] input = {
        (byte) counter, 0, (byte) usage, 0, 0, (byte) algorithm, (byte) (bits >> 8), (byte) bits
      };
      out = concat(out, cmac(aes ? AESEngine.newInstance() : new DESedeEngine(), kbpk, input));
    }
    return Arrays.copyOf(out, kbpk.length);
  }

  /** Version B (TDES) or D (AES): ciphertext || MAC, MAC over header || plaintext, MAC as IV. */
  static byte[] derivationSeal(boolean aes, byte[] kbpk, byte[] header, byte[] payload) {
    byte[] kbek = derive(aes, kbpk, 0);
    byte[] kbak = derive(aes, kbpk, 1);
    byte[] mac =
        cmac(aes ? AESEngine.newInstance() : new DESedeEngine(), kbak, concat(header, payload));
    byte[] ct = cbcEncrypt(aes ? AESEngine.newInstance() : new DESedeEngine(), kbek, mac, payload);
    return concat(ct, mac);
  }

  /** Version E: ciphertext || MAC, AES-CTR with the MAC as initial counter block, no padding. */
  static byte[] versionESeal(byte[] kbpk, byte[] header, byte[] payload) {
    byte[] kbek = derive(true, kbpk, 2);
    byte[] kbak = derive(true, kbpk, 1);
    byte[] mac = cmac(AESEngine.newInstance(), kbak, concat(header, payload));
    StreamCipher ctr = SICBlockCipher.newInstance(AESEngine.newInstance());
    ctr.init(true, new ParametersWithIV(new KeyParameter(kbek), mac));
    byte[] ct = new byte[payload.length];
    ctr.processBytes(payload, 0, payload.length, ct, 0);
    return concat(ct, mac);
  }
}
