/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.tr31.testing.Gens;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Versions B (TDES 2/3-key, TDES-CMAC derivation) and D (AES) against BouncyCastle: the derivation,
 * the CMAC over header || plaintext and the CBC with the MAC as IV, rebuilt independently.
 */
class KeyDerivationBindingOracleProperties {
  @Test
  void versionB_seal_equalsBouncyCastle() {
    qt().forAll(
            integers().between(0, 1).flatMap(i -> Gens.bytes(16 + 8 * i)),
            integers().between(2, 6).flatMap(n -> Gens.bytes(8 * n)),
            integers().between(1, 6).flatMap(n -> Gens.bytes(8 * n)))
        .check(
            (kbpk, header, payload) ->
                Arrays.equals(
                    BouncyCastleOracle.derivationSeal(false, kbpk, header, payload),
                    KeyDerivationBinding.versionB(kbpk).seal(header, payload)));
  }

  @Test
  void versionD_seal_equalsBouncyCastle() {
    qt().forAll(
            integers().between(0, 2).flatMap(i -> Gens.bytes(16 + 8 * i)),
            integers().between(1, 4).flatMap(n -> Gens.bytes(16 * n)),
            integers().between(1, 4).flatMap(n -> Gens.bytes(16 * n)))
        .check(
            (kbpk, header, payload) ->
                Arrays.equals(
                    BouncyCastleOracle.derivationSeal(true, kbpk, header, payload),
                    KeyDerivationBinding.versionD(kbpk).seal(header, payload)));
  }

  @Test
  void versionD_anyHeaderLength_sealEqualsBouncyCastleAndOpens() {
    // Headers of any length up to beyond the 512-byte scratch area: unaligned or long ones take
    // the two-range CMAC, the others the one-call CMAC.
    qt().forAll(
            integers().between(0, 2).flatMap(i -> Gens.bytes(16 + 8 * i)),
            Gens.bytes(0, 560),
            integers().between(1, 4).flatMap(n -> Gens.bytes(16 * n)))
        .check(
            (kbpk, header, payload) -> {
              KeyDerivationBinding binding = KeyDerivationBinding.versionD(kbpk);
              return Arrays.equals(
                      BouncyCastleOracle.derivationSeal(true, kbpk, header, payload),
                      binding.seal(header, payload))
                  && SealOpen.roundTrips(binding, header, payload);
            });
  }
}
