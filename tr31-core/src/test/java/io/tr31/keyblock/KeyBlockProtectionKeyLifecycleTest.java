/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.internal.Hex;

import io.tr31.testing.Kbpks;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31Exception;
import io.tr31.Tr31PolicyException;


import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.internal.Binding;
import io.tr31.internal.KeyDerivationBinding;
import io.tr31.internal.VariantBinding;
import io.tr31.internal.VersionEBinding;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link KeyBlockProtectionKey} and {@link UnwrappedKey} life cycle: preparation that fails half
 * way, destroy, use after destroy, and what the objects report about themselves.
 */
class KeyBlockProtectionKeyLifecycleTest {
  private static final byte[] AES_KBPK = new byte[32];
  private static final byte[] TDES_KBPK = new byte[16];
  private static final byte[] KEY = new byte[16];

  static {
    for (int i = 0; i < 32; i++) {
      AES_KBPK[i] = (byte) (i * 7 + 1);
    }
    for (int i = 0; i < 16; i++) {
      TDES_KBPK[i] = (byte) (i * 13 + 5);
      KEY[i] = (byte) (0xA0 + i);
    }
  }

  private static KeyBlockHeader header(String template) throws Tr31Exception {
    return KeyBlockHeader.parse(template, Profile.STRICT);
  }

  @Test
  void buildOrDestroy_uncheckedFailureHalfWay_destroysEveryBindingAlreadyDerived()
      throws Exception {
    // Second review, finding 7: a provider failure after the D binding was derived must not
    // leave it keyed.
    Binding[] slots = new Binding[4];
    IllegalStateException provider = new IllegalStateException("provider failure");
    IllegalStateException thrown =
        assertThrows(
            IllegalStateException.class,
            () ->
                KbpkKeys.buildOrDestroy(
                    slots,
                    () -> {
                      slots[0] = VariantBinding.of(TDES_KBPK);
                      slots[2] = KeyDerivationBinding.versionD(AES_KBPK);
                      throw provider;
                    }));
    assertSame(provider, thrown);
    assertTrue(slots[0].isDestroyed());
    assertTrue(slots[2].isDestroyed());
    assertNull(slots[1]);
    assertNull(slots[3]);
  }

  @Test
  void buildOrDestroy_checkedFailure_destroysAndRethrowsTheSameException() throws Exception {
    Binding[] slots = new Binding[4];
    Tr31Exception failure =
        new Tr31PolicyException(ErrorCode.UNSUPPORTED_OPERATION, "simulated");
    Tr31Exception thrown =
        assertThrows(
            Tr31Exception.class,
            () ->
                KbpkKeys.buildOrDestroy(
                    slots,
                    () -> {
                      slots[3] = VersionEBinding.of(AES_KBPK);
                      throw failure;
                    }));
    assertSame(failure, thrown);
    assertTrue(slots[3].isDestroyed());
  }

  @Test
  void buildOrDestroy_success_destroysNothing() throws Exception {
    Binding[] slots = new Binding[4];
    KbpkKeys.buildOrDestroy(
        slots, () -> slots[1] = KeyDerivationBinding.versionB(TDES_KBPK));
    assertFalse(slots[1].isDestroyed());
    slots[1].destroy();
  }

  @Test
  void prepare_reportsAlgorithmAndLengthAndServesItsVersionsOnly() throws Exception {
    KeyBlockProtectionKey aes = KeyBlockProtectionKey.aes(AES_KBPK);
    KeyBlockProtectionKey tdes = KeyBlockProtectionKey.tdes(TDES_KBPK);
    try {
      assertEquals(KeyAlgorithm.AES, aes.keys().algorithm);
      assertEquals(32, aes.keys().lengthBytes);
      assertEquals(16, tdes.keys().lengthBytes);
      KeyBlockProtectionKey aes192 = KeyBlockProtectionKey.aes(new byte[24]);
      assertEquals(24, aes192.keys().lengthBytes);
      aes192.destroy();
      assertEquals("AES-256", aes.keys().describe());
      assertEquals("TDES-128", tdes.keys().describe());
      assertFalse(aes.toString().contains(Hex.encode(AES_KBPK)), aes.toString());
    } finally {
      aes.destroy();
      tdes.destroy();
    }
  }

