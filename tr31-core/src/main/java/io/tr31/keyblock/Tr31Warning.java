/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.Profile;
import java.util.Objects;

/**
 * One tolerance the {@link Profile#LENIENT} profile used to read a key block: what the strict
 * profile would have refused, and why it was read anyway (src/docs/CONFORMANCE.md, L1-L12).
 *
 * <p>{@link UnwrappedKey#warnings()} lists every tolerance used for one block: the header's, the
 * block's (lower-case hex), the KBPK's and those found after the MAC verified. The strict profile
 * never produces one.
 *
 * <h2>Security</h2>
 *
 * Immutable and thread-safe. A message names header fields, codes and the rule, never key bytes,
 * KBPK bytes, plaintext, or an offset into a key field.
 *
 * @since 0.1.0
 */
public final class Tr31Warning {
  /** What was tolerated; the rows of the lenient profile's table in {@link Profile}. */
  public enum Code {
    /**
     * A header or optional block tolerance (L2-L5, L8, L10, L11: proprietary codes or version,
     * {@code KS}/{@code BI}/{@code CT}/{@code DA} structure, time stamps without {@code Z}, a block
     * on the wrong algorithm, lower-case hex in an optional block, a usage × algorithm × mode
     * combination that is not permitted, the key versions {@code c0} and {@code c} followed by a
     * non-digit); the message says which. Also listed in {@link KeyBlockHeader#warnings()}.
     */
    HEADER,
    /** Lower-case hexadecimal digits in the encrypted payload or the MAC (L1). */
    LOWERCASE_HEX,
    /** A single-DES (8-byte) KBPK (L6). */
    SINGLE_DES_KBPK,
    /** A decoded key length the header's algorithm does not allow, e.g. an 8-byte AES key (L7). */
    KEY_LENGTH,
    /** Algorithm {@code I} or {@code J} (ISO 20038) outside version E (L9). */
    ISO20038_ALGORITHM,
    /** A TDES KBPK with K1 = K2 or K2 = K3: single-DES strength (L12). */
    DEGENERATE_TDES_KBPK,
    /** A TDES key with K1 = K2 or K2 = K3: single-DES strength (L12). */
    DEGENERATE_TDES_KEY
  }

  private final Code code;
  private final String message;

  /** Only the library creates warnings. */
  Tr31Warning(Code code, String message) {
    this.code = Objects.requireNonNull(code, "code");
    this.message = Objects.requireNonNull(message, "message");
  }

  /**
   * What was tolerated.
   *
   * @return the warning's code
   */
  public Code code() {
    return code;
  }

  /**
   * A secret-free, human-readable description of the tolerance.
   *
   * @return the message
   */
  public String message() {
    return message;
  }
}
