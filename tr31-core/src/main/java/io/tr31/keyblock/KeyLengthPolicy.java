/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

/**
 * Whether wrap hides the length of the wrapped key (ANSI X9.143:2022 clause 7.2, "key length
 * obfuscation").
 *
 * <h2>Security</h2>
 *
 * With {@link #OBFUSCATED} (the default) every AES or TDES key produces a payload of the same
 * length as the longest key of its algorithm, so the key block does not reveal, for example,
 * whether an AES key is 128 or 256 bits. HMAC and asymmetric keys have no maximum length and are
 * padded to the cipher block only: their length shows. {@link #EXACT} pads only to the cipher
 * block, as TR-31:2018 examples and many HSMs do; choose it only to interoperate with a peer that
 * requires it. Unwrap accepts both.
 *
 * @since 0.1.0
 */
public enum KeyLengthPolicy {
  /** Pad the key to its algorithm's maximum length first, then to the cipher block. */
  OBFUSCATED,
  /** Pad the key only to the cipher block. */
  EXACT
}
