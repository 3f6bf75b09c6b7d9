/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

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
    int lengthBits = keyLength * 8;
    byte[] input = new byte[8];
    byte[] out = new byte[keyLength];
    byte[] block = null;
    boolean derived = false;
    try {
      // Byte 0 is the counter. Every key usage (0000-0002) and algorithm code (0000-0004) is
      // below 256, so bytes 1 and 4 (their high bytes) and byte 3 (the separator) stay zero.
      input[2] = (byte) purpose.code();
      input[5] = (byte) algorithmCode;
      input[6] = (byte) (lengthBits >>> 8);
      input[7] = (byte) lengthBits;
      int done = 0;
      for (int counter = 1; done < keyLength; counter++) {
        input[0] = (byte) counter;
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
