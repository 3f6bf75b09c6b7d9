/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.Profile;
import io.tr31.Tr31FormatException;


import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.tr31.testing.HeaderGens;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The strict fast path of {@link KeyBlock#parse} ({@link KeyBlock#parseStrictWellFormed}) against
 * the reference path that runs every check in its specified order ({@link KeyBlock#parseChecked}):
 * whenever the fast path answers, the reference path answers the same block; whenever the reference
 * path refuses, the fast path declines; and on well-formed blocks the fast path does answer (it is
 * not dead code).
 */
class KeyBlockFastPathProperties {
  private static final String HEX = "0123456789ABCDEF";

  /**
   * A structurally valid strict key block of a generated header, payload and MAC (not authentic).
   */
  private static Gen<String> wellFormed() {
    return blocks(
        integers().between(1, 6),
        (v, blocks) ->
            2
                * ((v == KeyBlockVersion.E ? 2 + blocks * 3 : blocks * v.cipherBlockSizeBytes())
                    + v.macLengthBytes()));
  }

  /**
   * A header whose length field matches the text, followed by any number of hex digits: payload and
   * MAC lengths that fit the version or do not (odd, unaligned, too short, none).
   */
  private static Gen<String> anyTailLength() {
    return blocks(integers().between(0, 160), (v, tail) -> tail);
  }

  /**
   * A padded strict header followed by {@code tailChars(version, n)} random upper-case hex digits,
   * the header's length field declaring the whole text.
   */
  private static Gen<String> blocks(
      Gen<Integer> n, java.util.function.BiFunction<KeyBlockVersion, Integer, Integer> tailChars) {
    return HeaderGens.headers()
        .assuming(h -> h.version() != KeyBlockVersion.THALES_0)
        .zip(
            n,
            integers().between(0, Integer.MAX_VALUE),
            (h, k, seed) -> {
              KeyBlockHeader p = h.withPadding();
              int length = p.encodedLengthChars() + tailChars.apply(p.version(), k);
              StringBuilder sb = new StringBuilder(p.encode(length));
              java.util.Random r = new java.util.Random(seed);
              while (sb.length() < length) {
                sb.append(HEX.charAt(r.nextInt(16)));
              }
              return sb.toString();
            });
  }

  /** One change: a character replaced (printable, lower-case hex or control), cut or added. */
  private static Gen<String> mutated() {
    return wellFormed()
        .zip(
            integers().between(0, Integer.MAX_VALUE),
            integers().between(0, 3),
            (text, at, kind) -> {
              int i = at % text.length();
              switch (kind) {
                case 0:
                  return text.substring(0, i) + (char) (0x20 + at % 95) + text.substring(i + 1);
                case 1:
                  return text.substring(0, i)
                      + Character.toLowerCase(text.charAt(i))
                      + text.substring(i + 1);
                case 2:
                  return text.substring(0, i);
                default:
                  return text.substring(0, i) + "0" + text.substring(i);
              }
            });
  }

  @Test
  void fastPath_onWellFormedBlocks_answersExactlyAsTheReferencePath() {
    qt().withExamples(400)
        .forAll(wellFormed())
        .checkAssert(
            text -> {
              KeyBlock fast = KeyBlock.parseStrictWellFormed(text, text.length());
              assertNotNull(fast, text);
              assertSame(reference(text), fast);
            });
  }

  @Test
  void fastPath_onChangedBlocks_declinesOrAnswersAsTheReferencePath() {
    qt().withExamples(2000)
        .forAll(mutated())
        .checkAssert(
            text -> {
              if (!text.isEmpty()) {
                declinesOrAgrees(text);
              }
            });
  }

  @Test
  void fastPath_onAnyPayloadAndMacLength_declinesOrAnswersAsTheReferencePath() {
    qt().withExamples(1000)
        .forAll(anyTailLength())
        .checkAssert(KeyBlockFastPathProperties::declinesOrAgrees);
  }

  private static void declinesOrAgrees(String text) {
    KeyBlock fast = KeyBlock.parseStrictWellFormed(text, text.length());
    KeyBlock ref = reference(text);
    if (ref == null) {
      assertEquals(null, fast, "fast path accepted what the reference refuses: " + text);
    } else if (fast != null) {
      assertSame(ref, fast);
    }
  }

  private static KeyBlock reference(String text) {
    try {
      return KeyBlock.parseChecked(text, text.length(), Profile.STRICT);
    } catch (Tr31FormatException e) {
      return null;
    }
  }

  private static void assertSame(KeyBlock ref, KeyBlock fast) {
    assertNotNull(ref, "the reference path refused what the fast path accepted");
    assertEquals(ref.text(), fast.text());
    assertEquals(ref.header(), fast.header());
    assertEquals(ref.payloadOffset(), fast.payloadOffset());
    assertArrayEquals(ref.encryptedPayload(), fast.encryptedPayload());
    assertArrayEquals(ref.mac(), fast.mac());
    assertEquals(ref.warnings(), fast.warnings());
    assertEquals(ref.lowerCaseHexWarning(), fast.lowerCaseHexWarning());
  }
}
