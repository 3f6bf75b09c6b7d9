/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import java.util.Arrays;
import java.util.Objects;

/**
 * Derives the key block encryption key (KBEK) and authentication key (KBAK) from a key block
 * protection key (KBPK).
 *
 * <p>Key derivation binding (versions B, D, E): NIST SP 800-108 counter mode with CMAC as the PRF,
 * as profiled by ASC X9 TR-31:2018 A.3 / ANSI X9.143 and ISO 20038 6.3. Each PRF call authenticates
 * the 8-byte derivation input {@code counter(1) || key usage(2) || 0x00 || algorithm(2) || length
 * in bits(2)} under the KBPK; the outputs are concatenated and truncated to the KBPK's length.
 * Algorithm codes: 2-key TDES {@code 0000}, 3-key TDES {@code 0001}, AES-128 {@code 0002}, AES-192
 * {@code 0003}, AES-256 {@code 0004}. The derived keys have the KBPK's algorithm and length.
 *
 * <p>Variant binding (versions A, C; TR-31:2018 A.3.1): KBEK = KBPK XOR 0x45..., KBAK = KBPK XOR
 * 0x4D....
 *
 * <h2>Security</h2>
 *
 * Stateless and thread-safe. Returned arrays are fresh and owned by the caller, who wipes them;
 * intermediate PRF outputs are wiped here.
 */
public final class KeyDerivation {
  private KeyDerivation() {}

  /** The key usage field of the derivation input: which key is being derived. */
  public enum Purpose {
    /** {@code 0000}: KBEK for CBC encryption (versions B and D). */
    ENCRYPTION_CBC(0x0000),
    /** {@code 0001}: KBAK (versions B, D and E). */
    AUTHENTICATION(0x0001),
    /** {@code 0002}: KBEK for CTR encryption (ISO 20038 version E). */
    ENCRYPTION_CTR(0x0002);

    private final int code;

    Purpose(int code) {
      this.code = code;
    }

    /** The two-byte key usage code of the derivation input. */
    public int code() {
      return code;
    }
  }

  /** Variant binding mask for the KBEK (TR-31:2018 A.3.1). */
  public static final int VARIANT_KBEK_MASK = 0x45;

  /** Variant binding mask for the KBAK (TR-31:2018 A.3.1). */
  public static final int VARIANT_KBAK_MASK = 0x4D;

  /**
   * Derives the {@code purpose} key from the KBPK whose CMAC is {@code kbpkCmac} (AES for D/E, TDES
   * for B). The result has the KBPK's length.
   */
  public static byte[] derive(Cmac kbpkCmac, Purpose purpose) {
    Objects.requireNonNull(kbpkCmac, "kbpkCmac");
    Objects.requireNonNull(purpose, "purpose");
    int keyLength = kbpkCmac.keyLengthBytes();
    int algorithmCode = algorithmCode(kbpkCmac.algorithm(), keyLength);
    byte[] input = new byte[INPUT_BYTES];
    byte[] out = new byte[keyLength];
    byte[] block = null;
    boolean derived = false;
    try {
      int done = 0;
      for (int counter = 1; done < keyLength; counter++) {
        input(input, 0, counter, purpose, algorithmCode, keyLength);
        block = kbpkCmac.mac(input);
        int take = Math.min(block.length, keyLength - done);
        System.arraycopy(block, 0, out, done, take);
        done += take;
        Bytes.wipe(block);
      }
      derived = true;
      return out;
    } finally {
      Bytes.wipe(block);
      if (!derived) {
        Bytes.wipe(out); // a PRF failure half way leaves no partial key behind
      }
    }
  }

