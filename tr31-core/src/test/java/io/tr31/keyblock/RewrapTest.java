/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31Exception;
import io.tr31.Tr31PolicyException;


import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.internal.Hex;
import io.tr31.internal.VariantBinding;
import io.tr31.testing.FixedRandom;
import io.tr31.testing.Gens;
import io.tr31.testing.LegacyBlocks;
import io.tr31.testing.Vectors;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link Rewrap}: migration of TDES key blocks to AES version D (and between any versions). */
class RewrapTest {
  private static final byte[] TDES_KBPK = hex("89E88CF7931444F334BD7547FC3F380C");
  // Made up for these tests: 3-key, so that X9.24-1 lets it protect 3-key TDES keys.
  private static final byte[] TDES3_KBPK = hex(LegacyBlocks.TDES_KBPK);
  // TR-31:2018 A.7.4's AES-256 KBPK (a published fact).
  private static final byte[] AES_KBPK =
      hex("88E1AB2A2E3DD38C1FA039A536500CC8A87AB9D62DC92C01058FA79F44657DE6");
  private static final WrapOptions LEGACY =
      WrapOptions.builder().allowDeprecatedVersions().build();

  private final List<KeyBlockProtectionKey> prepared = new ArrayList<>();

  private static byte[] hex(String s) {
    try {
      return Hex.decode(s);
    } catch (Tr31Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Keeps {@code k} for destruction after the test. */
  private KeyBlockProtectionKey kept(KeyBlockProtectionKey k) {
    prepared.add(k);
    return k;
  }

  @AfterEach
  void destroyKbpks() {
    prepared.forEach(KeyBlockProtectionKey::destroy);
  }

  private static SecureRandom seeded(long seed) {
    return FixedRandom.seeded(seed); // reproducible padding and keys
  }

  private static KeyBlockHeader header(String template) throws Tr31Exception {
    return KeyBlockHeader.parse(template, Profile.STRICT);
  }

  @Test
  void rewrap_versionBToD_keepsAttributesAndKeyAndPrintsKcv() throws Exception {
    KeyBlockProtectionKey tdes =
        kept(KeyBlockProtectionKey.tdes(TDES_KBPK));
    KeyBlockProtectionKey aes = kept(KeyBlockProtectionKey.aes(AES_KBPK));
    byte[] key = Hex.decode("F039121BEC83D26B169BDCD5B22AAF8F");
    KeyBlockHeader source =
        header("B0000P0TE12S0000").withOptionalBlock(io.tr31.keyblock.OptionalBlock.label("ATM"));
    String old = tdes.wrap(source, key, WrapOptions.builder().kbpkKcv(KcvMethod.CMAC).build());

    Rewrap.Result r = Rewrap.builder(tdes, aes).build().rewrap(old, Profile.STRICT);

    assertEquals('D', r.keyBlock().charAt(0));
    try (UnwrappedKey back = aes.unwrap(r.keyBlock())) {
      assertArrayEquals(key, back.keyBytes());
      KeyBlockHeader h = back.header();
      assertEquals(KeyBlockVersion.D, h.version());
      assertEquals("P0", h.keyUsageCode());
      assertEquals(KeyAlgorithm.TDES, h.algorithm());
      assertEquals("E", h.modeOfUseCode());
      assertEquals(KeyVersion.of("12"), h.keyVersion());
      assertEquals(Exportability.SENSITIVE, h.exportability());
      assertEquals("ATM", h.optionalBlock(OptionalBlockId.LB).get().data());
      // KP now names the new KBPK (verified by unwrap; checked here against it too).
      String kp = h.optionalBlock(OptionalBlockId.KP).get().data();
      String aesKcv = KeyCheckValue.compute(KeyAlgorithm.AES, AES_KBPK, KcvMethod.CMAC, 5).hex();
      assertEquals("01" + aesKcv, kp);
    }
    assertEquals(
        KeyCheckValue.compute(KeyAlgorithm.TDES, key, KcvMethod.CMAC, 5),
        r.kcv(KcvMethod.CMAC).orElseThrow());
    assertEquals(
        KeyCheckValue.compute(KeyAlgorithm.TDES, key, KcvMethod.LEGACY, 3),
        r.kcv(KcvMethod.LEGACY).orElseThrow());
  }

  @Test
  void rewrap_publishedVersionABlock_toD_readsBackTheStatedKey() throws Exception {
    // EFTlab BP-Tools sample (TR31-061): version A, P0/T/E, exportable.
    Map<String, Object> v = Vectors.keyBlockVector("TR31-061");
    byte[] kbpk = Hex.decode((String) v.get("kbpk_hex"));
    KeyBlockProtectionKey from = kept(KeyBlockProtectionKey.tdes(kbpk));
    KeyBlockProtectionKey to = kept(KeyBlockProtectionKey.aes(AES_KBPK));
    String d = Rewrap.builder(from, to).build().rewrap((String) v.get("key_block"), Profile.STRICT).keyBlock();
    try (UnwrappedKey back = to.unwrap(d)) {
      assertEquals(v.get("expected_key_hex"), Hex.encode(back.keyBytes()));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void rewrap_thalesVersion0Block_lenientOnly_toD() throws Exception {
    // EFTlab BP-Tools sample of a Thales version '0' block (chhil/TR31Keyblock test javadoc).
    Map<String, Object> v =
        ((List<Map<String, Object>>)
                Vectors.loadMap("tr31_header_vectors.json").get("proprietary_not_tr31"))
            .get(0);
    String block = (String) v.get("key_block");
    KeyBlockProtectionKey from =
        kept(KeyBlockProtectionKey.tdes(hex((String) v.get("kbpk_hex"))));
    KeyBlockProtectionKey to = kept(KeyBlockProtectionKey.aes(AES_KBPK));
    assertEquals(
        ErrorCode.INVALID_VERSION,
        assertThrows(Tr31Exception.class, () -> Rewrap.builder(from, to).build().rewrap(block, Profile.STRICT))
            .code());
    String d = Rewrap.builder(from, to).build().rewrap(block, Profile.LENIENT).keyBlock();
    try (UnwrappedKey back = to.unwrap(d)) {
      assertEquals(v.get("expected_key_hex"), Hex.encode(back.keyBytes()));
      assertEquals(KeyBlockVersion.D, back.header().version());
    }
  }

  @Test
  void rewrap_nonExportableKey_refusedWithKeyNotExportable() throws Exception {
    // Thales payShield sample (TR31-001): version A, K0/T/N, exportability N.
    Map<String, Object> v = Vectors.keyBlockVector("TR31-001");
    byte[] kbpk = Hex.decode((String) v.get("kbpk_hex"));
    KeyBlockProtectionKey from = kept(KeyBlockProtectionKey.tdes(kbpk));
    KeyBlockProtectionKey to = kept(KeyBlockProtectionKey.aes(AES_KBPK));
    Rewrap rewrap =
        Rewrap.builder(from, to)
            .headerOverride(h -> h.toBuilder().exportability(Exportability.EXPORTABLE).build())
            .build();
    Tr31Exception e =
        assertThrows(Tr31Exception.class, () -> rewrap.rewrap((String) v.get("key_block"), Profile.STRICT));
    assertEquals(ErrorCode.KEY_NOT_EXPORTABLE, e.code());
  }

  @Test
  void rewrap_toDUnderTdesKbpk_saysVersionDNeedsAnAesKbpk() throws Exception {
    KeyBlockProtectionKey tdes = kept(KeyBlockProtectionKey.tdes(TDES_KBPK));
    String old = tdes.wrap(header("B0000D0TB00E0000"), Gens.distinctTdesKey(16), WrapOptions.defaults());
    Tr31Exception e =
        assertThrows(Tr31Exception.class, () -> Rewrap.builder(tdes, tdes).build().rewrap(old, Profile.STRICT));
    assertEquals(ErrorCode.WRONG_KBPK_FOR_VERSION, e.code());
    assertTrue(e.getMessage().contains("version D needs an AES KBPK"), e.getMessage());
  }

  @Test
  void rewrap_tamperedSource_failsVerificationAndWritesNothing() throws Exception {
    KeyBlockProtectionKey tdes = kept(KeyBlockProtectionKey.tdes(TDES_KBPK));
    KeyBlockProtectionKey aes = kept(KeyBlockProtectionKey.aes(AES_KBPK));
    String old = tdes.wrap(header("C0000D0TB00E0000"), Gens.distinctTdesKey(16), LEGACY);
    char last = old.charAt(old.length() - 1);
    String bad = old.substring(0, old.length() - 1) + (last == '0' ? '1' : '0');
    Tr31Exception e =
        assertThrows(Tr31Exception.class, () -> Rewrap.builder(tdes, aes).build().rewrap(bad, Profile.STRICT));
    assertEquals(ErrorCode.VERIFICATION_FAILED, e.code());
  }

  @Test
  void rewrap_singleDesLegacyBlock_readUnderLenientOnly() throws Exception {
    byte[] des = Hex.decode("0123456789ABCDEF");
    byte[] kkk = new byte[24];
    for (int i = 0; i < 3; i++) {
      System.arraycopy(des, 0, kkk, 8 * i, 8);
    }
    byte[] key = Hex.decode("00112233445566778899AABBCCDDEEFF");
    // TDES with K1 = K2 = K3 is single DES: how a single-DES host built its A blocks (sealed at the
    // binding level: wrap refuses a degenerate TDES KBPK, issue 12 F2).
    String old =
        DegenerateTdesKeyTest.authentic(VariantBinding.of(kkk), header("A0000D0TB00E0000"), key);
    KeyBlockProtectionKey single = kept(KeyBlockProtectionKey.forVersion(KeyBlockVersion.A, des, Profile.LENIENT));
    KeyBlockProtectionKey aes = kept(KeyBlockProtectionKey.aes(AES_KBPK));
    assertEquals(KeyAlgorithm.DES, single.keys().algorithm);
    assertEquals(
        ErrorCode.INVALID_KBPK_LENGTH,
        assertThrows(Tr31Exception.class, () -> single.unwrap(old, Profile.STRICT)).code());
    assertEquals(
        ErrorCode.UNSUPPORTED_OPERATION,
        assertThrows(
                Tr31Exception.class, () -> single.wrap(header("A0000D0TB00E0000"), key, LEGACY))
            .code());
    assertFalse(single.keys().serves(KeyBlockVersion.B));
    String d = Rewrap.builder(single, aes).build().rewrap(old, Profile.LENIENT).keyBlock();
    try (UnwrappedKey back = aes.unwrap(d)) {
      assertArrayEquals(key, back.keyBytes());
    }
  }

  /**
   * The migration: 10,000 mixed A/B/C blocks (2-key and 3-key TDES keys, several usages)
   * re-wrapped to D and read back, every key and attribute intact.
   */
  @Test
  void rewrap_tenThousandMixedLegacyBlocks_toD_allReadBack() throws Exception {
    SecureRandom random = seeded(20261128L);
    String[] templates = {
      "A0000P0TE00E0000",
      "B0000D0TB01E0000",
      "C0000K0TB00S0000",
      "B0000M3TC02E0000",
      "A0000B0TX00E0000",
      "C0000M1TC00E0000",
      "B0000V2TN00S0000"
    };
    KeyBlockHeader[] headers = new KeyBlockHeader[templates.length];
    for (int i = 0; i < templates.length; i++) {
      headers[i] = header(templates[i]);
    }
    int n = 10_000;
    List<String> blocks = new ArrayList<>(n);
    List<byte[]> keys = new ArrayList<>(n);
    List<String> failures = new ArrayList<>();
    KeyBlockProtectionKey tdes =
        kept(KeyBlockProtectionKey.tdes(TDES3_KBPK));
    KeyBlockProtectionKey aes =
        kept(KeyBlockProtectionKey.aes(AES_KBPK));
    for (int i = 0; i < n; i++) {
      byte[] key = new byte[random.nextBoolean() ? 16 : 24];
      random.nextBytes(key);
      keys.add(key);
      blocks.add(tdes.wrap(headers[i % headers.length], key, LEGACY));
    }
    Rewrap migration = Rewrap.builder(tdes, aes).build();
    int[] perVersion = new int[3];
    for (int i = 0; i < n; i++) {
      perVersion[blocks.get(i).charAt(0) - 'A']++;
      String d = migration.rewrap(blocks.get(i), Profile.STRICT).keyBlock();
      try (UnwrappedKey back = aes.unwrap(d)) {
        KeyBlockHeader expected =
            Rewrap.targetHeader(headers[i % headers.length], KeyBlockVersion.D);
        if (!java.util.Arrays.equals(keys.get(i), back.keyBytes())
            || !back.header().encode(0).equals(expected.withPadding().encode(0))) {
          failures.add(i + ": " + d);
        }
      }
    }
    assertEquals(List.of(), failures);
    assertEquals(n, perVersion[0] + perVersion[1] + perVersion[2]);
    assertTrue(perVersion[0] > 0 && perVersion[1] > 0 && perVersion[2] > 0);
  }

  @Test
  void rewrap_headerOverrideWideningTheKeysUse_isRefused() throws Exception {
    KeyBlockProtectionKey tdes = kept(KeyBlockProtectionKey.tdes(TDES_KBPK));
    KeyBlockProtectionKey aes = kept(KeyBlockProtectionKey.aes(AES_KBPK));
    byte[] key = Hex.decode("F039121BEC83D26B169BDCD5B22AAF8F");
    // An encrypt-only PIN key, storage context: it must not come out as a key-encryption key.
    String old = tdes.wrap(header("B0000P0TE00E0010"), key, WrapOptions.defaults());
    List<java.util.function.UnaryOperator<KeyBlockHeader>> widening =
        List.of(
            h -> h.toBuilder().keyUsage(io.tr31.keyblock.KeyUsage.KEY_ENCRYPTION).build(),
            h -> h.toBuilder().modeOfUse(io.tr31.keyblock.ModeOfUse.ENCRYPT_DECRYPT).build(),
            h -> h.toBuilder().keyContext(io.tr31.keyblock.KeyContext.EXCHANGE_ONLY).build(),
            h -> h.toBuilder().exportability(Exportability.SENSITIVE).build());
    for (java.util.function.UnaryOperator<KeyBlockHeader> override : widening) {
      Tr31Exception e =
          assertThrows(
              Tr31Exception.class,
              () ->
                  Rewrap.builder(tdes, aes)
                      .targetIsStorageKey()
                      .headerOverride(override)
                      .build()
                      .rewrap(old, Profile.STRICT));
      assertEquals(ErrorCode.REWRAP_WIDENS_KEY_USE, e.code(), e.getMessage());
    }
    // Narrowing is allowed: exportable to non-exportable.
    String narrowed =
        Rewrap.builder(tdes, aes)
            .targetIsStorageKey()
            .headerOverride(h -> h.toBuilder().exportability(Exportability.NON_EXPORTABLE).build())
            .build()
            .rewrap(old, Profile.STRICT)
            .keyBlock();
    try (UnwrappedKey u = aes.unwrap(narrowed)) {
      assertEquals(Exportability.NON_EXPORTABLE, u.header().exportability());
      assertArrayEquals(key, u.keyBytes());
    }
  }

  @Test
  void rewrap_overrideChangingSensitiveToExportable_isRefusedLikeExportableToSensitive()
      throws Exception {
    // CONFORMANCE 9.3: the override changes exportability only to N, in either direction E/S.
    KeyBlockProtectionKey tdes = kept(KeyBlockProtectionKey.tdes(TDES_KBPK));
    KeyBlockProtectionKey aes = kept(KeyBlockProtectionKey.aes(AES_KBPK));
    String sensitive =
        tdes.wrap(header("B0000P0TE00S0000"), Hex.decode("F039121BEC83D26B169BDCD5B22AAF8F"), WrapOptions.defaults());
    Rewrap r =
        Rewrap.builder(tdes, aes)
            .headerOverride(h -> h.toBuilder().exportability(Exportability.EXPORTABLE).build())
            .build();
    Tr31Exception e = assertThrows(Tr31Exception.class, () -> r.rewrap(sensitive, Profile.STRICT));
    assertEquals(ErrorCode.REWRAP_WIDENS_KEY_USE, e.code(), e.getMessage());
  }

  @Test
  void rewrap_storageOnlyKey_refusedUnlessTheTargetIsAStorageKbpk() throws Exception {
    KeyBlockProtectionKey tdes = kept(KeyBlockProtectionKey.tdes(TDES_KBPK));
    KeyBlockProtectionKey aes = kept(KeyBlockProtectionKey.aes(AES_KBPK));
    byte[] key = Hex.decode("F039121BEC83D26B169BDCD5B22AAF8F");
    // X9.143:2022 Table 6: context 1 = storage only.
    String storage = tdes.wrap(header("B0000P0TE00E0010"), key, WrapOptions.defaults());

    Tr31Exception e =
        assertThrows(Tr31Exception.class, () -> Rewrap.builder(tdes, aes).build().rewrap(storage, Profile.STRICT));
    assertEquals(ErrorCode.KEY_STORAGE_ONLY, e.code());
    assertTrue(e instanceof Tr31PolicyException, e.getClass().getName());
    // No other option lifts it (before API 1.0 this stated an exchange target, now gone).
    Tr31Exception otherOptions =
        assertThrows(
            Tr31Exception.class,
            () ->
                Rewrap.builder(tdes, aes)
                    .toVersion(KeyBlockVersion.D)
                    .wrapOptions(WrapOptions.defaults())
                    .headerOverride(h -> h)
                    .build()
                    .rewrap(storage, Profile.STRICT));
    assertEquals(ErrorCode.KEY_STORAGE_ONLY, otherOptions.code());

    String stored =
        Rewrap.builder(tdes, aes)
            .targetIsStorageKey()
            .build()
            .rewrap(storage, Profile.STRICT)
            .keyBlock();
    try (UnwrappedKey back = aes.unwrap(stored)) {
      assertEquals(io.tr31.keyblock.KeyContext.STORAGE_ONLY, back.header().keyContext());
      assertArrayEquals(key, back.keyBytes());
    }
  }

  @Test
  void rewrap_exchangeAndWrappingKeyContexts_areRewrappedToAnyTargetAndKept() throws Exception {
    KeyBlockProtectionKey tdes = kept(KeyBlockProtectionKey.tdes(TDES_KBPK));
    KeyBlockProtectionKey aes = kept(KeyBlockProtectionKey.aes(AES_KBPK));
    byte[] key = Hex.decode("F039121BEC83D26B169BDCD5B22AAF8F");
    for (String template : List.of("B0000P0TE00E0000", "B0000P0TE00E0020")) {
      String old = tdes.wrap(header(template), key, WrapOptions.defaults());
      for (boolean storage : new boolean[] {false, true}) {
        Rewrap.Builder b = Rewrap.builder(tdes, aes);
        if (storage) {
          b.targetIsStorageKey();
        }
        String d = b.build().rewrap(old, Profile.STRICT).keyBlock();
        try (UnwrappedKey back = aes.unwrap(d)) {
          assertEquals(template.substring(14, 15), back.header().keyContext().code(), d);
          assertArrayEquals(key, back.keyBytes());
        }
      }
    }
  }

  @Test
  void rewrap_storageOnlyAndNonExportable_reportsNonExportableFirst_tamperedReportsVerification()
      throws Exception {
    KeyBlockProtectionKey tdes = kept(KeyBlockProtectionKey.tdes(TDES_KBPK));
    KeyBlockProtectionKey aes = kept(KeyBlockProtectionKey.aes(AES_KBPK));
    byte[] key = Hex.decode("F039121BEC83D26B169BDCD5B22AAF8F");
    String both = tdes.wrap(header("B0000P0TE00N0010"), key, WrapOptions.defaults());
    assertEquals(
        ErrorCode.KEY_NOT_EXPORTABLE,
        assertThrows(Tr31Exception.class, () -> Rewrap.builder(tdes, aes).build().rewrap(both, Profile.STRICT))
            .code());
    // The context is read from the authenticated header: a block altered to context 1 fails its
    // MAC before any context rule is applied.
    String exchange = tdes.wrap(header("B0000P0TE00E0020"), key, WrapOptions.defaults());
    String altered = exchange.substring(0, 14) + "1" + exchange.substring(15);
    assertEquals(
        ErrorCode.VERIFICATION_FAILED,
        assertThrows(Tr31Exception.class, () -> Rewrap.builder(tdes, aes).build().rewrap(altered, Profile.STRICT))
            .code());
  }

  @Test
  void rewrap_nullProfile_throwsNullPointer() throws Exception {
    KeyBlockProtectionKey aes = kept(KeyBlockProtectionKey.aes(AES_KBPK));
    assertThrows(NullPointerException.class, () -> Rewrap.builder(aes, aes).build().rewrap("", null));
  }

  @Test
  void rewrap_sourceWithKpAndOptionsAskingForKc_writesBoth_resultNamesOnlyTheBlock()
      throws Exception {
    KeyBlockProtectionKey tdes = kept(KeyBlockProtectionKey.tdes(TDES_KBPK));
    KeyBlockProtectionKey aes = kept(KeyBlockProtectionKey.aes(AES_KBPK));
    byte[] key = Hex.decode("F039121BEC83D26B169BDCD5B22AAF8F");
    String old =
        tdes.wrap(
            header("B0000P0TE00E0000"),
            key,
            WrapOptions.builder().kbpkKcv(KcvMethod.LEGACY).build());
    Rewrap.Result r =
        Rewrap.builder(tdes, aes)
            .wrapOptions(WrapOptions.builder().keyKcv(KcvMethod.CMAC).build())
            .build()
            .rewrap(old, Profile.STRICT);
    KeyBlockHeader h = KeyBlockHeader.parsePrefix(r.keyBlock(), Profile.STRICT);
    String kc = KeyCheckValue.compute(KeyAlgorithm.TDES, key, KcvMethod.CMAC, 5).hex();
    assertEquals("01" + kc, h.optionalBlock(OptionalBlockId.KC).orElseThrow().data());
    // KP keeps the source's method (legacy) and names the new KBPK.
    String kp = KeyCheckValue.compute(KeyAlgorithm.AES, AES_KBPK, KcvMethod.LEGACY, 3).hex();
    assertEquals("00" + kp, h.optionalBlock(OptionalBlockId.KP).orElseThrow().data());
  }

  @Test
  void rewrap_headerOverrideNarrowingTheMode_orChangingTheKeyVersion_isAllowed() throws Exception {
    KeyBlockProtectionKey tdes = kept(KeyBlockProtectionKey.tdes(TDES_KBPK));
    KeyBlockProtectionKey aes = kept(KeyBlockProtectionKey.aes(AES_KBPK));
    byte[] key = Hex.decode("F039121BEC83D26B169BDCD5B22AAF8F");
    // X9.143 Table 4: B narrows to E or D, C to G or V.
    String[][] cases = {
      {"B0000D0TB00E0000", "E"}, {"B0000D0TB00E0000", "D"},
      {"B0000M3TC00E0000", "G"}, {"B0000M3TC00E0000", "V"}
    };
    for (String[] c : cases) {
      String old = tdes.wrap(header(c[0]), key, WrapOptions.defaults());
      io.tr31.keyblock.ModeOfUse narrower =
          io.tr31.keyblock.ModeOfUse.fromCode(c[1], 0, Profile.STRICT);
      String d =
          Rewrap.builder(tdes, aes)
              .headerOverride(h -> h.toBuilder().modeOfUse(narrower).build())
              .build()
              .rewrap(old, Profile.STRICT)
              .keyBlock();
      try (UnwrappedKey back = aes.unwrap(d)) {
        assertEquals(c[1], back.header().modeOfUseCode(), c[0]);
      }
    }
    String old = tdes.wrap(header("B0000D0TB00E0000"), key, WrapOptions.defaults());
    String renumbered =
        Rewrap.builder(tdes, aes)
            .headerOverride(h -> h.toBuilder().keyVersion(KeyVersion.of("07")).build())
            .build()
            .rewrap(old, Profile.STRICT)
            .keyBlock();
    assertEquals("07", renumbered.substring(9, 11));
  }

  @Test
  void rewrap_headerOverrideChangingTheVersionOrWideningANarrowMode_isRefused() throws Exception {
    KeyBlockProtectionKey tdes = kept(KeyBlockProtectionKey.tdes(TDES_KBPK));
    KeyBlockProtectionKey aes = kept(KeyBlockProtectionKey.aes(AES_KBPK));
    byte[] key = Hex.decode("F039121BEC83D26B169BDCD5B22AAF8F");
    String macGenerate = tdes.wrap(header("B0000M3TG00E0000"), key, WrapOptions.defaults());
    List<java.util.function.UnaryOperator<KeyBlockHeader>> refused =
        List.of(
            h -> h.toBuilder().version(KeyBlockVersion.E).build(),
            h -> h.toBuilder().modeOfUse(io.tr31.keyblock.ModeOfUse.VERIFY_ONLY).build(),
            h -> h.toBuilder().modeOfUse(io.tr31.keyblock.ModeOfUse.GENERATE_VERIFY).build());
    for (java.util.function.UnaryOperator<KeyBlockHeader> override : refused) {
      Tr31Exception e =
          assertThrows(
              Tr31Exception.class,
              () -> Rewrap.builder(tdes, aes).headerOverride(override).build().rewrap(macGenerate, Profile.STRICT));
      assertEquals(ErrorCode.REWRAP_WIDENS_KEY_USE, e.code(), e.getMessage());
    }
  }
}
