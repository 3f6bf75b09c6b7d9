/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.Profile;
import io.tr31.Tr31FormatException;


import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.tr31.testing.HeaderGens;
import org.junit.jupiter.api.Test;

class KeyBlockHeaderProperties {
  private static Profile profileFor(KeyBlockHeader h) {
    return h.version() == KeyBlockVersion.THALES_0 ? Profile.LENIENT : Profile.STRICT;
  }

  @Test
  void parseOfEncode_isIdentity() {
    qt().forAll(HeaderGens.headers(), integers().between(0, 9999))
        .check(
            (h, n) -> {
              try {
                String text = h.encode(n);
                KeyBlockHeader back = KeyBlockHeader.parse(text, profileFor(h));
                return back.equals(h)
                    && back.declaredKeyBlockLength() == n
                    && text.length() == h.encodedLengthChars()
                    && back.encode(n).equals(text);
              } catch (Tr31FormatException e) {
                throw new AssertionError(h.encode(n), e);
              }
            });
  }

  @Test
  void withPadding_isBlockAligned_pbLast_andIdempotent() {
    qt().forAll(HeaderGens.headers())
        .check(
            h -> {
              KeyBlockHeader p = h.withPadding();
              int block = p.version().cipherBlockSizeBytes();
              int n = p.optionalBlocks().size();
              boolean pbLastOrAbsent =
                  !p.optionalBlock(OptionalBlockId.PB).isPresent()
                      || p.optionalBlocks().get(n - 1).isPadding();
              return p.encodedLengthChars() % block == 0
                  && p.isBlockAligned()
                  && pbLastOrAbsent
                  && p.withPadding().equals(p)
                  && p.blocks().without("PB").equals(h.blocks().without("PB"));
            });
  }
}
