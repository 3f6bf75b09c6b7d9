/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.tr31.testing.Gens;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link Binding#sealHex} (the key derivation binding's, in the thread's scratch, and the default
 * every other binding uses) against the plain path: {@link Binding#seal} into fresh arrays, then
 * hex. Headers of any length, aligned or not, and payloads beyond the 512-byte scratch take every
 * branch (one-call CMAC, two-range CMAC, ciphertext in the scratch or in a fresh array); the bytes
 * around the written range must stay untouched.
 */
class SealHexProperties {
  private static boolean sealHexEqualsSealThenHex(Binding b, byte[] header, byte[] payload) {
    int body = 2 * (payload.length + b.macBytes());
    String expected =
        new String(header, StandardCharsets.ISO_8859_1) + Hex.encode(b.seal(header, payload));
    // The payload at an offset, and a guard byte after the body that must stay untouched.
    byte[] shifted = new byte[7 + payload.length];
    System.arraycopy(payload, 0, shifted, 7, payload.length);
    byte[] text = Arrays.copyOf(header, header.length + body + 1);
    text[text.length - 1] = '#';
    b.sealHex(text, header.length, shifted, 7, payload.length);
    return expected.equals(new String(text, 0, text.length - 1, StandardCharsets.ISO_8859_1))
        && text[text.length - 1] == '#'
        && Arrays.equals(payload, Arrays.copyOfRange(shifted, 7, shifted.length));
  }

  @Test
  void versionD_sealHex_equalsSealThenHex() {
    qt().forAll(
            integers().between(0, 2).flatMap(i -> Gens.bytes(16 + 8 * i)),
            Gens.bytes(0, 560),
            integers().between(1, 40).flatMap(n -> Gens.bytes(16 * n)))
        .check(
            (kbpk, header, payload) ->
                sealHexEqualsSealThenHex(KeyDerivationBinding.versionD(kbpk), header, payload));
  }

  @Test
  void versionB_sealHex_equalsSealThenHex() {
    qt().forAll(
            integers().between(0, 1).flatMap(i -> Gens.bytes(16 + 8 * i)),
            Gens.bytes(0, 100),
            integers().between(1, 70).flatMap(n -> Gens.bytes(8 * n)))
        .check(
            (kbpk, header, payload) ->
                sealHexEqualsSealThenHex(KeyDerivationBinding.versionB(kbpk), header, payload));
  }

  @Test
  void defaultSealHex_ofVersionEAndVariant_equalsSealThenHex() {
    qt().forAll(
            integers().between(0, 2).flatMap(i -> Gens.bytes(16 + 8 * i)),
            integers().between(1, 6).flatMap(n -> Gens.bytes(16 * n)),
            integers().between(1, 60).flatMap(Gens::bytes))
        .check(
            (kbpk, header, payload) ->
                sealHexEqualsSealThenHex(VersionEBinding.of(kbpk), header, payload));
    qt().forAll(
            integers().between(0, 1).flatMap(i -> Gens.bytes(16 + 8 * i)),
            integers().between(2, 6).flatMap(n -> Gens.bytes(8 * n)),
            integers().between(1, 8).flatMap(n -> Gens.bytes(8 * n)))
        .check(
            (kbpk, header, payload) ->
                sealHexEqualsSealThenHex(VariantBinding.of(kbpk), header, payload));
  }
}
