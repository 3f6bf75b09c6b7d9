/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.testing.Kbpks;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31Exception;


import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.tr31.testing.Gens;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Whole key blocks of every version we write (A, B, C, D, E): unwrap of wrap is the key, and any
 * single-character change anywhere in the block is refused under the strict profile.
 */
class KeyBlockVersionsProperties {
  private static final WrapOptions[] OPTIONS = {
    WrapOptions.builder().allowDeprecatedVersions().build(),
    WrapOptions.builder()
        .allowDeprecatedVersions()
        .exactKeyLength()
        .build()
  };

  /** One case: a version, a KBPK for it and a key (TDES or AES) with a matching header. */
  private record Case(KeyBlockVersion version, byte[] kbpk, byte[] key, int options) {
    String wrap(KeyBlockProtectionKey k) throws Tr31Exception {
      boolean aesKey = key.length == 32 || (version.isAes() && key.length != 24);
      String template = version.id() + "0000D0" + (aesKey ? "A" : "T") + "B00E0000";
      return k.wrap(KeyBlockHeader.parse(template, Profile.STRICT), key, OPTIONS[options]);
    }

    KeyBlockProtectionKey prepare() throws Tr31Exception {
      return Kbpks.prepare(KbpkRules.algorithmFor(version), kbpk);
    }

    /** Whether {@code check} holds for the prepared KBPK, destroyed after; false on a throw. */
    boolean withKbpk(KbpkCheck check) {
      KeyBlockProtectionKey k = null;
      try {
        k = prepare();
        return check.test(k);
      } catch (Tr31Exception e) {
        return false;
      } finally {
        if (k != null) {
          k.destroy();
        }
      }
    }
  }

  /** A property of one prepared KBPK. */
  private interface KbpkCheck {
    boolean test(KeyBlockProtectionKey kbpk) throws Tr31Exception;
  }

  /**
   * {@code kbpk}, changed in a non-parity bit while it is {@code key} (for TDES: the same DES key,
   * e.g. both all zero): wrap refuses the KBPK itself (KEY_IS_KBPK).
   */
  private static byte[] notTheKey(byte[] kbpk, byte[] key, KeyBlockVersion v) {
    boolean desKey = !v.isAes() || key.length == 24; // as Case#wrap labels it
    for (int i = 0; io.tr31.internal.KeyFingerprint.of(kbpk, !v.isAes()).matches(key, desKey); i++) {
      kbpk[i] ^= 0x02;
    }
    return kbpk;
  }

  private static Gen<Case> cases() {
    KeyBlockVersion[] versions = {
      KeyBlockVersion.A, KeyBlockVersion.B, KeyBlockVersion.C, KeyBlockVersion.D, KeyBlockVersion.E
    };
    return integers()
        .between(0, versions.length - 1)
        .flatMap(
            vi -> {
              KeyBlockVersion v = versions[vi];
              // X9.24-1 (wrap enforces it): the key is no stronger than the KBPK, so its length
              // index never exceeds the KBPK's (TDES 16/24; AES 16/24/32, a 24-byte key there
              // being a 3-key TDES key).
              int sizes = v.isAes() ? 3 : 2;
              return integers()
                  .between(0, sizes - 1)
                  .flatMap(
                      kbpkIndex ->
                          Gens.bytes(16 + 8 * kbpkIndex)
                              .map(Gens::distinctTdesParts)
                              .zip(
                                  integers()
                                      .between(0, kbpkIndex)
                                      .flatMap(keyIndex -> Gens.bytes(16 + 8 * keyIndex))
                                      .map(Gens::distinctTdesParts),
                                  integers().between(0, 1),
                                  (kb, k, o) -> new Case(v, notTheKey(kb, k, v), k, o)));
            });
  }

  @Test
  void unwrapOfWrap_isTheKey_everyVersion() {
    qt().forAll(cases())
        .check(
            c ->
                c.withKbpk(
                    kbpk -> {
                      try (UnwrappedKey back = kbpk.unwrap(c.wrap(kbpk))) {
                        return Arrays.equals(c.key(), back.keyBytes())
                            && back.header().version() == c.version();
                      }
                    }));
  }

  @Test
  void anySingleCharacterChange_isRefused_everyVersion() {
    qt().forAll(cases(), integers().allPositive(), integers().between(0x20, 0x7E))
        .check(
            (c, position, replacement) ->
                c.withKbpk(
                    kbpk -> {
                      String block = c.wrap(kbpk);
                      int i = position % block.length();
                      char r = (char) (int) replacement;
                      if (r == block.charAt(i)) {
                        r = r == 'A' ? 'B' : 'A';
                      }
                      String tampered = block.substring(0, i) + r + block.substring(i + 1);
                      try {
                        kbpk.unwrap(tampered, Profile.STRICT).destroy();
                        return false;
                      } catch (Tr31Exception expected) {
                        return true;
                      }
                    }));
  }

  @Test
  void kbpkOfTheOtherFamily_saysWhichKbpkTheVersionNeeds() {
    qt().forAll(cases())
        .check(
            c ->
                c.withKbpk(
                    own -> {
                      String block = c.wrap(own);
                      KeyBlockProtectionKey other =
                          c.version().isAes()
                              ? KeyBlockProtectionKey.tdes(Gens.distinctTdesKey(16))
                              : KeyBlockProtectionKey.aes(new byte[16]);
                      try {
                        other.unwrap(block).destroy();
                        return false;
                      } catch (Tr31Exception e) {
                        String needs =
                            c.version().isAes() ? "needs an AES KBPK" : "needs a TDES KBPK";
                        return e.code() == ErrorCode.WRONG_KBPK_FOR_VERSION
                            && e.getMessage().contains(needs);
                      } finally {
                        other.destroy();
                      }
                    }));
  }
}
