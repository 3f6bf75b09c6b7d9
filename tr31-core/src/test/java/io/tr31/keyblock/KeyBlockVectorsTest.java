/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31FormatException;


import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.internal.Hex;
import io.tr31.testing.Vectors;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The structural parse of every key block in {@code tr31_vectors.json} (all versions). */
class KeyBlockVectorsTest {
  private static final List<Map<String, Object>> VECTORS = Vectors.loadList("tr31_vectors.json");

  /**
   * Valid blocks that a strict parse rejects, each with a {@code strict_header_validation} note in
   * the file, and the code we give. The other noted blocks are rejected by openemv only after
   * decryption (key length vs algorithm): structurally they pass strict.
   */
  private static final Map<String, ErrorCode> STRICT_REJECTS =
      Map.of(
          "TR31-014", ErrorCode.INVALID_OPTIONAL_BLOCK_DATA, // KS 'VM9A' not hex
          "TR31-033", ErrorCode.INVALID_MODE_OF_USE, // mode '9'
          "TR31-034", ErrorCode.INVALID_OPTIONAL_BLOCK_DATA, // KS 'DE#GBIC#OPT1'
          "TR31-051", ErrorCode.LOWERCASE_HEX, // Apple sample, lower-case payload
          "TR31-056", ErrorCode.INCOMPATIBLE_KEY_ATTRIBUTES, // B1 T E: an IK only derives
          "TR31-059", ErrorCode.INCOMPATIBLE_KEY_ATTRIBUTES,
          // Vectors.STRICTER_THAN_THE_FILE: X9.143 rules beyond the file's strict decoder
          "TR31-049", ErrorCode.INVALID_OPTIONAL_BLOCK_DATA, // KS of 16 hex digits
          "TR31-072", ErrorCode.OPTIONAL_BLOCK_ALGORITHM_MISMATCH); // KS on an AES key

  @Test
  void validBlocks_parseStrict_orStrictRejectsWithTheNotedReasonAndLenientAccepts()
      throws Exception {
    int strict = 0;
    int lenientOnly = 0;
    for (Map<String, Object> v : VECTORS) {
      if (!"valid".equals(v.get("expect"))) {
        continue;
      }
      String id = (String) v.get("id");
      String kb = (String) v.get("key_block");
      ErrorCode expected = STRICT_REJECTS.get(id);
      if (expected == null) {
        KeyBlock b = KeyBlock.parse(kb, Profile.STRICT);
        assertTrue(b.header().warnings().isEmpty(), id);
        assertStructure(b, kb);
        strict++;
      } else {
        assertTrue(Vectors.strictRefuses(v), id);
        Tr31FormatException e =
            assertThrows(Tr31FormatException.class, () -> KeyBlock.parse(kb, Profile.STRICT), id);
        assertEquals(expected, e.code(), id);
        KeyBlock b = KeyBlock.parse(kb, Profile.LENIENT);
        assertTrue(!b.warnings().isEmpty(), id);
        assertStructure(b, kb);
        lenientOnly++;
      }
    }
    assertEquals(67, strict);
    assertEquals(8, lenientOnly);
  }

  private static void assertStructure(KeyBlock b, String kb) throws Exception {
    assertEquals(kb, b.text());
    int macChars = 2 * b.header().version().macLengthBytes();
    assertArrayEquals(Hex.decode(kb, kb.length() - macChars, kb.length(), true), b.mac(), kb);
    assertArrayEquals(
        Hex.decode(kb, b.payloadOffset(), kb.length() - macChars, true), b.encryptedPayload(), kb);
  }

  /** Maps the file's reason for an invalid block to our code, or null when not structural. */
  private static ErrorCode structuralCode(String id, String kb, String reason) {
    if (id.equals("TR31-105")) {
      // The version A sample relabelled B: B's 8-byte MAC leaves a 28-byte payload, which is not
      // a multiple of the TDES block. Structurally invalid before the KBPK is even looked at.
      return ErrorCode.INVALID_PAYLOAD_LENGTH;
    }
    if (reason.contains("!= actual length")) {
      return ErrorCode.LENGTH_MISMATCH;
    }
    if (reason.contains("not 4 decimal digits")) {
      return ErrorCode.INVALID_LENGTH_FIELD;
    }
    if (reason.contains("non-hex characters")) {
      return ErrorCode.INVALID_HEX;
    }
    if (reason.contains("key block length") || reason.contains("is empty")) {
      return ErrorCode.INVALID_PAYLOAD_LENGTH;
    }
    if (reason.contains("MAC field too short")) {
      // A/C samples carry an undefined optional block 'TT' in front of the short MAC
      return kb.contains("TT04")
          ? ErrorCode.INVALID_OPTIONAL_BLOCK_ID
          : ErrorCode.INVALID_PAYLOAD_LENGTH;
    }
    return null; // MAC, KBPK or decrypted-length failures: unwrap's business
  }

  @Test
  void invalidBlocks_structuralReasonsRejectedWithTheirCode_othersParse() throws Exception {
    int rejected = 0;
    int parsed = 0;
    for (Map<String, Object> v : VECTORS) {
      String expect = (String) v.get("expect");
      if (!expect.startsWith("invalid")) {
        continue;
      }
      String id = (String) v.get("id");
      String kb = (String) v.get("key_block");
      ErrorCode code = structuralCode(id, kb, expect);
      if (code == null) {
        try {
          KeyBlock.parse(kb, Profile.STRICT);
        } catch (Tr31FormatException e) {
          throw new AssertionError(id + " " + expect, e);
        }
        parsed++;
      } else {
        for (Profile p : Profile.values()) {
          Tr31FormatException e =
              assertThrows(Tr31FormatException.class, () -> KeyBlock.parse(kb, p), id);
          assertEquals(code, e.code(), () -> id + " " + expect + " -> " + e.getMessage());
        }
        rejected++;
      }
    }
    assertEquals(44, rejected + parsed);
    assertEquals(28, rejected);
  }
}
