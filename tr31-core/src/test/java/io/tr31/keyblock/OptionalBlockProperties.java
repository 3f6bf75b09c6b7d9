/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.tr31.Profile;
import io.tr31.Tr31FormatException;
import io.tr31.testing.Gens;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class OptionalBlockProperties {
  @Test
  void timestamp_readsBackTheInstantToTheHundredth() {
    qt().forAll(longs().between(0, 253402300799L), integers().between(0, 999_999_999))
        .check(
            (s, nanos) -> {
              Instant t = Instant.ofEpochSecond(s, nanos);
              Instant expected = Instant.ofEpochSecond(s, nanos / 10_000_000 * 10_000_000L);
              try {
                OptionalBlock b = OptionalBlock.timestamp(OptionalBlockId.TC, t);
                String text = b.toString();
                OptionalBlock back =
                    OptionalBlocks.parse(text, 0, text.length(), 1, Profile.STRICT).asList().get(0);
                return back.timestamp().get().equals(expected) && back.equals(b);
              } catch (Tr31FormatException e) {
                throw new AssertionError(t.toString(), e);
              }
            });
  }

  @Test
  void kcvBlock_readsBackMethodAndBytes() {
    qt().forAll(integers().between(0, 1), Gens.bytes(2, 5))
        .assuming((m, kcv) -> kcv.length <= KcvMethod.values()[m].maxLengthBytes())
        .check(
            (m, kcv) -> {
              try {
                OptionalBlock b = OptionalBlock.kcv(OptionalBlockId.KC, KcvMethod.values()[m], kcv);
                String text = b.toString();
                OptionalBlock back =
                    OptionalBlocks.parse(text, 0, text.length(), 1, Profile.STRICT).asList().get(0);
                return back.kcv().get().method() == KcvMethod.values()[m]
                    && Arrays.equals(back.kcv().get().bytes(), kcv);
              } catch (Tr31FormatException e) {
                throw new AssertionError(e);
              }
            });
  }
}
