/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31FormatException;
import java.util.ArrayList;
import java.util.List;

/**
 * The tolerances of the lenient profile one unwrap used, as {@link Tr31Warning}s for {@link
 * UnwrappedKey#warnings()} (issue 12, F6: every tolerance reaches the unwrapped key), in the order
 * they are met: the header's, the block's, the KBPK's and the version's (all decided before
 * decrypting), then the key's (after the MAC verified).
 *
 * <p>Messages are fixed texts, header codes or offsets into the public header and ciphertext; never
 * key bytes or anything about the key but its algorithm.
 */
final class UnwrapWarnings {
  private UnwrapWarnings() {}

  /**
   * The tolerances decided before decrypting, in order: the header's ({@link
   * KeyBlockHeader#warnings()}), lower-case hex in the payload or MAC, a single-DES or degenerate
   * TDES KBPK, algorithm {@code I}/{@code J} outside version E. Only the lenient profile gets this
   * far with any of them.
   *
   * @param kbpkAlgorithm the KBPK's algorithm ({@code DES} for a single-DES KBPK)
   * @param degenerateKbpk whether the KBPK is a TDES KBPK with K1 = K2 or K2 = K3
   * @return a new mutable list, to which the reader adds the key's tolerances
   */
  static List<Tr31Warning> beforeDecryption(
      KeyBlock block, KeyAlgorithm kbpkAlgorithm, boolean degenerateKbpk) {
    List<Tr31Warning> out = new ArrayList<>();
    for (String w : block.header().warnings()) {
      out.add(new Tr31Warning(Tr31Warning.Code.HEADER, w));
    }
    if (block.lowerCaseHexWarning() != null) {
      out.add(new Tr31Warning(Tr31Warning.Code.LOWERCASE_HEX, block.lowerCaseHexWarning()));
    }
    if (kbpkAlgorithm == KeyAlgorithm.DES) {
      out.add(
          new Tr31Warning(
              Tr31Warning.Code.SINGLE_DES_KBPK, "single-DES (8-byte) KBPK (tolerated)"));
    }
    if (degenerateKbpk) {
      out.add(
          new Tr31Warning(
              Tr31Warning.Code.DEGENERATE_TDES_KBPK,
              "TDES KBPK with K1 = K2 or K2 = K3: single-DES strength (tolerated)"));
    }
    if (isIso20038OnlyOutsideE(block.header())) {
      out.add(
          new Tr31Warning(
              Tr31Warning.Code.ISO20038_ALGORITHM,
              "algorithm "
                  + block.header().algorithm().code()
                  + " (ISO 20038) outside version E (tolerated)"));
    }
    return out;
  }

  /** A decoded key length the header's algorithm does not allow (L7); names no length. */
  static Tr31Warning keyLength(KeyAlgorithm algorithm) {
    return new Tr31Warning(
        Tr31Warning.Code.KEY_LENGTH,
        "key length not allowed for algorithm " + algorithm.code() + " (tolerated)");
  }

  /** A TDES key with K1 = K2 or K2 = K3 (L12). */
  static Tr31Warning degenerateKey() {
    return new Tr31Warning(
        Tr31Warning.Code.DEGENERATE_TDES_KEY,
        "TDES key with K1 = K2 or K2 = K3: single-DES strength (tolerated)");
  }

  /**
   * ISO 20038:2017 defines algorithm codes {@code I} (HMAC-SHA-2) and {@code J} (HMAC-SHA-3);
   * X9.143 Table 3 has neither, so outside version E the strict profile refuses them (public header
   * data, checked before any decryption).
   */
  static void checkAlgorithmForVersion(KeyBlockHeader header, Profile profile)
      throws Tr31FormatException {
    if (isIso20038OnlyOutsideE(header) && profile != Profile.LENIENT) {
      throw new Tr31FormatException(
          ErrorCode.INVALID_ALGORITHM,
          7,
          "algorithm " + header.algorithm().code() + " is defined by ISO 20038 for version E only");
    }
  }

  /** Algorithm {@code I} or {@code J} outside version E (strict: refused; lenient: a warning). */
  static boolean isIso20038OnlyOutsideE(KeyBlockHeader header) {
    KeyAlgorithm a = header.algorithm();
    boolean iso20038Only = a == KeyAlgorithm.HMAC_SHA2 || a == KeyAlgorithm.HMAC_SHA3;
    return iso20038Only && header.version() != KeyBlockVersion.E;
  }
}
