/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.Profile;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeyBlockHeaderTest {
  private static KeyBlockHeader.Builder pinKey(KeyBlockVersion v) {
    return KeyBlockHeader.builder()
        .version(v)
        .keyUsage(KeyUsage.PIN_ENCRYPTION)
        .algorithm(KeyAlgorithm.AES)
        .modeOfUse(ModeOfUse.ENCRYPT_ONLY)
        .exportability(Exportability.EXPORTABLE);
  }

  @Test
  void parse_template_readsFieldsWithoutPayload() throws Exception {
    KeyBlockHeader h = KeyBlockHeader.parse("D0000P0AE00E0000", Profile.STRICT);
    assertEquals(KeyBlockVersion.D, h.version());
    assertEquals(KeyUsage.PIN_ENCRYPTION, h.keyUsage());
    assertEquals(KeyAlgorithm.AES, h.algorithm());
    assertEquals(ModeOfUse.ENCRYPT_ONLY, h.modeOfUse());
    assertEquals(KeyVersion.none(), h.keyVersion());
    assertEquals(Exportability.EXPORTABLE, h.exportability());
    assertEquals(KeyContext.DETERMINED_BY_WRAPPING_KEY, h.keyContext());
    assertEquals(0, h.declaredKeyBlockLength());
    assertEquals(16, h.encodedLengthChars());
    assertEquals(pinKey(KeyBlockVersion.D).build(), h);
    assertEquals("D0112P0AE00E0000", h.encode(112));
  }

  @Test
  void parse_keyContextAndComponent_read() throws Exception {
    KeyBlockHeader h = KeyBlockHeader.parse("B0096B1TXc3N0020", Profile.STRICT);
    assertEquals(KeyContext.EXCHANGE_ONLY, h.keyContext());
    assertTrue(h.keyVersion().isComponent());
    assertEquals(3, h.keyVersion().componentNumber().getAsInt());
  }

  @Test
  void withPadding_noBlocksAligned_addsNothing() {
    for (KeyBlockVersion v : KeyBlockVersion.values()) {
      KeyBlockHeader h = pinKey(v).build().withPadding();
      assertTrue(h.optionalBlocks().isEmpty(), v.name());
    }
  }

  @Test
  void withPadding_hmBlock_addsPbOf10ForAes() {
    // openemv tr31_tool_test44: D...HM0621 -> HM0621PB0A
    KeyBlockHeader h =
        pinKey(KeyBlockVersion.D)
            .keyUsage(KeyUsage.MAC_HMAC)
            .algorithm(KeyAlgorithm.HMAC)
            .modeOfUse(ModeOfUse.GENERATE_ONLY)
            .build()
            .withOptionalBlock(OptionalBlock.hmacHash(HashAlgorithm.SHA_256))
            .withPadding();
    assertEquals("D0128M7HG00E0200HM0621PB0A000000", h.encode(128));
    assertTrue(h.isBlockAligned());
  }

  @Test
  void withPadding_needBelowFour_addsAWholeCipherBlock() {
    // 16 + LB(4+10) = 30: needs 2 for 8-byte blocks -> PB of 2 + 8 = 10
    KeyBlockHeader h =
        pinKey(KeyBlockVersion.B)
            .algorithm(KeyAlgorithm.TDES)
            .build()
            .withOptionalBlock(OptionalBlock.label("0123456789"))
            .withPadding();
    assertEquals(40, h.encodedLengthChars());
    assertEquals(6, h.optionalBlock(OptionalBlockId.PB).get().data().length());
  }

  @Test
  void withPadding_replacesExistingPb_andKeepsItLast() throws Exception {
    KeyBlockHeader h = KeyBlockHeader.parse("D0000M7HG00N0200HM0621PB0A5V5E8F", Profile.STRICT);
    KeyBlockHeader withLabel = h.withOptionalBlock(OptionalBlock.label("MyKey")).withPadding();
    // openemv tr31_tool_test43: HM0621LB09MyKeyPB11
    assertTrue(withLabel.encode(144).startsWith("D0144M7HG00N0300HM0621LB09MyKeyPB11"));
    assertEquals("PB", withLabel.optionalBlocks().get(2).id());
    assertTrue(withLabel.isBlockAligned());
  }

  @Test
  void withOptionalBlock_kcv_insertedBeforePb_andReplacedInPlace() {
    KeyBlockHeader h =
        pinKey(KeyBlockVersion.D)
            .build()
            .withPadding()
            .withOptionalBlock(OptionalBlock.kcv(OptionalBlockId.KC, KcvMethod.CMAC, new byte[5]))
            .withPadding()
            .withOptionalBlock(
                OptionalBlock.kcv(OptionalBlockId.KC, KcvMethod.LEGACY, new byte[] {1, 2, 3}));
    assertEquals("KC0C00010203", h.optionalBlocks().get(0).toString());
  }

  @Test
  void encode_longBlock_usesExtendedForm04() throws Exception {
    String label = "L".repeat(300);
    KeyBlockHeader h =
        pinKey(KeyBlockVersion.D)
            .build()
            .withOptionalBlock(OptionalBlock.label(label))
            .withPadding();
    String text = h.encode(0);
    assertTrue(text.startsWith("D0000P0AE00E0200LB00040136"), text.substring(0, 30));
    assertEquals(h, KeyBlockHeader.parse(text, Profile.STRICT));
    assertEquals(h.encodedLengthChars(), text.length());
  }

  @Test
  void builder_missingField_throwsIllegalState() {
    assertThrows(IllegalStateException.class, () -> KeyBlockHeader.builder().build());
    assertThrows(
        IllegalArgumentException.class,
        () -> KeyBlockHeader.builder().keyUsage(KeyUsage.PROPRIETARY));
  }

  @Test
  void lenient_proprietaryUsage_keepsRawCodeAndRoundTrips() throws Exception {
    KeyBlockHeader h = KeyBlockHeader.parse("B000099TX00N0000", Profile.LENIENT);
    assertEquals(KeyUsage.PROPRIETARY, h.keyUsage());
    assertEquals("99", h.keyUsageCode());
    assertEquals("B009699TX00N0000", h.encode(96));
    assertFalse(h.warnings().isEmpty());
    assertEquals(h, KeyBlockHeader.parse(h.encode(96), Profile.LENIENT));
  }

  @Test
  void toString_showsHeader_equalsIgnoresLengthField() throws Exception {
    KeyBlockHeader a = KeyBlockHeader.parse("D0112P0AE00E0000", Profile.STRICT);
    assertEquals("D0112P0AE00E0000", a.toString());
    KeyBlockHeader b = KeyBlockHeader.parse("D0144P0AE00E0000", Profile.STRICT);
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
  }

  /** 99 distinct proprietary blocks ({@code 1A04}, {@code 1B04}, …): X9.143's maximum. */
  private static java.util.List<OptionalBlock> ninetyNineBlocks() {
    String second = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    java.util.List<OptionalBlock> blocks = new java.util.ArrayList<>();
    for (int i = 0; i < 99; i++) {
      blocks.add(OptionalBlock.proprietary((1 + i / 26) + "" + second.charAt(i % 26), ""));
    }
    return blocks;
  }

  @Test
  void hundredthOptionalBlock_isRefused_alsoWhenItWouldBeThePaddingBlock() {
    java.util.List<OptionalBlock> max = ninetyNineBlocks();
    OptionalBlocks ninetyNine = OptionalBlocks.of(max);
    assertEquals(99, ninetyNine.size());
    java.util.List<OptionalBlock> tooMany = new java.util.ArrayList<>(max);
    tooMany.add(OptionalBlock.label("x"));
    assertThrows(IllegalArgumentException.class, () -> OptionalBlocks.of(tooMany));
    assertThrows(IllegalArgumentException.class, () -> ninetyNine.with(OptionalBlock.label("x")));
    // 16 + 99 × 4 = 412 characters: a D header needs a PB to align, and PB would be the 100th.
    KeyBlockHeader h =
        KeyBlockHeader.builder()
            .version(KeyBlockVersion.D)
            .keyUsage(KeyUsage.PIN_ENCRYPTION)
            .algorithm(KeyAlgorithm.AES)
            .modeOfUse(ModeOfUse.ENCRYPT_ONLY)
            .exportability(Exportability.EXPORTABLE)
            .optionalBlocks(ninetyNine)
            .build();
    assertThrows(IllegalStateException.class, h::withPadding);
    // 98 empty blocks and one of 8 characters: 16 + 392 + 8 = 416 = 52 × 8, aligned for version B,
    // so no PB is needed and 99 blocks are fine.
    java.util.List<OptionalBlock> aligned = new java.util.ArrayList<>(max.subList(0, 98));
    aligned.add(OptionalBlock.proprietary("9Z", "ABCD"));
    KeyBlockHeader b =
        h.toBuilder()
            .version(KeyBlockVersion.B)
            .algorithm(KeyAlgorithm.TDES)
            .optionalBlocks(OptionalBlocks.of(aligned))
            .build();
    assertEquals(b, b.withPadding());
  }
}
