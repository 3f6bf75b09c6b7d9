/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.Profile;
import io.tr31.Tr31Exception;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tr31.internal.Hex;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a re-wrap says about a key's history (issue 12): the wrapping pedigree (F4) and key
 * components (F5).
 */
class RewrapHistoryTest {
  private static final String AES_KBPK =
      "88E1AB2A2E3DD38C1FA039A536500CC8A87AB9D62DC92C01058FA79F44657DE6";

  @RegisterExtension final PreparedKbpks kbpks = new PreparedKbpks();

  private KeyBlockProtectionKey kbpk(KeyAlgorithm a, String hex) throws Tr31Exception {
    return kbpks.prepare(a, hex);
  }

  private Rewrap rewrap(KeyBlockProtectionKey from, UnaryOperator<KeyBlockHeader> override)
      throws Tr31Exception {
    return Rewrap.builder(from, kbpk(KeyAlgorithm.AES, AES_KBPK)).headerOverride(override).build();
  }

  private String rewrapWeakSource(String sourceHeader) throws Tr31Exception {
    String source = ForgedBlocks.weakerKbpkBlock(sourceHeader);
    KeyBlockProtectionKey from = kbpk(KeyAlgorithm.TDES, ForgedBlocks.TDES2_KBPK);
    return rewrap(from, UnaryOperator.identity()).rewrap(source, Profile.STRICT).keyBlock();
  }

  private Optional<String> pedigree(String block) throws Tr31Exception {
    return KeyBlock.parse(block, Profile.STRICT)
        .header()
        .optionalBlock(OptionalBlockId.WP)
        .map(OptionalBlock::data);
  }

  @Test
  void rewrap_keyOnceWrappedUnderAWeakerKbpkClaimingPedigree0_comesOutSayingLesser()
      throws Exception {
    String d = rewrapWeakSource("B0000D0TB00E0100WP07000");
    assertEquals(Optional.of("001"), pedigree(d), d);
    try (UnwrappedKey k = kbpk(KeyAlgorithm.AES, AES_KBPK).unwrap(d)) {
      assertEquals(ForgedBlocks.TDES3_KEY, Hex.encode(k.keyBytes()));
    }
  }

  @Test
  void rewrap_weakerSourceKbpkWithoutAWpBlock_addsPedigreeLesser() throws Exception {
    assertEquals(Optional.of("001"), pedigree(rewrapWeakSource("B0000D0TB00E0000")));
  }

  @Test
  void rewrap_weakerSourceKbpkAndAsymmetricRiskPedigree_comesOutSayingBoth() throws Exception {
    assertEquals(Optional.of("003"), pedigree(rewrapWeakSource("B0000D0TB00E0100WP07002")));
  }

  @Test
  void rewrap_headerOverrideClaimingPedigree0_cannotEraseTheWeakerHistory() throws Exception {
    String source = ForgedBlocks.weakerKbpkBlock("B0000D0TB00E0100WP07000");
    KeyBlockProtectionKey from = kbpk(KeyAlgorithm.TDES, ForgedBlocks.TDES2_KBPK);
    String d =
        rewrap(from, h -> h.withOptionalBlock(OptionalBlock.wrappingPedigree(0)))
            .rewrap(source, Profile.STRICT)
            .keyBlock();
    assertEquals(Optional.of("001"), pedigree(d), d);
  }

  @Test
  void rewrap_sourceKbpkAsStrongAsTheKey_keepsPedigree0AndAddsNoWp() throws Exception {
    KeyBlockProtectionKey from = kbpk(KeyAlgorithm.TDES, ForgedBlocks.TDES2_KBPK);
    byte[] key = Hex.decode("F039121BEC83D26B169BDCD5B22AAF8F");
    String withWp = from.wrap(KeyBlockHeader.parse("B0000D0TB00E0100WP07000", Profile.STRICT), key, WrapOptions.defaults());
    String withoutWp = from.wrap(KeyBlockHeader.parse("B0000D0TB00E0000", Profile.STRICT), key, WrapOptions.defaults());
    assertEquals(Optional.of("000"), pedigree(rewrap(from, h -> h).rewrap(withWp, Profile.STRICT).keyBlock()));
    assertEquals(Optional.empty(), pedigree(rewrap(from, h -> h).rewrap(withoutWp, Profile.STRICT).keyBlock()));
  }

