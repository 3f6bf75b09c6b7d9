/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.tr31.Tr31Exception;
import io.tr31.Tr31VerificationException;
import io.tr31.testing.Gens;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Properties of the key derivation binding: version D (AES-128/192/256) and B (TDES 2/3-key). */
class VersionDBindingProperties {
  private static Gen<KeyDerivationBinding> bindings() {
    return integers()
        .between(0, 4)
        .flatMap(
            i ->
                i < 3
                    ? Gens.bytes(16 + 8 * i).map(KeyDerivationBinding::versionD)
                    : Gens.bytes(16 + 8 * (i - 3)).map(KeyDerivationBinding::versionB));
  }

  private static Gen<byte[]> payloads() {
    return integers().between(1, 6).flatMap(n -> Gens.bytes(16 * n));
  }

  @Test
  void openOfSeal_isIdentity() {
    qt().forAll(bindings(), Gens.bytes(0, 64), payloads())
        .check(
            (binding, header, payload) -> SealOpen.roundTrips(binding, header, payload));
  }

  @Test
  void anySingleBitFlip_inHeaderCiphertextOrMac_throwsVerification() {
    qt().forAll(bindings(), Gens.bytes(0, 48), payloads(), integers().allPositive())
        .check(
            (binding, header, payload, r) -> {
              byte[] sealed = binding.seal(header, payload);
              // One buffer: header || ciphertext || MAC; flip one bit anywhere in it.
              byte[] all = new byte[header.length + sealed.length];
              System.arraycopy(header, 0, all, 0, header.length);
              System.arraycopy(sealed, 0, all, header.length, sealed.length);
              int bit = r % (all.length * 8);
              all[bit / 8] ^= (byte) (1 << (bit % 8));
              byte[] out = new byte[payload.length];
              try {
                binding.open(
                    all,
                    0,
                    header.length,
                    all,
                    header.length,
                    payload.length,
                    all,
                    header.length + payload.length,
                    out,
                    0);
                return false;
              } catch (Tr31VerificationException expected) {
                return Arrays.equals(out, new byte[out.length]);
              } catch (Tr31Exception other) {
                return false;
              }
            });
  }
}