  @Test
  void prepareOneShot_derivesOnlyTheNamedVersion() throws Exception {
    for (KeyBlockVersion v : KeyBlockVersion.values()) {
      KeyAlgorithm algorithm = KbpkRules.algorithmFor(v);
      byte[] kbpk = algorithm == KeyAlgorithm.AES ? AES_KBPK : TDES_KBPK;
      KeyBlockProtectionKey k = KeyBlockProtectionKey.forVersion(v, kbpk, Profile.STRICT);
      try {
        List<KeyBlockVersion> served = new ArrayList<>();
        for (KeyBlockVersion w : KeyBlockVersion.values()) {
          if (k.keys().serves(w)) {
            served.add(w);
          }
        }
        boolean variant =
            v == KeyBlockVersion.A || v == KeyBlockVersion.C || v == KeyBlockVersion.THALES_0;
        List<KeyBlockVersion> expected =
            variant
                ? List.of(KeyBlockVersion.A, KeyBlockVersion.C, KeyBlockVersion.THALES_0)
                : List.of(v);
        assertEquals(expected.size(), served.size(), v + " serves " + served);
        assertTrue(served.containsAll(expected), v + " serves " + served);
      } finally {
        k.destroy();
      }
    }
  }

  @Test
  void prepareOneShot_kcvsOfTheKbpkAreTheSameAsAFullPreparation() throws Exception {
    // KP blocks are computed from the KCVs a preparation keeps: one-shot (no derivation binding
    // for A, C, 0, E) and full preparations must agree with KeyCheckValue.compute.
    List<KeyBlockVersion> versions =
        List.of(KeyBlockVersion.A, KeyBlockVersion.B, KeyBlockVersion.D, KeyBlockVersion.E);
    for (KeyBlockVersion v : versions) {
      KeyAlgorithm algorithm = KbpkRules.algorithmFor(v);
      boolean aes = algorithm == KeyAlgorithm.AES;
      byte[] kbpk = aes ? AES_KBPK : TDES_KBPK;
      KeyBlockHeader h = header(v.id() + "0000P0" + (aes ? "A" : "T") + "E00E0000");
      for (boolean oneShot : new boolean[] {true, false}) {
        KeyBlockProtectionKey k =
            oneShot
                ? KeyBlockProtectionKey.forVersion(v, kbpk, Profile.STRICT)
                : Kbpks.prepare(algorithm, kbpk);
        try {
          for (KcvMethod m : KcvMethod.values()) {
            WrapOptions o =
                WrapOptions.builder()
                    .kbpkKcv(m)
                    .allowDeprecatedVersions()
                    .build();
            String kp =
                KeyBlockHeader.parsePrefix(k.wrap(h, KEY, o), Profile.STRICT)
                    .optionalBlock(OptionalBlockId.KP)
                    .orElseThrow()
                    .data();
            String expected = KeyCheckValue.compute(algorithm, kbpk, m, m.maxLengthBytes()).hex();
            assertEquals(m.blockCode() + expected, kp, v + " " + m + " one-shot " + oneShot);
          }
        } finally {
          k.destroy();
        }
      }
    }
  }

  @Test
  void destroy_destroysEveryBindingSoNoVersionCanBeUsed() throws Exception {
    KeyBlockProtectionKey tdes = KeyBlockProtectionKey.tdes(TDES_KBPK);
    WrapOptions legacy =
        WrapOptions.builder().allowDeprecatedVersions().build();
    String a = tdes.wrap(header("A0000P0TE00E0000"), KEY, legacy);
    String b = tdes.wrap(header("B0000P0TE00E0000"), KEY, WrapOptions.defaults());
    tdes.destroy();
    assertTrue(tdes.isDestroyed());
    assertThrows(IllegalStateException.class, () -> tdes.unwrap(a));
    assertThrows(IllegalStateException.class, () -> tdes.unwrap(b));
    assertThrows(
        IllegalStateException.class,
        () -> tdes.unwrap(KeyBlock.parse(b, Profile.STRICT), Profile.STRICT));
    assertThrows(
        IllegalStateException.class, () -> tdes.wrap(header("B0000P0TE00E0000"), KEY, legacy));
    tdes.destroy(); // idempotent
    assertTrue(tdes.isDestroyed());
  }

  @Test
  void unwrappedKey_keyBytesIsACopy_kcvMatches_destroyWipesAndRefusesUse() throws Exception {
    KeyBlockProtectionKey aes = KeyBlockProtectionKey.aes(AES_KBPK);
    String block = aes.wrap(header("D0000P0AE00E0000"), KEY, WrapOptions.defaults());
    UnwrappedKey u = aes.unwrap(block);
    aes.destroy();
    byte[] first = u.keyBytes();
    first[0] ^= 1;
    assertArrayEquals(KEY, u.keyBytes());
    assertEquals(16, u.keyLengthBytes());
    assertEquals(KeyAlgorithm.AES, u.header().algorithm());
    assertEquals(
        KeyCheckValue.compute(KeyAlgorithm.AES, KEY, KcvMethod.CMAC, 5), u.kcv(KcvMethod.CMAC));
    assertFalse(u.toString().contains(Hex.encode(KEY)), u.toString());
    assertFalse(u.isDestroyed());
    u.close();
    assertTrue(u.isDestroyed());
    assertThrows(IllegalStateException.class, u::keyBytes);
    assertThrows(IllegalStateException.class, () -> u.kcv(KcvMethod.LEGACY));
    u.destroy(); // idempotent
    assertTrue(u.isDestroyed());
  }