  /** An RSA private key as the opaque bytes a key block carries (length public, 64 bytes). */
  private static final byte[] RSA_KEY = new byte[64];

  static {
    for (int i = 0; i < RSA_KEY.length; i++) {
      RSA_KEY[i] = (byte) (0x30 + 7 * i);
    }
  }

  @Test
  void rewrap_asymmetricKeyOnceUnderATwoKeyTdesKbpk_comesOutSayingLesser() throws Exception {
    // Review 4, finding 4: an RSA key's strength is unknown from its length; an 80-bit KBPK is
    // below X9.143's 112-bit floor, so the history is "lesser" (pedigree 1).
    KeyBlockProtectionKey from = kbpk(KeyAlgorithm.TDES, ForgedBlocks.TDES2_KBPK);
    String source = from.wrap(KeyBlockHeader.parse("B0000S0RS00E0000", Profile.STRICT), RSA_KEY, WrapOptions.defaults());
    String d = rewrap(from, UnaryOperator.identity()).rewrap(source, Profile.STRICT).keyBlock();
    assertEquals(Optional.of("001"), pedigree(d), d);
  }

  @Test
  void rewrap_asymmetricKeyOnceUnderA112BitKbpk_addsNoWp() throws Exception {
    KeyBlockProtectionKey from =
        kbpk(KeyAlgorithm.TDES, ForgedBlocks.TDES3_KEY); // 3-key TDES, 112 bits
    String source = from.wrap(KeyBlockHeader.parse("B0000S0RS00E0000", Profile.STRICT), RSA_KEY, WrapOptions.defaults());
    assertEquals(
        Optional.empty(), pedigree(rewrap(from, UnaryOperator.identity()).rewrap(source, Profile.STRICT).keyBlock()));
  }

  private String component1Block(KeyBlockProtectionKey from) throws Tr31Exception {
    return from.wrap(
        KeyBlockHeader.parse("B0000D0TBc1E0000", Profile.STRICT),
        Hex.decode("F039121BEC83D26B169BDCD5B22AAF8F"), WrapOptions.defaults());
  }

  @Test
  void rewrap_overrideTurningAComponentIntoAKeyOrAnotherComponent_isRefused() throws Exception {
    KeyBlockProtectionKey from = kbpk(KeyAlgorithm.TDES, ForgedBlocks.TDES2_KBPK);
    String c1 = component1Block(from);
    for (String version : new String[] {"00", "c2", "01"}) {
      KeyVersion kv = KeyVersion.of(version);
      Rewrap r = rewrap(from, h -> h.toBuilder().keyVersion(kv).build());
      Tr31Exception e = assertThrows(Tr31Exception.class, () -> r.rewrap(c1, Profile.STRICT), version);
      assertEquals("REWRAP_CHANGES_KEY_COMPONENT", e.code().name(), version);
    }
    assertEquals("c1", rewrap(from, h -> h).rewrap(c1, Profile.STRICT).keyBlock().substring(9, 11));
  }

  @Test
  void rewrap_overrideTurningAKeyIntoAComponent_isRefused() throws Exception {
    KeyBlockProtectionKey from = kbpk(KeyAlgorithm.TDES, ForgedBlocks.TDES2_KBPK);
    String whole =
        from.wrap(
            KeyBlockHeader.parse("B0000D0TB00E0000", Profile.STRICT),
            Hex.decode("F039121BEC83D26B169BDCD5B22AAF8F"), WrapOptions.defaults());
    Rewrap r = rewrap(from, h -> h.toBuilder().keyVersion(KeyVersion.component(1)).build());
    Tr31Exception e = assertThrows(Tr31Exception.class, () -> r.rewrap(whole, Profile.STRICT));
    assertEquals("REWRAP_CHANGES_KEY_COMPONENT", e.code().name());
    // a key version that is no component may still change (the point of a version override)
    Rewrap renumber = rewrap(from, h -> h.toBuilder().keyVersion(KeyVersion.of("07")).build());
    assertEquals("07", renumber.rewrap(whole, Profile.STRICT).keyBlock().substring(9, 11));
  }
}
