/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import io.tr31.ErrorCode;
import io.tr31.Tr31FormatException;
import io.tr31.Tr31PolicyException;
import io.tr31.Tr31VerificationException;
import io.tr31.keyblock.HashAlgorithm;
import io.tr31.keyblock.KeyBlockHeader;
import io.tr31.keyblock.KeyVersion;
import io.tr31.keyblock.OptionalBlock;
import io.tr31.keyblock.OptionalBlockId;
import io.tr31.keyblock.UnwrappedKey;
import java.time.Instant;
import java.util.Optional;

/**
 * The checks of a verified key block against its slot. Every value checked here was authenticated
 * by the block's MAC before this runs; the JSON is what is being checked against it.
 */
final class SlotCheck {
  private SlotCheck() {}

  /**
   * The header attributes, the optional blocks and the key length the slot requires.
   *
   * @throws Tr31PolicyException {@link ErrorCode#KEYSET_SLOT_MISMATCH} naming the attribute
   */
  static void header(Slot slot, UnwrappedKey key) throws Tr31PolicyException {
    KeyBlockHeader h = key.header();
    KeyBlockHeader t = slot.headerTemplate();
    require(h.version() == t.version(), slot, "version");
    require(h.keyUsageCode().equals(t.keyUsageCode()), slot, "key usage " + h.keyUsageCode());
    require(h.algorithm() == t.algorithm(), slot, "algorithm " + h.algorithm().code());
    require(h.modeOfUseCode().equals(t.modeOfUseCode()), slot, "mode of use " + h.modeOfUseCode());
    require(h.keyVersion().equals(KeyVersion.none()), slot, "key version");
    require(h.exportability() == t.exportability(), slot, "exportability");
    require(h.keyContext() == t.keyContext(), slot, "key context");
    require(key.keyLengthBytes() == Slot.KEY_BYTES, slot, "key length");
    int expected = 0;
    for (OptionalBlock b : h.optionalBlocks()) {
      OptionalBlockId id = b.knownId().orElse(null);
      boolean allowed =
          id == OptionalBlockId.LB
              || id == OptionalBlockId.TS
              || id == OptionalBlockId.PB
              || (id == OptionalBlockId.HM && slot == Slot.MAC);
      require(allowed, slot, "optional block " + b.id());
      if (id != OptionalBlockId.PB) {
        expected++;
      }
    }
    require(expected == (slot == Slot.MAC ? 3 : 2), slot, "optional blocks");
    if (slot == Slot.MAC) {
      HashAlgorithm hash =
          h.optionalBlock(OptionalBlockId.HM).flatMap(OptionalBlock::hmacHash).orElse(null);
      require(hash == HashAlgorithm.SHA_256, slot, "HM is not SHA-256");
    }
  }

  /**
   * The slot name, ids and times bound in {@code LB} and {@code TS} against the JSON.
   *
   * @throws Tr31PolicyException {@link ErrorCode#KEYSET_SLOT_MISMATCH} when the label names another
   *     slot
   * @throws Tr31VerificationException {@link ErrorCode#KEYSET_METADATA_MISMATCH} when ids or times
   *     differ
   */
  static void metadata(Slot slot, KeyBlockHeader h, KeySetResponse response)
      throws Tr31PolicyException, Tr31VerificationException {
    String label = h.optionalBlock(OptionalBlockId.LB).map(OptionalBlock::data).orElse("");
    // Slot names contain no '/': the label binds this slot exactly when it starts "name/".
    require(label.startsWith(slot.jsonName() + "/"), slot, "LB binds the block to another slot");
    if (!label.equals(response.label(slot))) {
      throw KeySetRefusal.verification(
          ErrorCode.KEYSET_METADATA_MISMATCH, slot, "LB (key set id, key id or expires_at)");
    }
    Instant stamped =
        h.optionalBlock(OptionalBlockId.TS).flatMap(OptionalBlock::timestamp).orElse(null);
    if (stamped == null || !stamped.equals(response.issuedAt())) {
      throw KeySetRefusal.verification(ErrorCode.KEYSET_METADATA_MISMATCH, slot, "TS (issued_at)");
    }
  }

  private static void require(boolean ok, Slot slot, String what) throws Tr31PolicyException {
    if (!ok) {
      throw KeySetRefusal.policy(ErrorCode.KEYSET_SLOT_MISMATCH, slot, what);
    }
  }
}
