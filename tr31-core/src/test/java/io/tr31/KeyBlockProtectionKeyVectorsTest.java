package io.tr31;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.internal.Hex;
import io.tr31.testing.FixedRandom;
import io.tr31.testing.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every key block in {@code ../shared/vectors/tr31_vectors.json}: version D unwraps to the
 * expected key or is rejected with the expected code, and every valid D block with recovered
 * padding is rebuilt byte for byte by wrap. Other versions: header and structure only for now.
 * Failures are collected and asserted empty (Tink's Wycheproof style), and counts are asserted.
 */
class KeyBlockProtectionKeyVectorsTest {
  private static final List<Map<String, Object>> VECTORS = Vectors.loadList("tr31_vectors.json");

  private static byte[] hex(Object s) throws Tr31Exception {
    return Hex.decode((String) s);
  }

  @Test
  void allVectorsPresent() {
    assertEquals(119, VECTORS.size());
  }

  @Test
  void versionD_validVectors_unwrapToExpectedKey() throws Exception {
    List<String> failures = new ArrayList<>();
    int strictRun = 0;
    int lenientOnly = 0;
    for (Map<String, Object> v : VECTORS) {
      if (!"D".equals(v.get("version")) || !"valid".equals(v.get("expect"))) {
        continue;
      }
      String id = (String) v.get("id");
      String block = (String) v.get("key_block");
      byte[] kbpk = hex(v.get("kbpk_hex"));
      String expected = (String) v.get("expected_key_hex");
      Profile profile = Profile.STRICT;
      if (v.containsKey("strict_header_validation")) {
        // A cryptographically valid block that X9.143 does not allow: strict refuses it.
        lenientOnly++;
        profile = Profile.LENIENT;
        try {
          KeyBlocks.unwrap(kbpk, block, Profile.STRICT).destroy();
          failures.add(id + ": strict profile accepted " + v.get("strict_header_validation"));
        } catch (Tr31Exception expectedRejection) {
          // as it should
        }
      } else {
        strictRun++;
      }
      try (UnwrappedKey key = KeyBlocks.unwrap(kbpk, block, profile)) {
        String got = Hex.encode(key.keyBytes());
        if (!got.equals(expected)) {
          failures.add(id + ": key " + got + " != " + expected);
        }
      } catch (Tr31Exception e) {
        failures.add(id + ": " + e.getMessage());
      }
    }
    assertEquals(List.of(), failures);
    assertEquals(33, strictRun + lenientOnly);
    assertEquals(7, lenientOnly);
  }

  @Test
  void versionD_validVectorsWithPadding_wrapRebuildsThemByteForByte() throws Exception {
    List<String> failures = new ArrayList<>();
    int rebuilt = 0;
    for (Map<String, Object> v : VECTORS) {
      if (!"D".equals(v.get("version"))
          || !"valid".equals(v.get("expect"))
          || !v.containsKey("padding_hex")
          || v.containsKey("strict_header_validation")) {
        continue;
      }
      String id = (String) v.get("id");
      String block = (String) v.get("key_block");
      byte[] key = hex(v.get("expected_key_hex"));
      byte[] padding = hex(v.get("padding_hex"));
      int exactPadding = Math.floorMod(-(2 + key.length), 16);
      KeyLengthPolicy policy =
          padding.length == exactPadding ? KeyLengthPolicy.EXACT : KeyLengthPolicy.OBFUSCATED;
      KeyBlockHeader header = KeyBlockHeader.parse(block, Profile.STRICT);
      KeyBlockProtectionKey kbpk =
          KeyBlockProtectionKey.prepare(
              io.tr31.header.KeyAlgorithm.AES, hex(v.get("kbpk_hex")), new FixedRandom(padding));
      try {
        String wrapped =
            kbpk.wrap(header, key, WrapOptions.builder().keyLengthPolicy(policy).build());
        if (!wrapped.equals(block)) {
          failures.add(id + ": wrap gave " + wrapped);
        }
        rebuilt++;
      } catch (Tr31Exception e) {
        failures.add(id + ": " + e.getMessage());
      } finally {
        kbpk.destroy();
      }
    }
    assertEquals(List.of(), failures);
    assertEquals(26, rebuilt);
  }

  @Test
  void versionD_invalidVectors_rejectedWithTheExpectedCode() throws Exception {
    List<String> failures = new ArrayList<>();
    int run = 0;
    for (Map<String, Object> v : VECTORS) {
      if (!"D".equals(v.get("version")) || "valid".equals(v.get("expect"))) {
        continue;
      }
      run++;
      String id = (String) v.get("id");
      String reason = (String) v.get("expect");
      ErrorCode expected = expectedCode(reason);
      try {
        KeyBlocks.unwrap(hex(v.get("kbpk_hex")), (String) v.get("key_block"), Profile.STRICT)
            .destroy();
        failures.add(id + ": accepted, expected " + reason);
      } catch (Tr31Exception e) {
        if (e.code() != expected) {
          failures.add(id + ": " + e.code() + " but expected " + expected + " for " + reason);
        }
      }
    }
    assertEquals(List.of(), failures);
    assertEquals(12, run);
  }

  /** Maps the vector file's reason text to our code; every reason seen must be mapped. */
  private static ErrorCode expectedCode(String reason) {
    if (reason.contains("MAC verification fails") || reason.contains("decrypted key length")) {
      return ErrorCode.VERIFICATION_FAILED;
    }
    if (reason.contains("length field")) {
      return ErrorCode.LENGTH_MISMATCH;
    }
    if (reason.contains("non-hex")) {
      return ErrorCode.INVALID_HEX;
    }
    if (reason.contains("KBPK length")) {
      return ErrorCode.INVALID_KBPK_LENGTH;
    }
    if (reason.contains("MAC field too short")
        || reason.contains("is empty")
        || reason.contains("not a multiple of 16")) {
      return ErrorCode.INVALID_PAYLOAD_LENGTH;
    }
    throw new AssertionError("unmapped reason: " + reason);
  }

  @Test
  void otherVersions_unwrapSaysUnsupportedNotVerificationFailed() throws Exception {
    int run = 0;
    List<String> failures = new ArrayList<>();
    for (Map<String, Object> v : VECTORS) {
      String version = (String) v.get("version");
      if ("D".equals(version) || !"valid".equals(v.get("expect"))) {
        continue;
      }
      run++;
      try {
        KeyBlocks.unwrap(hex(v.get("kbpk_hex")), (String) v.get("key_block"), Profile.LENIENT)
            .destroy();
        failures.add(v.get("id") + ": unexpectedly unwrapped");
      } catch (Tr31Exception e) {
        if (e.code() != ErrorCode.UNSUPPORTED_VERSION) {
          failures.add(v.get("id") + ": " + e.getMessage());
        }
      }
    }
    assertEquals(List.of(), failures);
    assertTrue(run == 42, "ran " + run);
  }
}
