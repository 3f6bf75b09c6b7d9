/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.testing.Kbpks;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31Exception;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;

import io.tr31.internal.Hex;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.impl.Constraint;

/**
 * Issue 12, F2 over generated TDES keys whose parts are drawn from a pool of three (so that equal
 * parts are common) with random parity bits: the strict profile accepts a KBPK or a key to wrap
 * iff its parts are pairwise distinct as specified (K1 ≠ K2, and K2 ≠ K3 for 3-key, parity bits
 * ignored), and a 3-key KBPK with K1 = K3 has 2-key strength.
 *
 * <p>Shown to fail on deliberately broken checks while written: with {@code TdesKeys} comparing
 * the parts with their parity bits, {@link #strictAcceptsAKbpkOrKey_iffItsPartsAreDistinct} fails
 * (a K1 = K2 key with one flipped parity bit passes); with the K2 = K3 comparison dropped it fails
 * too; with {@code KeyStrength} ignoring K1 = K3, {@link
 * #threeKeyKbpk_protectsAThreeKeyKey_iffK1DiffersFromK3} fails. Each refusal must carry the code
 * of its rule (review 4): with wrap's degenerate-key check reporting {@code KBPK_TOO_WEAK}, the
 * first property fails, as it did not when any {@link Tr31Exception} counted as a refusal.
 */
class TdesKeyProperties {
  /** A TDES key of 2 or 3 parts; {@code parts} records which pool entry each part came from. */
  record Key(byte[] bytes, int[] parts) {
    @Override
    public String toString() {
      return "Key[parts " + Arrays.toString(parts) + ", " + bytes.length + " bytes]";
    }
  }

  private static Gen<Key> keys(int minParts, int maxParts) {
    return in -> {
      byte[][] pool = new byte[3][8];
      for (byte[] p : pool) {
        for (int i = 0; i < 8; i++) {
          p[i] = (byte) in.next(Constraint.between(0, 255));
        }
      }
      // The pool entries must differ beyond their parity bits: make byte 0 differ.
      pool[0][0] = (byte) 0x10;
      pool[1][0] = (byte) 0x20;
      pool[2][0] = (byte) 0x40;
      int n = (int) in.next(Constraint.between(minParts, maxParts));
      int[] parts = new int[n];
      byte[] key = new byte[8 * n];
      for (int j = 0; j < n; j++) {
        parts[j] = (int) in.next(Constraint.between(0, 2));
        for (int i = 0; i < 8; i++) {
          int parity = (int) in.next(Constraint.between(0, 1)); // DES ignores it
          key[8 * j + i] = (byte) ((pool[parts[j]][i] & 0xFE) | parity);
        }
      }
      return new Key(key, parts);
    };
  }

  /** The specification, from the recorded pool indexes (independent of the code under test). */
  private static boolean distinct(Key k) {
    int[] p = k.parts();
    return p[0] != p[1] && (p.length == 2 || p[1] != p[2]);
  }

  /**
   * Whether {@code e} ran; a refusal must carry {@code refusal}, the code of the rule under test
   * (any other code is a failure, not a refusal).
   */
  private static boolean accepted(ErrorCode refusal, Executable e) throws Exception {
    try {
      e.run();
      return true;
    } catch (Tr31Exception ex) {
      assertEquals(refusal, ex.code(), ex.getMessage());
      return false;
    }
  }

  interface Executable {
    void run() throws Exception;
  }

  @Test
  void strictAcceptsAKbpkOrKey_iffItsPartsAreDistinct() {
    byte[] aesKbpk = new byte[32];
    Arrays.fill(aesKbpk, (byte) 0x33);
    qt().withExamples(300)
        .forAll(keys(2, 3))
        .checkAssert(
            k -> {
              try {
                boolean kbpk =
                    accepted(
                        ErrorCode.DEGENERATE_TDES_KBPK,
                        () -> KeyBlockProtectionKey.tdes(k.bytes()).destroy());
                boolean key =
                    accepted(
                        ErrorCode.DEGENERATE_TDES_KEY,
                        () ->
                            Kbpks.wrap(
                                aesKbpk,
                                KeyBlockHeader.parse("D0000P0TE00N0000", Profile.STRICT),
                                k.bytes(),
                                WrapOptions.defaults()));
                assertEquals(distinct(k), kbpk, k.toString());
                assertEquals(distinct(k), key, k.toString());
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });
  }

  @Test
  void threeKeyKbpk_protectsAThreeKeyKey_iffK1DiffersFromK3() {
    qt().withExamples(300)
        .forAll(keys(3, 3))
        .checkAssert(
            k -> {
              if (!distinct(k)) {
                return; // refused anyway (the property above); about half the cases remain
              }
              try {
                KeyBlockProtectionKey kbpk =
                    KeyBlockProtectionKey.tdes(k.bytes());
                try {
                  boolean wrapped =
                      accepted(
                          ErrorCode.KBPK_TOO_WEAK,
                          () ->
                              kbpk.wrap(
                                  KeyBlockHeader.parse("B0000P0TE00N0000", Profile.STRICT),
                                  Hex.decode(
                                      DegenerateTdesKeyTest.K_A
                                          + DegenerateTdesKeyTest.K_B
                                          + DegenerateTdesKeyTest.K_C), WrapOptions.defaults()));
                  assertEquals(k.parts()[0] != k.parts()[2], wrapped, k.toString());
                } finally {
                  kbpk.destroy();
                }
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });
  }
}
