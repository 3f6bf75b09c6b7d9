/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tr31.ErrorCode;
import io.tr31.Tr31Exception;
import io.tr31.internal.Hex;
import io.tr31.internal.Lifecycle;
import io.tr31.testing.Vectors;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * C2SP Wycheproof (testvectors_v1, commit in src/test/resources/vectors/wycheproof/SOURCE.txt)
 * through the primitives the envelope uses: {@link AesCbc} and {@link HmacSha256} / {@link
 * PayloadProtector}.
 */
class EnvelopeWycheproofTest {

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> tests(Map<String, Object> file, List<Long> sizes) {
    List<Map<String, Object>> all = new ArrayList<>();
    for (Object g : (List<Object>) file.get("testGroups")) {
      Map<String, Object> group = (Map<String, Object>) g;
      for (Object t : (List<Object>) group.get("tests")) {
        all.add((Map<String, Object>) t);
        sizes.add((Long) group.getOrDefault("tagSize", 0L));
      }
    }
    return all;
  }

  private static byte[] hex(Object s) throws Exception {
    String h = ((String) s).toUpperCase(Locale.ROOT);
    return Hex.decode(h, 0, h.length(), false);
  }

  @Test
  void aesCbcPkcs5_everyVector_matchesTheExpectedResult() throws Exception {
    Map<String, Object> file = Vectors.loadMap("wycheproof/aes_cbc_pkcs5_test.json");
    List<Map<String, Object>> tests = tests(file, new ArrayList<>());
    List<String> failures = new ArrayList<>();
    int valid = 0;
    int invalid = 0;
    for (Map<String, Object> t : tests) {
      Object id = t.get("tcId");
      AesCbc key = new AesCbc(hex(t.get("key")), new Lifecycle("test"));
      byte[] iv = hex(t.get("iv"));
      byte[] msg = hex(t.get("msg"));
      byte[] ct = hex(t.get("ct"));
      if ("valid".equals(t.get("result"))) {
        valid++;
        if (!Arrays.equals(ct, key.encrypt(iv, msg, 0, msg.length))) {
          failures.add(id + ": encrypt");
        }
        if (!Arrays.equals(msg, key.decrypt(iv, ct))) {
          failures.add(id + ": decrypt");
        }
      } else {
        invalid++;
        try {
          key.decrypt(iv, ct);
          failures.add(id + ": invalid ciphertext accepted");
        } catch (Tr31Exception e) {
          ErrorCode want =
              ct.length == 0 ? ErrorCode.ENVELOPE_CIPHERTEXT_LENGTH : ErrorCode.ENVELOPE_PADDING;
          if (e.code() != want) {
            failures.add(id + ": " + e.code());
          }
        }
      }
    }
    assertEquals(List.of(), failures);
    assertEquals(216, tests.size());
    assertEquals(((Long) file.get("numberOfTests")).intValue(), tests.size());
    assertEquals(72, valid);
    assertEquals(144, invalid);
  }

  @Test
  void hmacSha256_everyVector_matchesTheExpectedResult() throws Exception {
    Map<String, Object> file = Vectors.loadMap("wycheproof/hmac_sha256_test.json");
    List<Long> tagBits = new ArrayList<>();
    List<Map<String, Object>> tests = tests(file, tagBits);
    List<String> failures = new ArrayList<>();
    int viaProtector = 0;
    for (int i = 0; i < tests.size(); i++) {
      Map<String, Object> t = tests.get(i);
      byte[] key = hex(t.get("key"));
      byte[] msg = hex(t.get("msg"));
      byte[] tag = hex(t.get("tag"));
      boolean valid = "valid".equals(t.get("result"));
      byte[] full = new HmacSha256(key, new Lifecycle("test")).compute(msg, 0, msg.length);
      byte[] truncated = Arrays.copyOf(full, (int) (tagBits.get(i) / 8));
      if (MessageDigest.isEqual(truncated, tag) != valid) {
        failures.add(t.get("tcId") + ": primitive");
      }
      if (tagBits.get(i) == 256 && key.length >= PayloadProtector.MIN_MAC_KEY_BYTES) {
        viaProtector++;
        PayloadProtector mac = PayloadProtector.create(new byte[32], key);
        try {
          mac.verify(msg, Hex.encode(tag));
          if (!valid) {
            failures.add(t.get("tcId") + ": PayloadProtector accepted an invalid tag");
          }
        } catch (Tr31Exception e) {
          if (valid || e.code() != ErrorCode.ENVELOPE_MAC_MISMATCH) {
            failures.add(t.get("tcId") + ": PayloadProtector " + e.code());
          }
        }
        if (valid && !mac.sign(msg).equals(Hex.encode(tag))) {
          failures.add(t.get("tcId") + ": PayloadProtector sign");
        }
      }
    }
    assertEquals(List.of(), failures);
    assertEquals(174, tests.size());
    assertEquals(((Long) file.get("numberOfTests")).intValue(), tests.size());
    assertEquals(87, viaProtector, "full-tag vectors through PayloadProtector");
  }
}
