/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31FormatException;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link KeyBlockHeader} at its limits (X9.143 6.2: a four-digit length field, a two-digit block
 * count, at most 99 optional blocks) and its value semantics.
 */
class KeyBlockHeaderLimitsTest {
  private static KeyBlockHeader.Builder pinKey() {
    return KeyBlockHeader.builder()
        .version(KeyBlockVersion.D)
        .keyUsage(KeyUsage.PIN_ENCRYPTION)
        .algorithm(KeyAlgorithm.AES)
        .modeOfUse(ModeOfUse.ENCRYPT_ONLY)
        .exportability(Exportability.EXPORTABLE);
  }

  /** {@code n} proprietary blocks {@code 00}, {@code 01}, ... with one data character each. */
  private static List<OptionalBlock> proprietary(int n) {
    List<OptionalBlock> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(OptionalBlock.proprietary(String.valueOf(i / 10) + (i % 10), "X"));
    }
    return out;
  }

  @Test
  void encode_lengthFieldFrom0To9999_otherwiseIllegalArgument() {
    KeyBlockHeader h = pinKey().build();
    assertEquals("D0000P0AE00E0000", h.encode(0));
    assertEquals("D0007P0AE00E0000", h.encode(7));
    assertEquals("D9999P0AE00E0000", h.encode(9999));
    assertThrows(IllegalArgumentException.class, () -> h.encode(-1));
    assertThrows(IllegalArgumentException.class, () -> h.encode(10_000));
  }

  @Test
  void encode_twoDigitBlockCount_readsBackForTenAndNinetyNineBlocks() throws Exception {
    for (int n : new int[] {1, 9, 10, 11, 42, 99}) {
      KeyBlockHeader h = pinKey().optionalBlocks(OptionalBlocks.of(proprietary(n))).build();
      String text = h.encode(0);
      assertEquals(String.format("%02d", n), text.substring(12, 14), text.substring(0, 16));
      KeyBlockHeader back = KeyBlockHeader.parse(text, Profile.LENIENT);
      assertEquals(n, back.optionalBlocks().size());
      assertEquals(h, back);
    }
  }

  @Test
  void build_headerOf9999Characters_isAccepted_oneMore_isIllegalArgument() {
    // LB and CT, each in the extended length form (10 characters before the data).
    KeyBlockHeader max =
        pinKey()
            .optionalBlocks(
                OptionalBlocks.of(
                    List.of(
                        OptionalBlock.label("L".repeat(5000)),
                        OptionalBlock.of(OptionalBlockId.CT, "00" + "C".repeat(4961)))))
            .build();
    assertEquals(9999, max.encodedLengthChars());
    assertEquals(9999, max.encode(9999).length());
    KeyBlockHeader.Builder over =
        pinKey()
            .optionalBlocks(
                OptionalBlocks.of(
                    List.of(
                        OptionalBlock.label("L".repeat(5000)),
                        OptionalBlock.of(OptionalBlockId.CT, "00" + "C".repeat(4962)))));
    assertThrows(IllegalArgumentException.class, over::build);
  }

  @Test
  void withPadding_ninetyNineUnalignedBlocks_hasNoRoomForPb_ninetyEightGetOne() {
    KeyBlockHeader full = pinKey().optionalBlocks(OptionalBlocks.of(proprietary(99))).build();
    assertFalse(full.isBlockAligned());
    assertThrows(IllegalStateException.class, full::withPadding);

    KeyBlockHeader room = pinKey().optionalBlocks(OptionalBlocks.of(proprietary(98))).build();
    KeyBlockHeader padded = room.withPadding();
    assertEquals(99, padded.optionalBlocks().size());
    assertTrue(padded.isBlockAligned());
    assertTrue(padded.optionalBlock(OptionalBlockId.PB).isPresent());
  }

  @Test
  void equals_everyFieldCounts_hashCodeFollows() throws Exception {
    KeyBlockHeader base = pinKey().build();
    assertEquals(base, pinKey().build());
    assertEquals(base.hashCode(), pinKey().build().hashCode());
    assertEquals(base, base);
    assertNotEquals(base, null);
    assertFalse(base.equals(base.toString()));
    List<UnaryOperator<KeyBlockHeader.Builder>> changes =
        List.of(
            b -> b.version(KeyBlockVersion.E),
            b -> b.keyUsage(KeyUsage.DATA_ENCRYPTION_SYMMETRIC),
            b -> b.algorithm(KeyAlgorithm.TDES),
            b -> b.modeOfUse(ModeOfUse.DECRYPT_ONLY),
            b -> b.keyVersion(KeyVersion.of("12")),
            b -> b.exportability(Exportability.SENSITIVE),
            b -> b.keyContext(KeyContext.STORAGE_ONLY),
            b -> b.optionalBlocks(OptionalBlocks.of(List.of(OptionalBlock.label("A")))));
    for (UnaryOperator<KeyBlockHeader.Builder> change : changes) {
      KeyBlockHeader other = change.apply(pinKey()).build();
      assertNotEquals(base, other, other.toString());
      assertNotEquals(other, base, other.toString());
      // One field differs: the canonical text, so its String hash, differs (31 is odd).
      assertNotEquals(base.hashCode(), other.hashCode(), other.toString());
    }
  }

  @Test
  void parse_isExact_charactersAfterTheDeclaredBlocks_refusedAtTheFirstUnreadOffset()
      throws Exception {
    assertEquals(pinKey().build(), KeyBlockHeader.parse("D0000P0AE00E0000", Profile.STRICT));
    KeyBlockHeader labelled = KeyBlockHeader.parse("D0000P0AE00E0100LB06AB", Profile.STRICT);
    assertEquals(1, labelled.optionalBlocks().size());
    String[][] cases = {
      {"D0000P0AE00E0000X", "16"}, {"D0000P0AE00E0100LB06ABKS0C0123456789", "22"}
    };
    for (String[] c : cases) {
      Tr31FormatException e =
          assertThrows(
              Tr31FormatException.class, () -> KeyBlockHeader.parse(c[0], Profile.STRICT));
      assertEquals(ErrorCode.LENGTH_MISMATCH, e.code(), c[0]);
      assertEquals(Integer.parseInt(c[1]), e.offset(), c[0]);
    }
  }

  @Test
  void parse_sixteenCharactersAreAHeader_fifteenAreTruncatedAtTheirEnd() throws Exception {
    assertEquals(16, KeyBlockHeader.parse("D0000P0AE00E0000", Profile.STRICT).encodedLengthChars());
    Tr31FormatException e =
        assertThrows(
            Tr31FormatException.class,
            () -> KeyBlockHeader.parse("D0000P0AE00E000", Profile.STRICT));
    assertEquals(ErrorCode.HEADER_TRUNCATED, e.code());
    assertEquals(15, e.offset());
    assertEquals(
        ErrorCode.NULL_INPUT,
        assertThrows(Tr31FormatException.class, () -> KeyBlockHeader.parse(null, Profile.STRICT))
            .code());
  }
}
