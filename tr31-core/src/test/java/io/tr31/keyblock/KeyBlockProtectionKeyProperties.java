/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.testing.Kbpks;

import io.tr31.Profile;
import io.tr31.Tr31Exception;


import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;

import io.tr31.testing.Gens;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.core.RandomnessSource;
import org.quicktheories.impl.Constraint;

/**
 * Properties of version D wrap/unwrap over generated KBPK sizes, key algorithms and lengths, header
 * fields, optional block sets and wrap options.
 *
 * <p>Shown to fail on deliberately broken implementations while written: with the MAC comparison in
 * {@code KeyDerivationBinding.open} replaced by {@code true}, {@link
 * #everySingleCharacterChange_isRejected} fails; with the key length field written as bytes instead
 * of bits, {@link #unwrapOfWrap_returnsTheKeyAndHeader} fails.
 */
class KeyBlockProtectionKeyProperties {
  /** A key to wrap, its header, and the wrap options. */
  record Case(byte[] kbpk, KeyBlockHeader header, byte[] key, WrapOptions options) {
    @Override
    public String toString() {
      return "Case[kbpk "
          + kbpk.length
          + " bytes, "
          + header
          + ", key "
          + key.length
          + " bytes, "
          + options
          + "]";
    }
  }

  /** Usage, algorithm, mode and allowed key lengths that the attribute policy permits. */
  private record Spec(KeyUsage usage, KeyAlgorithm algorithm, ModeOfUse mode, int[] lengths) {}

  private static final List<Spec> SPECS =
      List.of(
          new Spec(
              KeyUsage.PIN_ENCRYPTION,
              KeyAlgorithm.AES,
              ModeOfUse.ENCRYPT_ONLY,
              new int[] {16, 24, 32}),
          new Spec(
              KeyUsage.DATA_ENCRYPTION_SYMMETRIC,
              KeyAlgorithm.AES,
              ModeOfUse.ENCRYPT_DECRYPT,
              new int[] {16, 24, 32}),
          new Spec(
              KeyUsage.KEY_BLOCK_PROTECTION,
              KeyAlgorithm.AES,
              ModeOfUse.ENCRYPT_DECRYPT,
              new int[] {32}),
          new Spec(
              KeyUsage.KEY_ENCRYPTION,
              KeyAlgorithm.TDES,
              ModeOfUse.DECRYPT_ONLY,
              new int[] {16, 24}),
          new Spec(KeyUsage.BDK, KeyAlgorithm.TDES, ModeOfUse.DERIVE_KEYS, new int[] {16, 24}),
          new Spec(
              KeyUsage.MAC_CMAC, KeyAlgorithm.AES, ModeOfUse.GENERATE_VERIFY, new int[] {16, 32}),
          new Spec(
              KeyUsage.MAC_HMAC,
              KeyAlgorithm.HMAC,
              ModeOfUse.GENERATE_ONLY,
              new int[] {16, 20, 32, 33, 64}));

  private static int pick(RandomnessSource in, int n) {
    return (int) in.next(Constraint.between(0, n - 1));
  }

