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
 * Properties of the ISO 20038 binding (version E) for AES-128/192/256 KBPKs, with BouncyCastle
 * (CMAC derivation, CMAC, CTR) as the oracle; payloads of any length (no padding).
 */
class VersionEBindingProperties {
  private static Gen<byte[]> kbpks() {
    return integers().between(0, 2).flatMap(i -> Gens.bytes(16 + 8 * i));
  }

  private static Gen<byte[]> headers() {
    return integers().between(1, 4).flatMap(n -> Gens.bytes(16 * n));
  }

  @Test
  void seal_equalsBouncyCastleCmacAndCtr() {
    qt().forAll(kbpks(), headers(), Gens.bytes(1, 90))
        .check(
            (kbpk, header, payload) ->
                Arrays.equals(
                    BouncyCastleOracle.versionESeal(kbpk, header, payload),
                    VersionEBinding.of(kbpk).seal(header, payload)));
  }

  @Test
  void openOfSeal_isIdentity() {
    qt().forAll(kbpks(), headers(), Gens.bytes(1, 90))
        .check(
            (kbpk, header, payload) ->
                SealOpen.roundTrips(VersionEBinding.of(kbpk), header, payload));
  }

  @Test
  void anySingleBitFlip_inHeaderCiphertextOrMac_throwsVerification() {
    qt().forAll(kbpks(), headers(), Gens.bytes(1, 90), integers().allPositive())
        .check(
            (kbpk, header, payload, r) ->
                SealOpen.bitFlipIsRefused(VersionEBinding.of(kbpk), header, payload, r));
  }
}
