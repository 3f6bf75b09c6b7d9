/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Tr31FormatException;


import java.util.Optional;

/**
 * The wrapping pedigree a re-wrapped block states ({@code WP}, X9.143:2021 6.3.6.15, Table 23): 0
 * every wrapping key was of equal or greater effective strength, 1 a lesser one was used, 2 an
 * asymmetric key at risk of quantum computing was used, 3 both. Read as two flags, a pedigree only
 * accumulates: a re-wrap never states a better history than its source had (issue 12, F4).
 */
final class WrappingPedigree {
  /** Flag of pedigree 1: a wrapping key of lesser effective strength than the key. */
  static final int LESSER = 1;

  /**
   * The least strength, in bits, of a KBPK that protects an asymmetric key without lowering its
   * pedigree (project rule, review 4, finding 4): a key block cannot tell an RSA, ECC or DSA key's
   * strength from its opaque length, and 112 bits is both the least strength NIST SP 800-57 Part 1
   * Rev. 5 accepts for protecting keys and that of the smallest RSA key (2048 bits) still in use.
   */
  static final int ASYMMETRIC_KEY_MINIMUM_KBPK_BITS = 112;

  private WrappingPedigree() {}

  /**
   * Whether a KBPK of {@code kbpkStrengthBits} was of lesser effective strength than {@code key}
   * used as {@code algorithm} (pedigree 1): the one rule a re-wrap applies (issue 12, F4; review 4,
   * finding 4). A symmetric key's strength comes from its actual parts ({@link KeyStrength}: a
   * 3-key TDES key with K1 = K3 is 2-key); an asymmetric key counts as needing {@link
   * #ASYMMETRIC_KEY_MINIMUM_KBPK_BITS}, so 2-key TDES (80) and single DES (56) are lesser.
   */
  static boolean lesser(KeyAlgorithm algorithm, byte[] key, int kbpkStrengthBits) {
    if (algorithm.isAsymmetric()) {
      return kbpkStrengthBits < ASYMMETRIC_KEY_MINIMUM_KBPK_BITS;
    }
    return KeyStrength.bits(algorithm, key) > kbpkStrengthBits;
  }

  /**
   * {@code target} with a {@code WP} block that states at least the source's pedigree, plus {@link
   * #LESSER} when {@code sourceKbpkWeaker}; unchanged when it already says so, or when neither
   * header has a {@code WP} block and the history is all 0.
   *
   * @throws Tr31FormatException {@link ErrorCode#TOO_MANY_OPTIONAL_BLOCKS} when the block this
   *     history needs does not fit
   */
  static KeyBlockHeader carry(
      KeyBlockHeader source, KeyBlockHeader target, boolean sourceKbpkWeaker)
      throws Tr31FormatException {
    Optional<OptionalBlock> stated = target.optionalBlock(OptionalBlockId.WP);
    int history = of(source) | (sourceKbpkWeaker ? LESSER : 0);
    int pedigree = stated.map(WrappingPedigree::value).orElse(0) | history;
    if (stated.isPresent() ? value(stated.get()) == pedigree : pedigree == 0) {
      return target;
    }
    if (!stated.isPresent() && target.optionalBlocks().size() >= OptionalBlocks.MAX_BLOCKS) {
      throw new Tr31FormatException(
          ErrorCode.TOO_MANY_OPTIONAL_BLOCKS,
          -1,
          "no room for the WP block the key's history needs");
    }
    return target.withOptionalBlock(OptionalBlock.wrappingPedigree(pedigree));
  }

  private static int of(KeyBlockHeader h) {
    return h.optionalBlock(OptionalBlockId.WP).map(WrappingPedigree::value).orElse(0);
  }

  /**
   * The pedigree digit of a WP block ({@code 00} then 0-3, checked on parse); a malformed block a
   * header override built counts as 0 and is replaced by a well-formed one.
   */
  private static int value(OptionalBlock wp) {
    String d = wp.data();
    return d.length() == 3 && d.charAt(2) >= '0' && d.charAt(2) <= '3' ? d.charAt(2) - '0' : 0;
  }
}
