/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.pin;

/**
 * The ISO 9564-1:2017 PIN block formats this library enciphers and deciphers (clause 9.3).
 *
 * <table>
 *   <caption>Formats</caption>
 *   <tr><th>format</th><th>cipher</th><th>PAN bound</th><th>fill</th></tr>
 *   <tr><td>{@link #ISO_0}</td><td>TDES, 8 bytes</td><td>yes, 12 digits</td><td>{@code F}</td></tr>
 *   <tr><td>{@link #ISO_1}</td><td>TDES, 8 bytes</td><td>no</td><td>random</td></tr>
 *   <tr><td>{@link #ISO_3}</td><td>TDES, 8 bytes</td><td>yes, 12 digits</td><td>random {@code A}-{@code F}</td></tr>
 *   <tr><td>{@link #ISO_4}</td><td>AES, 16 bytes</td><td>yes, whole PAN</td><td>{@code A}, then 8 random bytes</td></tr>
 * </table>
 *
 * <h2>Security</h2>
 *
 * Prefer {@link #ISO_4}: the PAN enters between two AES encryptions, so a wrong PAN or an altered
 * block fails the fill check instead of changing PIN digits, and identical PINs never give identical
 * blocks. {@link #ISO_1} binds no PAN and checks no fill: it is accepted as input only, never as the
 * target of a translation from a PAN-bound format (src/docs/SECURITY.md).
 *
 * @since 0.2.0
 */
public enum PinFormat {
  /** Format 0 (ISO 9564-1 9.3.2): PIN field XOR the 12 rightmost PAN digits without the check digit. */
  ISO_0(0, true, false, 0xF, 0xF),
  /** Format 1 (9.3.3): PIN and a random transaction field; no PAN. */
  ISO_1(1, false, false, 0x0, 0xF),
  /** Format 3 (9.3.5): as format 0 with a random fill of the digits {@code A} to {@code F}. */
  ISO_3(3, true, false, 0xA, 0xF),
  /** Format 4 (9.4): AES, {@code E(K, E(K, PIN field) XOR PAN field)}. */
  ISO_4(4, true, true, 0xA, 0xA);

  private final int control;
  private final boolean panBound;
  private final boolean aes;
  private final int fillLow;
  private final int fillHigh;

  PinFormat(int control, boolean panBound, boolean aes, int fillLow, int fillHigh) {
    this.control = control;
    this.panBound = panBound;
    this.aes = aes;
    this.fillLow = fillLow;
    this.fillHigh = fillHigh;
  }

  /**
   * The format whose ISO 9564-1 number is {@code number} (the control field of its clear block).
   *
   * @param number 0, 1, 3 or 4
   * @return the format
   * @throws IllegalArgumentException for any other number (format 2, for ICC use, is not offered)
   */
  public static PinFormat of(int number) {
    for (PinFormat f : values()) {
      if (f.control == number) {
        return f;
      }
    }
    throw new IllegalArgumentException("PIN block format is 0, 1, 3 or 4");
  }

  /** The control field (first nibble of the clear block). */
  int control() {
    return control;
  }

  /** Whether the format binds the block to the PAN. */
  boolean panBound() {
    return panBound;
  }

  /** Whether the format is enciphered with AES (else TDES). */
  boolean aes() {
    return aes;
  }

  /** The smallest fill digit a deciphered block may carry. */
  int fillLow() {
    return fillLow;
  }

  /** The largest fill digit a deciphered block may carry. */
  int fillHigh() {
    return fillHigh;
  }

  /** The enciphered block's length: one cipher block. */
  int blockBytes() {
    return aes ? 16 : 8;
  }
}
