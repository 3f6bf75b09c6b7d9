package io.tr31.internal;

import static org.quicktheories.QuickTheory.qt;

import io.tr31.testing.Gens;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HexProperties {
  @Test
  void decodeOfEncode_isIdentity() {
    qt().forAll(Gens.bytes(0, 64))
        .check(
            b -> {
              try {
                return Arrays.equals(b, Hex.decode(Hex.encode(b)));
              } catch (Exception e) {
                return false;
              }
            });
  }
}