  @Test
  void wrap_padding_isFreshRandomPerWrap_orComesFromTheInjectedSource() throws Exception {
    KeyBlockHeader h = header("D0000P0AE00E0000");
    KeyBlockProtectionKey library = KeyBlockProtectionKey.aes(AES_KBPK);
    try {
      // X9.143 7.2: random padding; version D's IV is the MAC over the padded key, so equal
      // padding would give equal blocks for equal keys.
      assertFalse(library.wrap(h, KEY, WrapOptions.defaults()).equals(library.wrap(h, KEY, WrapOptions.defaults())));
    } finally {
      library.destroy();
    }
    String[] seeded = new String[2];
    for (int i = 0; i < 2; i++) {
      java.security.SecureRandom r = io.tr31.testing.FixedRandom.seeded(42);
      KeyBlockProtectionKey k = KeyBlockProtectionKey.aes(AES_KBPK);
      seeded[i] = k.wrap(h, KEY, WrapOptions.builder().paddingSource(r).build());
      k.destroy();
    }
    assertEquals(seeded[0], seeded[1]);
  }

  @Test
  void destroyedKbpk_throwsIllegalStateWhateverTheInput() throws Exception {
    KeyBlockProtectionKey aes = KeyBlockProtectionKey.aes(AES_KBPK);
    // A KC block on an HMAC key is refused from the header alone: a live KBPK reports that.
    KeyBlock kcOnHmac =
        KeyBlock.parse(
            "D0144M7HC00E0300HM0621KC0C01ABCDEFPB0E0000000000" + "0".repeat(96), Profile.STRICT);
    assertEquals(
        ErrorCode.UNSUPPORTED_OPERATION,
        assertThrows(Tr31Exception.class, () -> aes.unwrap(kcOnHmac, Profile.STRICT)).code());
    aes.destroy();
    // Use after destroy is reported before anything about the input: malformed text, a header
    // refused from public data, a version this KBPK cannot write.
    assertThrows(IllegalStateException.class, () -> aes.unwrap("not a key block"));
    assertThrows(IllegalStateException.class, () -> aes.unwrap(kcOnHmac, Profile.STRICT));
    assertThrows(IllegalStateException.class, () -> aes.wrap(header("B0000P0TE00E0000"), KEY, WrapOptions.defaults()));
    assertThrows(
        IllegalStateException.class,
        () -> aes.wrap(KeyBlockHeader.parse("00000P0TE00E0000", Profile.LENIENT), KEY, WrapOptions.defaults()));
  }

  /** The value of the private field {@code name} of {@code o}: what destroy() must have wiped. */
  private static Object field(Object o, String name) throws ReflectiveOperationException {
    java.lang.reflect.Field f = o.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f.get(o);
  }

  @Test
  void destroy_destroysEveryDerivedBindingAndWipesTheKbpkKcvs() throws Exception {
    // No public API can see the derived keys, so the test looks inside: the security claim is
    // that destroy() reaches every one of them.
    for (KeyAlgorithm a : List.of(KeyAlgorithm.AES, KeyAlgorithm.TDES)) {
      KeyBlockProtectionKey k =
          Kbpks.prepare(a, a == KeyAlgorithm.AES ? AES_KBPK : TDES_KBPK);
      List<Binding> bindings = new ArrayList<>();
      for (Binding b : (Binding[]) field(k.keys(), "slots")) {
        if (b != null) {
          assertFalse(b.isDestroyed(), b.toString());
          bindings.add(b);
        }
      }
      assertEquals(2, bindings.size(), a.toString()); // AES: D and E; TDES: variant and B
      k.destroy();
      for (Binding b : bindings) {
        assertTrue(b.isDestroyed(), a + " " + b);
      }
      assertArrayEquals(new byte[3], (byte[]) field(k.keys(), "kcvLegacy"));
      assertArrayEquals(new byte[5], (byte[]) field(k.keys(), "kcvCmac"));
    }
  }

  @Test
  void unwrappedKey_destroy_wipesItsCopyOfTheKey() throws Exception {
    KeyBlockProtectionKey aes = KeyBlockProtectionKey.aes(AES_KBPK);
    UnwrappedKey u = aes.unwrap(aes.wrap(header("D0000P0AE00E0000"), KEY, WrapOptions.defaults()));
    aes.destroy();
    byte[] inside = (byte[]) field(u, "key");
    assertArrayEquals(KEY, inside);
    u.destroy();
    assertArrayEquals(new byte[16], inside);
  }
}
