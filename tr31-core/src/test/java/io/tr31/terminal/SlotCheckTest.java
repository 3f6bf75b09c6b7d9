/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.ErrorCode;
import io.tr31.Tr31Exception;
import io.tr31.keyblock.Exportability;
import io.tr31.keyblock.HashAlgorithm;
import io.tr31.keyblock.KeyAlgorithm;
import io.tr31.keyblock.KeyBlockHeader;
import io.tr31.keyblock.KeyBlockProtectionKey;
import io.tr31.keyblock.KeyBlockVersion;
import io.tr31.keyblock.KeyContext;
import io.tr31.keyblock.KeyUsage;
import io.tr31.keyblock.KeyVersion;
import io.tr31.keyblock.ModeOfUse;
import io.tr31.keyblock.OptionalBlock;
import io.tr31.keyblock.OptionalBlockId;
import io.tr31.keyblock.WrapOptions;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A faulty or hostile server that holds the real KEK can wrap any header it likes: every slot
 * attribute is checked on its own. Each block below is correctly wrapped under the KEK, carries the
 * slot's own key (so its KCV matches) and its correct {@code LB} and {@code TS}, and differs from
 * the slot's header in exactly one attribute.
 */
class SlotCheckTest {
  private static IssuedKeySet issued;

  @BeforeAll
  static void issue() throws Exception {
    issued = KeySets.seedExample(31);
  }

  @AfterAll
  static void destroy() {
    issued.destroy();
  }

  /** The slot's template changed by {@code change}, bound with the set's {@code LB}, {@code TS}. */
  private static KeyBlockHeader header(Slot slot, UnaryOperator<KeyBlockHeader.Builder> change) {
    KeyBlockHeader h = change.apply(slot.headerTemplate().toBuilder()).build();
    return withBinding(slot, h);
  }

  private static KeyBlockHeader withBinding(Slot slot, KeyBlockHeader h) {
    KeySetResponse r = issued.response();
    return h.toBuilder()
        .optionalBlock(OptionalBlock.label(r.label(slot)))
        .optionalBlock(OptionalBlock.timestamp(OptionalBlockId.TS, r.issuedAt()))
        .build();
  }

  /** Installs the set with {@code slot}'s block replaced by {@code header} over the slot's key. */
  private static void install(Slot slot, KeyBlockHeader header, byte[] key) throws Exception {
    KeyBlockProtectionKey kek =
        KeyBlockProtectionKey.aes(issued.keyBytes(Slot.KEK));
    String block;
    try {
      block = kek.wrap(header, key, WrapOptions.defaults());
    } finally {
      kek.destroy();
    }
    String body = KeySets.withBlocks(issued.response(), Map.of(slot, block)).toJson();
    KeySets.installer().install(body).destroy();
  }

  private static void refused(Slot slot, KeyBlockHeader header, String what) {
    refused(slot, header, issued.keyBytes(slot), what);
  }

  private static void refused(Slot slot, KeyBlockHeader header, byte[] key, String what) {
    Tr31Exception e = assertThrows(Tr31Exception.class, () -> install(slot, header, key));
    assertEquals(ErrorCode.KEYSET_SLOT_MISMATCH, e.code(), e.getMessage());
    assertEquals(slot, KeySets.slotOf(e).orElseThrow());
    assertTrue(e.getMessage().contains(what), e.getMessage());
  }

  @Test
  void theSlotsOwnHeader_craftedTheSameWay_installs() throws Exception {
    for (Slot s : List.of(Slot.MSK, Slot.TPK, Slot.TDK, Slot.MAC)) {
      install(s, header(s, b -> b), issued.keyBytes(s));
    }
  }

  @Test
  void versionE_refused() {
    refused(Slot.MSK, header(Slot.MSK, b -> b.version(KeyBlockVersion.E)), "version");
  }

  @Test
  void anotherUsageWithTheSameAlgorithmAndMode_refused() {
    refused(
        Slot.TPK,
        header(Slot.TPK, b -> b.keyUsage(KeyUsage.DATA_ENCRYPTION_SYMMETRIC)),
        "key usage D0");
  }

  @Test
  void encryptOnlyInsteadOfBoth_refused() {
    refused(Slot.MSK, header(Slot.MSK, b -> b.modeOfUse(ModeOfUse.ENCRYPT_ONLY)), "mode of use E");
  }

  @Test
  void aKeyVersion_refused() {
    refused(Slot.TDK, header(Slot.TDK, b -> b.keyVersion(KeyVersion.of("01"))), "key version");
  }

  @Test
  void exportable_refused() {
    refused(
        Slot.TPK,
        header(Slot.TPK, b -> b.exportability(Exportability.EXPORTABLE)),
        "exportability");
  }

  @Test
  void storageContext_refused() {
    refused(Slot.MSK, header(Slot.MSK, b -> b.keyContext(KeyContext.STORAGE_ONLY)), "key context");
  }

  @Test
  void anExtraOptionalBlock_refusedNamingIt() {
    KeyBlockHeader h =
        header(Slot.TDK, b -> b)
            .toBuilder()
            .optionalBlock(OptionalBlock.timestamp(OptionalBlockId.TC, KeySets.ISSUED))
            .build();
    refused(Slot.TDK, h, "optional block TC");
  }

  @Test
  void hmBlockOutsideTheMacSlot_refusedByTheHeaderRulesBeforeTheSlotCheck() {
    // X9.143:2021 6.3.6.5: HM belongs to HMAC keys only; the strict header rules refuse it on the
    // MSK's AES header, so no such block can be written or read (SlotCheck keeps its own check).
    KeyBlockHeader h =
        header(Slot.MSK, b -> b)
            .toBuilder()
            .optionalBlock(OptionalBlock.hmacHash(HashAlgorithm.SHA_256))
            .build();
    io.tr31.Tr31FormatException e =
        assertThrows(
            io.tr31.Tr31FormatException.class,
            () -> install(Slot.MSK, h, issued.keyBytes(Slot.MSK)));
    assertEquals(ErrorCode.OPTIONAL_BLOCK_ALGORITHM_MISMATCH, e.code());
  }

  @Test
  void missingTs_refusedAsAHeaderMismatchBeforeTheMetadataCheck() {
    KeyBlockHeader h =
        Slot.TDK
            .headerTemplate()
            .toBuilder()
            .optionalBlock(OptionalBlock.label(issued.response().label(Slot.TDK)))
            .build();
    refused(Slot.TDK, h, "optional blocks");
  }

  @Test
  void macWithoutHm_refused() {
    KeyBlockHeader t = Slot.MAC.headerTemplate();
    KeyBlockHeader noHm =
        KeyBlockHeader.builder()
            .version(t.version())
            .keyUsage(t.keyUsage())
            .algorithm(t.algorithm())
            .modeOfUse(t.modeOfUse())
            .exportability(t.exportability())
            .build();
    refused(Slot.MAC, withBinding(Slot.MAC, noHm), "optional blocks");
  }

  @Test
  void macWithSha384_refused() {
    KeyBlockHeader sha384 =
        Slot.MAC.headerTemplate().toBuilder()
            .optionalBlock(OptionalBlock.hmacHash(HashAlgorithm.SHA_384))
            .build();
    refused(Slot.MAC, withBinding(Slot.MAC, sha384), "HM is not SHA-256");
  }

  @Test
  void aSixteenByteKey_refused() {
    refused(Slot.MSK, header(Slot.MSK, b -> b), KeySets.bytes(16, 1), "key length");
  }
}
