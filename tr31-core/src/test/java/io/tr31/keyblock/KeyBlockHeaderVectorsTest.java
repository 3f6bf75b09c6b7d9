/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31FormatException;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.testing.Vectors;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every entry of {@code tr31_header_vectors.json} (sources are in the file). */
class KeyBlockHeaderVectorsTest {
  private static final Map<String, Object> FILE = Vectors.loadMap("tr31_header_vectors.json");

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> section(String name) {
    return (List<Map<String, Object>>) FILE.get(name);
  }

  /**
   * Expected code for each of psec's 39 header parse errors, in file order. psec reports length
   * problems of the 2-character form, the extended form and the data separately; our codes make the
   * same distinctions (truncated input vs malformed length vs malformed extended length).
   */
  private static final ErrorCode[] PARSE_ERRORS = {
    ErrorCode.OPTIONAL_BLOCK_TRUNCATED, // no block at all
    ErrorCode.OPTIONAL_BLOCK_TRUNCATED, // one ID character
    ErrorCode.OPTIONAL_BLOCK_TRUNCATED, // no length
    ErrorCode.OPTIONAL_BLOCK_TRUNCATED, // one length digit
    ErrorCode.INVALID_OPTIONAL_BLOCK_LENGTH, // 1Y
    ErrorCode.INVALID_OPTIONAL_BLOCK_LENGTH, // 02 < 4
    ErrorCode.OPTIONAL_BLOCK_TRUNCATED, // data 1 of 3
    ErrorCode.OPTIONAL_BLOCK_TRUNCATED, // 00, no LL
    ErrorCode.OPTIONAL_BLOCK_TRUNCATED, // 00 then one LL digit
    ErrorCode.EXTENDED_LENGTH_OVERFLOW, // LL 1S
    ErrorCode.EXTENDED_LENGTH_OVERFLOW, // LL 00
    ErrorCode.EXTENDED_LENGTH_OVERFLOW, // LL 01 (only 02 and 04 are read)
    ErrorCode.EXTENDED_LENGTH_OVERFLOW,
    ErrorCode.EXTENDED_LENGTH_OVERFLOW,
    ErrorCode.EXTENDED_LENGTH_OVERFLOW,
    ErrorCode.EXTENDED_LENGTH_OVERFLOW,
    ErrorCode.OPTIONAL_BLOCK_TRUNCATED, // second block: one ID character
    ErrorCode.OPTIONAL_BLOCK_TRUNCATED, // second block: no length
    ErrorCode.OPTIONAL_BLOCK_TRUNCATED, // second block: one length digit
    ErrorCode.INVALID_OPTIONAL_BLOCK_LENGTH, // 1X
    ErrorCode.INVALID_OPTIONAL_BLOCK_LENGTH, // 03 < 4
    ErrorCode.OPTIONAL_BLOCK_TRUNCATED, // data 0 of 1
    ErrorCode.OPTIONAL_BLOCK_TRUNCATED,
    ErrorCode.OPTIONAL_BLOCK_TRUNCATED,
    ErrorCode.EXTENDED_LENGTH_OVERFLOW,
    ErrorCode.EXTENDED_LENGTH_OVERFLOW,
    ErrorCode.EXTENDED_LENGTH_OVERFLOW,
    ErrorCode.EXTENDED_LENGTH_OVERFLOW,
    ErrorCode.EXTENDED_LENGTH_OVERFLOW,
    ErrorCode.EXTENDED_LENGTH_OVERFLOW,
    ErrorCode.EXTENDED_LENGTH_OVERFLOW,
    ErrorCode.INVALID_OPTIONAL_BLOCK_ID, // **
    ErrorCode.INVALID_OPTIONAL_BLOCK_ID, // ??
    ErrorCode.INVALID_CHARACTER, // 0x03 in data
    ErrorCode.INVALID_CHARACTER, // 0xFF in data
    ErrorCode.INVALID_VERSION, // _
    ErrorCode.HEADER_TRUNCATED, // empty
    ErrorCode.HEADER_TRUNCATED, // 5 characters
    ErrorCode.INVALID_OPTIONAL_BLOCK_COUNT, // 0X
  };

  @Test
  void parseErrors_allRejectedWithTheirCode_underBothProfiles() {
    List<Map<String, Object>> v = section("parse_errors_psec");
    assertEquals(39, v.size());
    int run = 0;
    for (int k = 0; k < v.size(); k++) {
      final int i = k;
      String header = (String) v.get(i).get("header");
      for (Profile p : Profile.values()) {
        Tr31FormatException e =
            assertThrows(
                Tr31FormatException.class,
                () -> KeyBlockHeader.parse(header, p),
                () -> "accepted: " + header);
        assertEquals(PARSE_ERRORS[i], e.code(), () -> i + " " + header + " -> " + e.getMessage());
        assertTrue(e.offset() >= 0 && e.offset() <= header.length(), e::getMessage);
      }
      run++;
    }
    assertEquals(39, run);
  }

