/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.testing.Vectors;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CmacTest {
  private static byte[] hex(String s) throws Exception {
    return Hex.decode(s, 0, s.length(), true);
  }

  // RFC 4493 section 4 (= NIST SP 800-38B D.1), AES-128 key 2b7e1516...
  private static final String RFC4493_KEY = "2B7E151628AED2A6ABF7158809CF4F3C";
  private static final String RFC4493_MSG =
      "6BC1BEE22E409F96E93D7E117393172AAE2D8A571E03AC9C9EB76FAC45AF8E51"
          + "30C81C46A35CE411E5FBC1191A0A52EFF69F2445DF4F9B17AD2B417BE66C3710";

  @Test
  void mac_rfc4493Examples_matchPublishedTags() throws Exception {
    Cmac cmac = Cmac.aes(hex(RFC4493_KEY));
    byte[] msg = hex(RFC4493_MSG);
    String[][] cases = {
      {"0", "BB1D6929E95937287FA37D129B756746"},
      {"16", "070A16B46B4D4144F79BDD9DD04A287C"},
      {"40", "DFA66747DE9AE63030CA32611497C827"},
      {"64", "51F0BEBF7E3B9D92FC49741779363CFE"},
    };
    for (String[] c : cases) {
      int n = Integer.parseInt(c[0]);
      assertEquals(c[1], Hex.encode(cmac.mac(msg, 0, n, msg, 0, 0)), "length " + n);
    }
  }

  @Test
  void mac_everySplitOfTwoRanges_equalsOneRange() throws Exception {
    byte[] msg = new byte[1100];
    for (int i = 0; i < msg.length; i++) {
      msg[i] = (byte) (i * 7 + 3);
    }
    for (BlockCipher.Algorithm alg : BlockCipher.Algorithm.values()) {
      Cmac cmac = Cmac.of(alg, hex("000102030405060708090A0B0C0D0E0F"));
      for (int len : new int[] {0, 1, 7, 8, 9, 15, 16, 17, 33, 48, 520, 1100}) {
        byte[] whole = cmac.mac(msg, 0, len, msg, 0, 0);
        for (int split = 0; split <= len; split++) {
          byte[] parts = cmac.mac(msg, 0, split, msg, split, len - split);
          assertArrayEquals(whole, parts, alg + " length " + len + " split " + split);
        }
      }
    }
  }

  @Test
  void mac_wycheproofAesCmac_allPass() throws Exception {
    Map<String, Object> file = Vectors.loadMap("wycheproof/aes_cmac_test.json");
    List<String> failures = new ArrayList<>();
    int run = 0;
    for (Object g : (List<?>) file.get("testGroups")) {
      Map<?, ?> group = (Map<?, ?>) g;
      int tagBytes = ((Number) group.get("tagSize")).intValue() / 8;
      for (Object t : (List<?>) group.get("tests")) {
        Map<?, ?> test = (Map<?, ?>) t;
        run++;
        String id = "tcId " + test.get("tcId");
        byte[] key = hex((String) test.get("key"));
        byte[] msg = hex((String) test.get("msg"));
        byte[] tag = hex((String) test.get("tag"));
        boolean valid = "valid".equals(test.get("result"));
        Cmac cmac;
        try {
          cmac = Cmac.aes(key);
        } catch (IllegalArgumentException e) {
          if (valid || !((List<?>) test.get("flags")).contains("InvalidKeySize")) {
            failures.add(id + ": key of " + key.length + " bytes rejected");
          }
          continue;
        }
        byte[] full = cmac.mac(msg);
        byte[] computed = java.util.Arrays.copyOf(full, tagBytes);
        boolean match = MessageDigest.isEqual(computed, tag);
        if (match != valid) {
          failures.add(id + ": expected " + test.get("result"));
        }
      }
    }
    assertEquals(List.of(), failures);
    assertEquals(((Number) file.get("numberOfTests")).intValue(), run);
    assertEquals(311, run);
  }

  @Test
  void mac_nistTdesCmacVectors_matchPublishedTags() throws Exception {
    int run = 0;
    for (Map<String, Object> v : Vectors.loadList("tdes_cmac_vectors.json")) {
      assertEquals("TDES", v.get("algorithm"));
      Cmac cmac = Cmac.tdes(hex((String) v.get("key_hex")));
      assertEquals(v.get("tag_hex"), Hex.encode(cmac.mac(hex((String) v.get("msg_hex")))));
      run++;
    }
    assertEquals(8, run);
  }

  @Test
  void constructor_badKeyLengths_throwIllegalArgument() {
    assertThrows(IllegalArgumentException.class, () -> Cmac.aes(new byte[20]));
    assertThrows(IllegalArgumentException.class, () -> Cmac.tdes(new byte[8]));
    assertThrows(IllegalArgumentException.class, () -> Cmac.tdes(new byte[32]));
  }

  @Test
  void destroy_thenMac_throwsIllegalState() throws Exception {
    Cmac cmac = Cmac.aes(hex(RFC4493_KEY));
    assertFalse(cmac.isDestroyed());
    cmac.destroy();
    cmac.destroy();
    assertTrue(cmac.isDestroyed());
    assertThrows(IllegalStateException.class, () -> cmac.mac(new byte[1]));
  }

  @Test
  void toString_showsAlgorithmNotKey() throws Exception {
    Cmac cmac = Cmac.aes(hex(RFC4493_KEY));
    assertEquals("Cmac[AES-128, destroyed=false]", cmac.toString());
    assertEquals("Cmac[TDES-128, destroyed=false]", Cmac.tdes(new byte[16]).toString());
  }

  @Test
  void mac_concurrentThreads_agree() throws Exception {
    Cmac cmac = Cmac.aes(hex(RFC4493_KEY));
    byte[] msg = hex(RFC4493_MSG);
    List<Thread> threads = new ArrayList<>();
    List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < 4; t++) {
      Thread th =
          new Thread(
              () -> {
                for (int i = 0; i < 2000; i++) {
                  if (!"51F0BEBF7E3B9D92FC49741779363CFE".equals(Hex.encode(cmac.mac(msg)))) {
                    errors.add("mismatch");
                  }
                }
              });
      threads.add(th);
      th.start();
    }
    for (Thread th : threads) {
      th.join();
    }
    assertEquals(List.of(), errors);
  }

  @Test
  void destroy_destroysTheOwnedCipherAndRefusesEveryOperation() throws Exception {
    BlockCipher cipher = BlockCipher.aes(hex(RFC4493_KEY));
    Cmac cmac = new Cmac(cipher);
    assertEquals(16, cmac.keyLengthBytes());
    assertEquals(BlockCipher.Algorithm.AES, cmac.algorithm());
    cmac.destroy();
    assertTrue(cipher.isDestroyed());
    Scratch s = Scratch.take();
    try {
      assertThrows(IllegalStateException.class, () -> cmac.macAligned(s, 16, new byte[16], 0));
    } finally {
      s.give();
    }
  }

  @Test
  void macAligned_onlyWholeBlocksThatFitTheScratch_equalsTheTwoRangeMac() throws Exception {
    Cmac aes = Cmac.aes(hex(RFC4493_KEY));
    Cmac tdes = Cmac.tdes(hex(RFC4493_KEY));
    Scratch s = Scratch.take();
    try {
      for (int len : new int[] {0, 8, 15, 17, Scratch.DATA_BYTES + 16}) {
        assertThrows(
            RuntimeException.class, () -> aes.macAligned(s, len, new byte[16], 0), "length " + len);
      }
      assertThrows(IllegalArgumentException.class, () -> tdes.macAligned(s, 12, new byte[8], 0));
      for (Cmac cmac : new Cmac[] {aes, tdes}) {
        for (int len : new int[] {16, 256, Scratch.DATA_BYTES}) {
          byte[] msg = new byte[len];
          for (int i = 0; i < msg.length; i++) {
            msg[i] = (byte) i;
          }
          System.arraycopy(msg, 0, s.data(len), 0, len);
          byte[] tag = new byte[cmac.macLengthBytes()];
          cmac.macAligned(s, len, tag, 0);
          assertArrayEquals(cmac.mac(msg), tag, "length " + len);
        }
      }
    } finally {
      s.give();
    }
  }
}
