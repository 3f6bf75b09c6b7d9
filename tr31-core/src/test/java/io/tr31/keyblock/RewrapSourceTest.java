/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31Exception;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.internal.Hex;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a re-wrap owes its source (review 4): a block holding the source KBPK itself is never
 * re-wrapped (finding 2: whoever holds the target KBPK would get the source KBPK and every block
 * under it), and every tolerance the lenient profile used to read the source is reported in {@link
 * Rewrap.Result#warnings()} (finding 3).
 */
class RewrapSourceTest {
  private static final String AES_KBPK =
      "88E1AB2A2E3DD38C1FA039A536500CC8A87AB9D62DC92C01058FA79F44657DE6";
  private static final String OTHER_AES_KBPK =
      "2B7E151628AED2A6ABF7158809CF4F3C2B7E151628AED2A6ABF7158809CF4F3D";

  /** The degenerate KBPK of review 4's repro (K1 = K2 up to parity bits). */
  private static final String DEGENERATE_KBPK = "0123456789ABCDEF0023456789ABCDEF";

  @RegisterExtension final PreparedKbpks kbpks = new PreparedKbpks();

  private KeyBlockProtectionKey kbpk(KeyAlgorithm a, String hex) throws Tr31Exception {
    return kbpks.prepare(a, hex);
  }

  private static KeyBlockHeader header(String h) throws Tr31Exception {
    return KeyBlockHeader.parse(h, Profile.STRICT);
  }

  @Test
  void rewrap_legacyBlockHoldingItsOwnKbpk_isRefusedAsKeyIsKbpk() throws Exception {
    byte[] tdes = Hex.decode(ForgedBlocks.TDES2_KBPK);
    byte[] parityFlipped = WrapKbpkAsKeyTest.everyParityBitFlipped(tdes);
    KeyBlockProtectionKey from = kbpk(KeyAlgorithm.TDES, ForgedBlocks.TDES2_KBPK);
    Rewrap r = Rewrap.builder(from, kbpk(KeyAlgorithm.AES, AES_KBPK)).build();
    for (byte[] key : new byte[][] {tdes, parityFlipped}) {
      String own = ForgedBlocks.tdesBlockEvenOfTheKbpk(tdes, header("B0000K0TB00E0000"), key);
      from.unwrap(own).destroy(); // authentic: only the re-wrap refuses it
      Tr31Exception e = assertThrows(Tr31Exception.class, () -> r.rewrap(own, Profile.STRICT));
      assertEquals(ErrorCode.KEY_IS_KBPK, e.code());
    }
  }

  @Test
  void rewrap_aesBlockHoldingItsOwnKbpk_isRefusedAsKeyIsKbpk() throws Exception {
    byte[] aes = Hex.decode(AES_KBPK);
    String own =
        ForgedBlocks.aesBlockEvenOfTheKbpk(
            aes, header("D0000K0AB00E0000"), aes, WrapOptions.defaults());
    Rewrap r =
        Rewrap.builder(kbpk(KeyAlgorithm.AES, AES_KBPK), kbpk(KeyAlgorithm.AES, OTHER_AES_KBPK))
            .toVersion(KeyBlockVersion.E)
            .build();
    Tr31Exception e = assertThrows(Tr31Exception.class, () -> r.rewrap(own, Profile.STRICT));
    assertEquals(ErrorCode.KEY_IS_KBPK, e.code());
  }

  @Test
  void rewrap_blockUnderADegenerateKbpkReadLeniently_reportsTheUnwrapWarnings() throws Exception {
    byte[] degenerate = Hex.decode(DEGENERATE_KBPK);
    String block =
        ForgedBlocks.tdesBlockEvenOfTheKbpk(
            degenerate,
            header("B0000P0TE00E0000"),
            Hex.decode(DegenerateTdesKeyTest.K_B + DegenerateTdesKeyTest.K_C));
    KeyBlockProtectionKey from =
        KeyBlockProtectionKey.forVersion(KeyBlockVersion.B, degenerate, Profile.LENIENT);
    kbpks.add(from);
    Rewrap.Result result =
        Rewrap.builder(from, kbpk(KeyAlgorithm.AES, AES_KBPK))
            .build()
            .rewrap(block, Profile.LENIENT);
    List<Tr31Warning> expected;
    try (UnwrappedKey key = from.unwrap(block, Profile.LENIENT)) {
      expected = key.warnings();
    }
    assertFalse(expected.isEmpty());
    assertEquals(LenientWarningsTest.describe(expected), LenientWarningsTest.describe(result.warnings()));
    assertThrows(UnsupportedOperationException.class, () -> result.warnings().clear());
  }

  @Test
  void rewrap_strictSource_hasNoWarnings() throws Exception {
    KeyBlockProtectionKey from = kbpk(KeyAlgorithm.TDES, ForgedBlocks.TDES2_KBPK);
    String block =
        from.wrap(header("B0000D0TB00E0000"), Hex.decode("F039121BEC83D26B169BDCD5B22AAF8F"), WrapOptions.defaults());
    Rewrap.Result result =
        Rewrap.builder(from, kbpk(KeyAlgorithm.AES, AES_KBPK)).build().rewrap(block, Profile.STRICT);
    assertTrue(result.warnings().isEmpty());
  }
}
