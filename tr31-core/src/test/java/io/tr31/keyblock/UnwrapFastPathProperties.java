/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.tr31.Profile;
import io.tr31.Tr31Exception;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * The strict unwrap fast path ({@code KeyBlockProtectionKey.unwrap(CharSequence, STRICT)}: no
 * {@link KeyBlock}, hex decoded into the thread's scratch, {@link KeyBlockReader#readText}) against
 * the reference path ({@link KeyBlock#parse} then {@code unwrap(KeyBlock, STRICT)}): on authentic
 * blocks and on every kind of one-character change, both answer the same key, header and warnings,
 * or throw the same exception class, code, offset and message.
 */
class UnwrapFastPathProperties {
  /**
   * Headers the generated KBPKs can wrap, with and without KC/KP blocks: versions D and B (their
   * own {@code Binding.openText}) and A, C and E (the interface's default).
   */
  private static final String[] HEADERS = {
    "D0000P0AE00E0000",
    "D0000K1AB00N0000",
    "D0000D0AB00E0000",
    "D0000P0TE00E0000",
    "B0000P0TE00E0000",
    "B0000K0TB00N0000",
    "B0000D0TD00E0000",
    "A0000P0TE00E0000",
    "C0000K0TB00N0000",
    "E0000P0AE00E0000",
    "E0000D0AB00E0000"
  };


  /** Characters a change writes: printable ASCII, lower-case hex, controls, and wide characters. */
  private static final String CHANGES = "0Aa f~\u0000\u007f\u00c1\u0130\u0141\u0441\uff21";

  /** One authentic block and the KBPK that unwraps it (and, for variety, a KBPK that does not). */
  static final class Case {
    final KeyBlockProtectionKey kbpk;
    final String block;

    Case(KeyBlockProtectionKey kbpk, String block) {
      this.kbpk = kbpk;
      this.block = block;
    }

    @Override
    public String toString() {
      return block;
    }
  }

  private static Gen<Case> authentic() {
    return integers()
        .between(0, Integer.MAX_VALUE)
        .map(
            seed -> {
              Random r = new Random(seed);
              String header = HEADERS[r.nextInt(HEADERS.length)];
              boolean aes = header.charAt(0) == 'D' || header.charAt(0) == 'E';
              // A KBPK at least as strong as the key (KBPK_TOO_WEAK otherwise).
              byte[] kbpkBytes = new byte[aes ? 16 + 8 * r.nextInt(3) : 24];
              r.nextBytes(kbpkBytes);
              boolean tdesKey = header.charAt(7) == 'T';
              int aesKey = 16 + 8 * r.nextInt((kbpkBytes.length - 16) / 8 + 1);
              byte[] key = new byte[tdesKey ? 16 + 8 * r.nextInt(2) : aesKey];
              r.nextBytes(key);
              WrapOptions.Builder options = WrapOptions.builder().allowDeprecatedVersions();
              if (r.nextBoolean()) {
                options.keyKcv(r.nextBoolean() ? KcvMethod.CMAC : KcvMethod.LEGACY);
              }
              if (r.nextBoolean()) {
                options.kbpkKcv(KcvMethod.CMAC);
              }
              try {
                KeyBlockProtectionKey kbpk =
                    aes
                        ? KeyBlockProtectionKey.aes(kbpkBytes)
                        : KeyBlockProtectionKey.tdes(kbpkBytes);
                String block =
                    kbpk.wrap(KeyBlockHeader.parse(header, Profile.STRICT), key, options.build());
                if (r.nextInt(8) == 0) { // the same block under a KBPK of the other kind
                  kbpk.destroy();
                  byte[] other = new byte[aes ? 24 : 32];
                  r.nextBytes(other);
                  kbpk = aes ? KeyBlockProtectionKey.tdes(other) : KeyBlockProtectionKey.aes(other);
                }
                return new Case(kbpk, block);
              } catch (Tr31Exception e) {
                throw new AssertionError(e);
              }
            });
  }

  @Test
  void fastPath_onAuthenticBlocks_answersAsTheReferencePath() {
    qt().withExamples(300).forAll(authentic()).checkAssert(c -> agree(c.kbpk, c.block));
  }

  @Test
  void fastPath_onOneChangedCharacter_answersAsTheReferencePath() {
    qt().withExamples(3000)
        .forAll(authentic(), integers().between(0, Integer.MAX_VALUE))
        .checkAssert((c, at) -> agree(c.kbpk, change(c.block, at)));
  }

  /** Replaces, cuts, inserts or lower-cases one character (the length field is left to lie). */
  static String change(String block, int at) {
    int i = at % block.length();
    char c = CHANGES.charAt((at >>> 8) % CHANGES.length());
    switch ((at >>> 4) % 4) {
      case 0:
        return block.substring(0, i) + c + block.substring(i + 1);
      case 1:
        return block.substring(0, i) + block.substring(i + 1);
      case 2:
        return block.substring(0, i) + c + block.substring(i);
      default:
        return block.substring(0, i)
            + Character.toLowerCase(block.charAt(i))
            + block.substring(i + 1);
    }
  }

  static void agree(KeyBlockProtectionKey kbpk, String text) {
    Object fast = outcome(() -> kbpk.unwrap(text, Profile.STRICT));
    Object reference =
        outcome(() -> kbpk.unwrap(KeyBlock.parse(text, Profile.STRICT), Profile.STRICT));
    if (fast instanceof Object[] && reference instanceof Object[]) {
      Object[] f = (Object[]) fast;
      Object[] r = (Object[]) reference;
      assertArrayEquals((byte[]) r[0], (byte[]) f[0], text);
      assertEquals(r[1], f[1], text);
      assertEquals(r[2], f[2], text);
    } else {
      assertEquals(reference, fast, text);
    }
  }

  interface Unwrap {
    UnwrappedKey run() throws Tr31Exception;
  }

  /** {key bytes, header, warnings}, or the exception's class, code, offset and message. */
  private static Object outcome(Unwrap u) {
    try (UnwrappedKey k = u.run()) {
      return new Object[] {k.keyBytes(), k.header(), k.warnings()};
    } catch (Tr31Exception e) {
      return e.getClass().getSimpleName()
          + " "
          + e.code()
          + " @"
          + e.offset()
          + ": "
          + e.getMessage();
    }
  }
}
