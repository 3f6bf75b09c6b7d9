/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

/**
 * Whether wrap may write the key block versions ANSI X9.143 deprecates ({@code A} and {@code C},
 * the TDES key variant binding).
 *
 * <p>X9.143 keeps A and C readable for migration but deprecates producing them: their 4-byte MAC
 * and XOR-variant keys are weaker than the derivation bindings B and D. Unwrapping A and C is
 * always allowed; wrapping them needs {@link #ALLOW_DEPRECATED} in {@link WrapOptions}, so that the
 * choice is visible in the caller's code. The Thales proprietary version {@code 0} is never
 * written.
 *
 * <h2>Security</h2>
 *
 * Immutable. {@link #REFUSE} is the default; choose {@link #ALLOW_DEPRECATED} only to feed a peer
 * that reads nothing newer.
 *
 * @since 0.1.0
 */
public enum LegacyVersions {
  /** Wrap refuses versions A and C (the default; X9.143). */
  REFUSE,
  /** Wrap writes versions A and C when the header asks for them (deprecated by X9.143). */
  ALLOW_DEPRECATED
}
