/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.tr31.testing.Gens;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Properties of the variant binding (versions A, C, {@code 0}) for single-DES, 2-key and 3-key
 * KBPKs, with BouncyCastle (CBC and ISO 9797-1 MAC algorithm 1) as the oracle.
 */
class VariantBindingProperties {
  private static Gen<byte[]> kbpks() {
    return integers().between(0, 2).flatMap(i -> Gens.bytes(8 + 8 * i));
  }

  /** Headers as key blocks have them: 16 characters plus optional blocks, aligned to 8. */
  private static Gen<byte[]> headers() {
    return integers().between(2, 6).flatMap(n -> Gens.bytes(8 * n));
  }

  private static Gen<byte[]> payloads() {
    return integers().between(1, 6).flatMap(n -> Gens.bytes(8 * n));
  }

  @Test
  void seal_equalsBouncyCastleCbcAndIso9797Algorithm1Mac() {
    qt().forAll(kbpks(), headers(), payloads())
        .check(
            (kbpk, header, payload) ->
                Arrays.equals(
                    BouncyCastleOracle.variantSeal(kbpk, header, payload),
                    VariantBinding.of(kbpk).seal(header, payload)));
  }

  @Test
  void openOfSeal_isIdentity() {
    qt().forAll(kbpks(), headers(), payloads())
        .check(
            (kbpk, header, payload) ->
                SealOpen.roundTrips(VariantBinding.of(kbpk), header, payload));
  }

  @Test
  void anySingleBitFlip_inHeaderCiphertextOrMac_throwsVerification() {
    qt().forAll(kbpks(), headers(), payloads(), integers().allPositive())
        .check(
            (kbpk, header, payload, r) ->
                SealOpen.bitFlipIsRefused(VariantBinding.of(kbpk), header, payload, r));
  }

  @Test
  void seal_unalignedHeader_equalsBouncyCastleWithZeroPadding() {
    // ISO 9797-1 padding method 1 (zeros) for a header || ciphertext that is not block aligned,
    // which only a direct caller can produce: key block headers are aligned (X9.143 6.3).
    qt().forAll(kbpks(), Gens.bytes(8, 60), payloads())
        .check(
            (kbpk, header, payload) ->
                Arrays.equals(
                    BouncyCastleOracle.variantSeal(kbpk, header, payload),
                    VariantBinding.of(kbpk).seal(header, payload)));
  }
}
