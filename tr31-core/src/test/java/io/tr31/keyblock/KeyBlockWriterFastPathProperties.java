/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.tr31.Profile;
import io.tr31.Tr31Exception;
import io.tr31.internal.Binding;
import io.tr31.internal.Hex;
import io.tr31.testing.FixedRandom;
import io.tr31.testing.HeaderGens;
import io.tr31.testing.Kbpks;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The wrap fast path (the header's text cached in the header after one strict re-read, the
 * thread's {@code WrapBuffers}, the binding's {@code sealHex}) against the plain reference path
 * (the header encoded with its length and re-read on every wrap, fresh arrays, {@link Binding#seal}
 * then hex): with the same padding both write the same key block, for every version, KBPK, header
 * and option set; a wrap refused the first time (cache miss) is refused identically the second
 * time (the cache never stores a refusal) and for an equal fresh header.
 */
class KeyBlockWriterFastPathProperties {
  private static final KeyBlockProtectionKey[] AES = {
    prepare(KeyAlgorithm.AES, bytes(16, 1)), prepare(KeyAlgorithm.AES, bytes(32, 2))
  };
  private static final KeyBlockProtectionKey[] TDES = {
    prepare(KeyAlgorithm.TDES, bytes(16, 3)), prepare(KeyAlgorithm.TDES, bytes(24, 4))
  };
  private static final int[] KEY_LENGTHS = {8, 16, 24, 32, 48, 64, 100};

  private static KeyBlockProtectionKey prepare(KeyAlgorithm algorithm, byte[] kbpk) {
    try {
      return Kbpks.prepare(algorithm, kbpk);
    } catch (Tr31Exception e) {
      throw new AssertionError(e);
    }
  }

  private static byte[] bytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** One wrap request, fully determined by a header and a seed. */
  private static final class Case {
    final KeyBlockHeader header;
    final KeyBlockProtectionKey kbpk;
    final byte[] key;
    final KcvMethod kc;
    final KcvMethod kp;
    final boolean exact;
    final boolean deprecated;
    final long seed;

    Case(KeyBlockHeader header, int seed) {
      Random r = new Random(seed);
      KeyBlockVersion v = header.version();
      KeyBlockProtectionKey[] kbpks = v == KeyBlockVersion.D || v == KeyBlockVersion.E ? AES : TDES;
      this.header = header;
      this.kbpk = kbpks[r.nextInt(kbpks.length)];
      int length = 16;
      for (int i = 0; i < 8; i++) {
        int n = KEY_LENGTHS[r.nextInt(KEY_LENGTHS.length)];
        if (header.algorithm().permitsKeyLengthBytes(n)) {
          length = n;
          break;
        }
      }
      this.key = bytes(length, r.nextLong());
      KcvMethod[] methods = {null, null, KcvMethod.LEGACY, KcvMethod.CMAC};
      this.kc = methods[r.nextInt(4)];
      this.kp = methods[r.nextInt(4)];
      this.exact = r.nextInt(4) == 0;
      this.deprecated = r.nextInt(4) != 0;
      this.seed = r.nextLong();
    }

    /** Fresh options each time: the same seeded padding source for every wrap of this case. */
    WrapOptions options() {
      return options(kc);
    }

    /** {@link #options()} with a KC block asked where it was not, and none where it was. */
    WrapOptions toggledKc() {
      return options(kc == null ? KcvMethod.CMAC : null);
    }

    private WrapOptions options(KcvMethod keyKcv) {
      WrapOptions.Builder b = WrapOptions.builder().paddingSource(FixedRandom.seeded(seed));
      if (keyKcv != null) {
        b.keyKcv(keyKcv);
      }
      if (kp != null) {
        b.kbpkKcv(kp);
      }
      if (exact) {
        b.exactKeyLength();
      }
      if (deprecated) {
        b.allowDeprecatedVersions();
      }
      return b.build();
    }

    @Override
    public String toString() {
      return header + " key " + key.length + " kc " + kc + " kp " + kp + " exact " + exact;
    }
  }

  /** The key block, or the refusal's class, code, offset and message. */
  private static String outcome(Callable<String> wrap) {
    try {
      return wrap.call();
    } catch (Tr31Exception e) {
      return "refused " + e.getClass().getSimpleName() + " " + e.code() + " " + e.getMessage();
    } catch (Exception e) {
      return "failed " + e;
    }
  }

  /**
   * The plain path: KC/KP as the options ask, aligned by a PB block, the text encoded with its
   * length and re-read strictly, the payload with the same padding, {@link Binding#seal}, hex.
   */
  private static String reference(Case c) throws Tr31Exception {
    KeyBlockHeader h = c.header;
    KeyAlgorithm algorithm = h.algorithm();
    if (c.kc != null) {
      byte[] kcv = KeyCheckValue.compute(algorithm, c.key, c.kc, c.kc.maxLengthBytes()).bytes();
      h = h.withOptionalBlock(OptionalBlock.kcv(OptionalBlockId.KC, c.kc, kcv));
    }
    if (c.kp != null) {
      byte[] kcv = c.kbpk.keys().kcv(c.kp).clone();
      h = h.withOptionalBlock(OptionalBlock.kcv(OptionalBlockId.KP, c.kp, kcv));
    }
    if (!h.isBlockAligned()) {
      h = h.withPadding();
    }
    Binding binding = c.kbpk.keys().bindingFor(h.version());
    int block = binding.payloadBlockBytes();
    int padTo = c.exact ? c.key.length : Math.max(c.key.length, algorithm.obfuscatedLengthBytes());
    int payloadBytes = (2 + padTo + block - 1) / block * block;
    int total = h.encodedLengthChars() + 2 * payloadBytes + 2 * binding.macBytes();
    String text = h.encode(total);
    KeyBlockHeader.parse(text, Profile.STRICT);
    byte[] payload = new byte[payloadBytes];
    payload[0] = (byte) ((c.key.length * 8) >>> 8);
    payload[1] = (byte) (c.key.length * 8);
    System.arraycopy(c.key, 0, payload, 2, c.key.length);
    byte[] padding = new byte[payloadBytes - 2 - c.key.length];
    FixedRandom.seeded(c.seed).nextBytes(padding);
    System.arraycopy(padding, 0, payload, 2 + c.key.length, padding.length);
    return text + Hex.encode(binding.seal(text.getBytes(StandardCharsets.US_ASCII), payload));
  }

  @Test
  void wrap_firstAndCachedHeader_writeWhatThePlainPathWrites() {
    AtomicInteger written = new AtomicInteger();
    qt().withExamples(1500)
        .forAll(HeaderGens.headers().zip(integers().all(), Case::new))
        .checkAssert(
            c -> {
              String first = outcome(() -> c.kbpk.wrap(c.header, c.key, c.options()));
              String cached = outcome(() -> c.kbpk.wrap(c.header, c.key, c.options()));
              KeyBlockHeader equal = c.header.toBuilder().build();
              String fresh = outcome(() -> c.kbpk.wrap(equal, c.key, c.options()));
              assertEquals(first, cached, c.toString());
              assertEquals(first, fresh, c.toString());
              if (!first.startsWith("refused") && !first.startsWith("failed")) {
                written.incrementAndGet();
                assertEquals(outcome(() -> reference(c)), first, c.toString());
              }
              // The same header object with and without KC after it was (or was not) cached.
              KeyBlockHeader other = c.header.toBuilder().build();
              assertEquals(
                  outcome(() -> c.kbpk.wrap(other, c.key, c.toggledKc())),
                  outcome(() -> c.kbpk.wrap(c.header, c.key, c.toggledKc())),
                  c.toString());
            });
    // Not vacuous: a good share of the generated cases are written, not refused.
    assertTrue(written.get() > 300, "written: " + written.get());
  }

  @Test
  void cachedText_isTheAlignedHeaderWithoutLength_andOnlyAfterAStrictReread() throws Exception {
    KeyBlockHeader unaligned =
        KeyBlockHeader.parse("D0000P0AE00E0100LB0AMYKEY1", Profile.STRICT);
    byte[] key = bytes(32, 9);
    assertNull(unaligned.wrapAscii);
    AES[1].wrap(unaligned, key, WrapOptions.defaults());
    assertArrayEquals(
        unaligned.withPadding().encode(0).getBytes(StandardCharsets.US_ASCII),
        unaligned.wrapAscii);
    // KC asked: the header written differs per key, nothing is cached in the caller's header.
    KeyBlockHeader other = KeyBlockHeader.parse("D0000P0AE00E0000", Profile.STRICT);
    AES[1].wrap(other, key, WrapOptions.builder().keyKcv(KcvMethod.CMAC).build());
    assertNull(other.wrapAscii);
    AES[1].wrap(other, key, WrapOptions.defaults());
    assertNotNull(other.wrapAscii);
  }
}
