/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31;

/**
 * How strictly untrusted key blocks are read.
 *
 * <p>{@link #STRICT} is the default everywhere and follows ANSI X9.143:2022 to the letter. {@link
 * #LENIENT} is a named, explicit profile for blocks produced by real HSMs and hosts that deviate
 * from the standard; choosing it is a visible decision in the caller's code, never a flag that
 * silently weakens one check.
 *
 * <table class="striped">
 *   <caption>What each profile accepts</caption>
 *   <thead><tr><th>Check</th><th>STRICT</th><th>LENIENT</th></tr></thead>
 *   <tbody>
 *     <tr><td>hex digits (payload, MAC, hex optional blocks)</td><td>0-9 A-F</td>
 *         <td>also a-f, with a warning</td></tr>
 *     <tr><td>KS optional block data</td><td>20 hex digits</td>
 *         <td>printable ASCII of any length (IBM, GBIC; 16-digit KSNs of older hosts), with a
 *         warning</td></tr>
 *     <tr><td>KS on a key that is not TDES, HM on a key that is not HMAC</td><td>refused</td>
 *         <td>reported as a warning</td></tr>
 *     <tr><td>BI, CT and DA structure (X9.143:2021 6.3.6.2-6.3.6.4); a 1-byte KCV in KC, KP,
 *         PK</td><td>refused</td><td>reported as a warning</td></tr>
 *     <tr><td>key usage, mode of use, optional block IDs</td><td>X9.143 tables</td>
 *         <td>also numeric proprietary codes (IBM usage {@code 10}, mode {@code 1}, block {@code 10})</td></tr>
 *     <tr><td>key block version</td><td>A B C D E</td>
 *         <td>also Thales proprietary {@code 0} (variant binding)</td></tr>
 *     <tr><td>TC/TS time stamps</td><td>ISO 8601 UTC with trailing {@code Z}</td>
 *         <td>also without {@code Z} (the ANSI X9.143:2021 8.2 sample)</td></tr>
 *     <tr><td>key usage × algorithm × mode of use</td><td>must be permitted</td>
 *         <td>reported as a warning</td></tr>
 *     <tr><td>key version {@code c0} or {@code c} followed by a non-digit (a component marker
 *         naming no component)</td><td>refused</td><td>reported as a warning</td></tr>
 *     <tr><td>decoded key length the header's algorithm does not allow (an 8-byte {@code T}
 *         key)</td><td>refused (as the one verification error)</td><td>accepted, with a
 *         warning</td></tr>
 *     <tr><td>key length obfuscation on import</td><td>not required</td><td>not required</td></tr>
 *     <tr><td>Thales proprietary version {@code 0} (variant binding)</td><td>refused</td>
 *         <td>read, labelled proprietary, with a warning; never written</td></tr>
 *     <tr><td>single-DES (8-byte) KBPK for versions A, C, {@code 0}</td><td>refused</td>
 *         <td>read ({@code KeyBlockProtectionKey.prepareSingleDesLegacy}), with a warning</td></tr>
 *     <tr><td>algorithms {@code I}, {@code J} (ISO 20038) outside version E</td><td>refused</td>
 *         <td>accepted, with a warning</td></tr>
 *     <tr><td>versions A and C (deprecated by X9.143)</td><td>read</td><td>read</td></tr>
 *     <tr><td>TDES KBPK or key with K1 = K2 or K2 = K3 (single DES in disguise, parity bits
 *         ignored)</td><td>refused ({@code DEGENERATE_TDES_KBPK} before decrypting, {@code
 *         DEGENERATE_TDES_KEY} once the block authenticated)</td><td>read with a warning (a KBPK
 *         through {@code KeyBlocks.prepareFor}); never written</td></tr>
 *   </tbody>
 * </table>
 *
 * <p>The MAC is verified in every profile; no profile relaxes any cryptographic check.
 *
 * <h2>Security</h2>
 *
 * The lenient profile widens only what is accepted as well-formed public header data. It never
 * skips authentication, never changes the unwrap order and never changes error uniformity after
 * decryption (the one exception, a degenerate TDES key in an authentic block, is refused only by the
strict profile). Every tolerance an unwrap used is listed in {@link io.tr31.keyblock.UnwrappedKey#warnings()}; the
header's are also in {@link io.tr31.keyblock.KeyBlockHeader#warnings()}. Wrapping always writes strict X9.143
output.
 *
 * @since 0.1.0
 */
public enum Profile {
  /** ANSI X9.143:2022 as written. The default. */
  STRICT,
  /** Accepts the documented field deviations listed in the class description. */
  LENIENT
}