  private static byte[] bytes(RandomnessSource in, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) in.next(Constraint.between(0, 255));
    }
    return b;
  }

  private static String printable(RandomnessSource in, int min, int max) {
    int n = (int) in.next(Constraint.between(min, max));
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append((char) in.next(Constraint.between(0x20, 0x7E)));
    }
    return sb.toString();
  }

  static final Gen<Case> CASES =
      in -> {
        Spec spec = SPECS.get(pick(in, SPECS.size()));
        byte[] key = bytes(in, spec.lengths()[pick(in, spec.lengths().length)]);
        if (spec.algorithm() == KeyAlgorithm.TDES) {
          Gens.distinctTdesParts(key); // F2: wrap refuses TDES keys with equal parts
        }
        // X9.24-1: the KBPK is at least as strong as the key (AES-128, -192 or -256 as needed).
        int strength = spec.algorithm().securityStrengthBits(key.length);
        int[] kbpkSizes = IntStream.of(16, 24, 32).filter(n -> n * 8 >= strength).toArray();
        byte[] kbpk = bytes(in, kbpkSizes[pick(in, kbpkSizes.length)]);
        if (java.util.Arrays.equals(kbpk, key)) {
          kbpk[0] ^= 1; // wrap refuses the KBPK itself as the key (KEY_IS_KBPK)
        }
        KeyVersion[] versions = {
          KeyVersion.none(), KeyVersion.component(1 + pick(in, 9)), KeyVersion.of("A7")
        };
        List<OptionalBlock> blocks = new ArrayList<>();
        if (spec.algorithm() == KeyAlgorithm.HMAC) {
          blocks.add(
              OptionalBlock.hmacHash(
                  HashAlgorithm.values()[pick(in, HashAlgorithm.values().length)]));
        }
        if (pick(in, 2) == 1) {
          blocks.add(OptionalBlock.label(printable(in, 1, 40)));
        }
        if (pick(in, 2) == 1) {
          long seconds = in.next(Constraint.between(0, 4_102_444_799L)); // up to 2099-12-31
          blocks.add(OptionalBlock.timestamp(OptionalBlockId.TS, Instant.ofEpochSecond(seconds)));
        }
        KeyBlockHeader header =
            KeyBlockHeader.builder()
                .version(KeyBlockVersion.D)
                .keyUsage(spec.usage())
                .algorithm(spec.algorithm())
                .modeOfUse(spec.mode())
                .keyVersion(versions[pick(in, versions.length)])
                .exportability(Exportability.values()[pick(in, Exportability.values().length)])
                .keyContext(KeyContext.values()[pick(in, KeyContext.values().length)])
                .optionalBlocks(OptionalBlocks.of(blocks))
                .build();
        WrapOptions.Builder options = WrapOptions.builder();
        if (pick(in, 2) == 1) {
          options.exactKeyLength();
        }
        if (spec.algorithm() != KeyAlgorithm.HMAC && pick(in, 2) == 1) {
          options.keyKcv(KcvMethod.values()[pick(in, 2)]);
        }
        if (pick(in, 2) == 1) {
          options.kbpkKcv(KcvMethod.values()[pick(in, 2)]);
        }
        return new Case(kbpk, header, key, options.build());
      };

  private static String wrap(Case c) {
    try {
      KeyBlockProtectionKey kbpk =
          KeyBlockProtectionKey.aes(c.kbpk());
      return kbpk.wrap(c.header(), c.key(), c.options());
    } catch (Tr31Exception e) {
      throw new AssertionError(c + ": " + e.getMessage(), e);
    }
  }

  @Test
  void unwrapOfWrap_returnsTheKeyAndHeader() {
    qt().withExamples(400)
        .forAll(CASES)
        .checkAssert(
            c -> {
              String block = wrap(c);
              try (UnwrappedKey k = Kbpks.unwrap(c.kbpk(), block, Profile.STRICT)) {
                assertArrayEquals(c.key(), k.keyBytes());
                KeyBlockHeader h = k.header();
                assertEquals(c.header().keyUsage(), h.keyUsage());
                assertEquals(c.header().algorithm(), h.algorithm());
                assertEquals(c.header().modeOfUse(), h.modeOfUse());
                assertEquals(c.header().keyVersion(), h.keyVersion());
                assertEquals(c.header().exportability(), h.exportability());
                assertEquals(c.header().keyContext(), h.keyContext());
                for (OptionalBlock b : c.header().optionalBlocks()) {
                  assertEquals(b, h.blocks().get(b.id()).orElseThrow());
                }
                assertEquals(
                    c.options().keyKcv().isPresent(),
                    h.optionalBlock(OptionalBlockId.KC).isPresent());
                assertEquals(
                    c.options().kbpkKcv().isPresent(),
                    h.optionalBlock(OptionalBlockId.KP).isPresent());
                assertEquals(block.length(), h.declaredKeyBlockLength());
              } catch (Tr31Exception e) {
                throw new AssertionError(c + ": " + e.getMessage(), e);
              }
            });
  }

  @Test
  void obfuscatedLength_isTheSameForEveryKeyLengthOfAnAlgorithm() {
    qt().withExamples(60)
        .forAll(CASES)
        .assuming(c -> c.header().algorithm() != KeyAlgorithm.HMAC)
        .checkAssert(
            c -> {
              // X9.143 key length obfuscation: every allowed key length of the header's
              // algorithm gives the same key block length (AES 16..32, TDES 16..24 bytes).
              WrapOptions obfuscated = WrapOptions.builder().build();
              byte[] strongKbpk = java.util.Arrays.copyOf(c.kbpk(), 32);
              int shortest = 16;
              int longest = c.header().algorithm() == KeyAlgorithm.AES ? 32 : 24;
              assertEquals(
                  wrap(new Case(strongKbpk, c.header(), Gens.distinctTdesKey(longest), obfuscated))
                      .length(),
                  wrap(new Case(strongKbpk, c.header(), Gens.distinctTdesKey(shortest), obfuscated))
                      .length());
            });
  }

  private static final char[] REPLACEMENTS = {'0', '1', '9', 'A', 'F', 'G', 'a', 'f', ' ', '~'};

  @Test
  void everySingleCharacterChange_isRejected() {
    qt().withExamples(150)
        .forAll(CASES)
        .checkAssert(
            c -> {
              String block = wrap(c);
              for (int i = 0; i < block.length(); i++) {
                for (char r : REPLACEMENTS) {
                  if (block.charAt(i) == r) {
                    continue;
                  }
                  String tampered = block.substring(0, i) + r + block.substring(i + 1);
                  int at = i;
                  assertThrows(
                      Tr31Exception.class,
                      () -> Kbpks.unwrap(c.kbpk(), tampered, Profile.STRICT).destroy(),
                      () -> "change at " + at + " to '" + r + "' accepted: " + tampered);
                }
              }
            });
  }
}