  /**
   * Derives two keys of the KBPK's length ({@code first}, then {@code second}: KBEK and KBAK) and
   * the KBPK's two check value sources in two block cipher calls under {@code kbpk}, where {@link
   * #derive} makes one CMAC per PRF block. SP 800-38B on the 8-byte derivation input: L = E(0^b),
   * K1 = dbl(L), K2 = dbl(K1); a one-block message M is tagged E(M' XOR K), with M' = M and K = K1
   * when M fills the block (TDES), else M' = M || 10* and K = K2 (AES). So the first call computes
   * L and every PRF block of both keys is then one block of a single ECB call, together with
   * CMAC(0^b) = E(K1). Equal to {@link #derive} and to {@code KeyCheckValue} (property tested).
   *
   * @param kbpk the KBPK (AES for D and E, TDES for B), used in ECB encryption
   * @param firstKey receives the {@code first} key, {@code kbpk.keyLengthBytes()} bytes
   * @param secondKey receives the {@code second} key, the same length
   * @param encryptedZeros receives E(0^b), one block (the X9.24-1 A.2 check value source)
   * @param cmacOfZeros receives CMAC(0^b), one block (the X9.24-1 A.3 check value source)
   * @throws IllegalArgumentException if an output has another length
   */
  public static void derivePair(
      BlockCipher kbpk,
      Purpose first,
      Purpose second,
      byte[] firstKey,
      byte[] secondKey,
      byte[] encryptedZeros,
      byte[] cmacOfZeros) {
    int bs = kbpk.blockSizeBytes();
    int keyLength = kbpk.keyLengthBytes();
    if (firstKey.length != keyLength
        || secondKey.length != keyLength
        || encryptedZeros.length != bs
        || cmacOfZeros.length != bs) {
      throw new IllegalArgumentException("output lengths do not match the KBPK");
    }
    int algorithmCode = algorithmCode(kbpk.algorithm(), keyLength);
    int perKey = (keyLength + bs - 1) / bs;
    int n = (2 * perKey + 1) * bs; // at most 5 AES or 7 TDES blocks: fits the scratch
    boolean complete = bs == INPUT_BYTES;
    Scratch s = Scratch.take();
    try {
      byte[] k1 = s.block(0, bs);
      byte[] sub = s.block(1, bs);
      Arrays.fill(k1, (byte) 0);
      kbpk.encryptEcb(k1, 0, bs, sub, 0); // L
      System.arraycopy(sub, 0, encryptedZeros, 0, bs);
      Cmac.dbl(sub, 0, bs, k1, 0);
      if (complete) {
        System.arraycopy(k1, 0, sub, 0, bs);
      } else {
        Cmac.dbl(k1, 0, bs, sub, 0); // K2
      }
      byte[] data = s.data(n);
      Arrays.fill(data, 0, n, (byte) 0);
      for (int b = 0; b < 2 * perKey; b++) {
        int off = b * bs;
        input(data, off, b % perKey + 1, b < perKey ? first : second, algorithmCode, keyLength);
        if (!complete) {
          data[off + INPUT_BYTES] = (byte) 0x80; // 10* padding
        }
        for (int i = 0; i < bs; i++) {
          data[off + i] ^= sub[i];
        }
      }
      System.arraycopy(k1, 0, data, n - bs, bs); // the zero block XOR K1
      byte[] out = s.sink(n);
      kbpk.encryptEcb(data, 0, n, out, 0);
      System.arraycopy(out, 0, firstKey, 0, keyLength);
      System.arraycopy(out, perKey * bs, secondKey, 0, keyLength);
      System.arraycopy(out, n - bs, cmacOfZeros, 0, bs);
    } finally {
      s.give(); // wipes L, K1, K2, the inputs and every PRF output
    }
  }

  /** Bytes of the derivation input. */
  private static final int INPUT_BYTES = 8;

  /**
   * Writes the derivation input {@code counter(1) || usage(2) || 00 || algorithm(2) || bits(2)}
   * at {@code buf[off..off+8)}. Every key usage (0000-0002) and algorithm code (0000-0004) is
   * below 256, so bytes 1 and 4 (their high bytes) and byte 3 (the separator) are zero.
   */
  private static void input(
      byte[] buf, int off, int counter, Purpose purpose, int algorithmCode, int keyLength) {
    int lengthBits = keyLength * 8;
    buf[off] = (byte) counter;
    buf[off + 1] = 0;
    buf[off + 2] = (byte) purpose.code();
    buf[off + 3] = 0;
    buf[off + 4] = 0;
    buf[off + 5] = (byte) algorithmCode;
    buf[off + 6] = (byte) (lengthBits >>> 8);
    buf[off + 7] = (byte) lengthBits;
  }

  /** Derivation input algorithm code (TR-31:2018 A.3.2, Table A.1 style codes). */
  private static int algorithmCode(BlockCipher.Algorithm algorithm, int keyLength) {
    if (algorithm == BlockCipher.Algorithm.TDES) {
      return keyLength == 16 ? 0x0000 : 0x0001;
    }
    switch (keyLength) {
      case 16:
        return 0x0002;
      case 24:
        return 0x0003;
      default:
        return 0x0004;
    }
  }

  /** Variant binding: a fresh copy of {@code kbpk} with every byte XORed with {@code mask}. */
  public static byte[] variant(byte[] kbpk, int mask) {
    byte[] out = new byte[kbpk.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (kbpk[i] ^ mask);
    }
    return out;
  }
}