  @Test
  void decodeOnly_headersDecodeAsNoted() throws Exception {
    List<Map<String, Object>> v = section("decode_only");
    int run = 0;
    for (Map<String, Object> e : v) {
      String kb = (String) e.get("key_block");
      boolean proprietary = e.containsKey("note");
      Profile p = proprietary ? Profile.LENIENT : Profile.STRICT;
      KeyBlockHeader h = KeyBlockHeader.parsePrefix(kb, p);
      assertEquals(kb.substring(5, 7), h.keyUsageCode());
      assertEquals(Integer.parseInt(kb.substring(1, 5)), h.declaredKeyBlockLength());
      assertEquals(Integer.parseInt(kb.substring(12, 14)), h.optionalBlocks().size());
      if (proprietary) {
        assertEquals(KeyUsage.PROPRIETARY, h.keyUsage());
        assertEquals(ModeOfUse.PROPRIETARY, h.modeOfUse());
        assertTrue(h.blocks().get("10").isPresent());
        assertTrue(!h.warnings().isEmpty());
        assertThrows(Tr31FormatException.class, () -> KeyBlockHeader.parse(kb, Profile.STRICT));
      } else {
        assertTrue(h.warnings().isEmpty());
      }
      KeyBlock.parse(kb, p); // the whole block is structurally valid too
      run++;
    }
    assertEquals(6, run);
  }

  @Test
  void decodeOnly_test4_typedBlocks() throws Exception {
    String kb = (String) section("decode_only").get(3).get("key_block");
    KeyBlockHeader h = KeyBlockHeader.parsePrefix(kb, Profile.STRICT);
    assertEquals("FFFF00A0200001E00000", h.optionalBlock(OptionalBlockId.KS).get().data());
    OptionalBlock kc = h.optionalBlock(OptionalBlockId.KC).get();
    assertEquals("0169E3", io.tr31.internal.Hex.encode(kc.kcv().get().bytes()));
    assertEquals(io.tr31.keyblock.KcvMethod.LEGACY, kc.kcv().get().method());
  }

  @Test
  void extendedLength_02And04_readTheSameBlock() throws Exception {
    List<Map<String, Object>> v = section("extended_length_disagreement");
    KeyBlockHeader psec = KeyBlockHeader.parse((String) v.get(0).get("header"), Profile.LENIENT);
    KeyBlockHeader moov = KeyBlockHeader.parse((String) v.get(1).get("header"), Profile.LENIENT);
    assertEquals(psec, moov);
    OptionalBlock ks = moov.optionalBlock(OptionalBlockId.KS).get();
    assertEquals(0x010A - 10, ks.data().length());
    // we write 04 (X9.143's own samples, third entry of the file)
    assertTrue(moov.encode(0).contains("KS0004010A"), moov::toString);
    assertTrue(((String) v.get(2).get("reading")).contains("04"));
    // KS of P characters is not hex: strict rejects it as data, after reading the length
    Tr31FormatException e =
        assertThrows(
            Tr31FormatException.class,
            () -> KeyBlockHeader.parse((String) v.get(1).get("header"), Profile.STRICT));
    assertEquals(ErrorCode.INVALID_OPTIONAL_BLOCK_DATA, e.code());
    assertEquals(26, e.offset());
  }

  @Test
  void thalesProprietary_lenientReadsVersion0_strictRejects() throws Exception {
    List<Map<String, Object>> v = section("proprietary_not_tr31");
    int run = 0;
    for (Map<String, Object> e : v) {
      String kb = (String) e.get("key_block");
      Tr31FormatException strict =
          assertThrows(Tr31FormatException.class, () -> KeyBlock.parse(kb, Profile.STRICT));
      assertEquals(ErrorCode.INVALID_VERSION, strict.code());
      assertEquals(0, strict.offset());
      if (kb.charAt(0) == '0') {
        KeyBlock b = KeyBlock.parse(kb, Profile.LENIENT);
        assertEquals(KeyBlockVersion.THALES_0, b.header().version());
        assertEquals(4, b.mac().length);
        assertTrue(b.header().warnings().get(0).contains("proprietary key block version"));
      } else {
        // Thales version '1' (AES) is not modelled: rejected under both profiles
        Tr31FormatException lenient =
            assertThrows(Tr31FormatException.class, () -> KeyBlock.parse(kb, Profile.LENIENT));
        assertEquals(ErrorCode.INVALID_VERSION, lenient.code());
      }
      run++;
    }
    assertEquals(7, run);
  }
}
