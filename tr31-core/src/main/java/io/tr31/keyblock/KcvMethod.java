/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

/**
 * How a key check value is computed (ANSI X9.24-1:2017 Annex A; X9.143 KC/KP block prefixes).
 *
 * <h2>Security</h2>
 *
 * A KCV identifies a key without revealing it; it is compared in constant time. {@link #LEGACY} on
 * AES keys is not what X9.24-1 specifies for AES, but is what the POS key download this library
 * serves defines ("encrypt a block of zeros, first 3 bytes"): both are offered, by name.
 *
 * @since 0.1.0
 */
public enum KcvMethod {
  /**
   * Leftmost bytes (at most 3) of the key's encryption of one all-zero block. Block code {@code
   * 00}.
   */
  LEGACY("00", 3),
  /**
   * Leftmost bytes (at most 5) of the CMAC of one all-zero block under the key. Block code {@code
   * 01}.
   */
  CMAC("01", 5);

  private final String blockCode;
  private final int maxLengthBytes;

  KcvMethod(String blockCode, int maxLengthBytes) {
    this.blockCode = blockCode;
    this.maxLengthBytes = maxLengthBytes;
  }

  /**
   * {@return the two-digit prefix that names this method in {@code KC}, {@code KP} and {@code PK}
   * blocks (X9.143:2021 Table 15)}
   */
  String blockCode() {
    return blockCode;
  }

  /** {@return the longest KCV X9.24-1 allows for this method, in bytes: 3 legacy, 5 CMAC} */
  public int maxLengthBytes() {
    return maxLengthBytes;
  }

  /**
   * Looks up a block code.
   *
   * @param code the two-digit prefix of a KCV block's data; {@code null} finds nothing
   * @return the method, or {@code null} when unknown (callers report the error)
   */
  static KcvMethod fromBlockCode(String code) {
    for (KcvMethod m : values()) {
      if (m.blockCode.equals(code)) {
        return m;
      }
    }
    return null;
  }
}
