/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.Tr31FormatException;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.ErrorCode;
import io.tr31.Tr31PolicyException;
import io.tr31.Tr31VerificationException;
import io.tr31.internal.Hex;
import io.tr31.testing.Vectors;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyCheckValueTest {
  @Test
  void compute_everyPublishedKcv_matches() throws Exception {
    int run = 0;
    for (Map<String, Object> v : Vectors.loadList("kcv_vectors.json")) {
      KeyAlgorithm algorithm = KeyAlgorithm.valueOf((String) v.get("algorithm"));
      KcvMethod method;
      switch ((String) v.get("method")) {
        case "legacy-zeros":
          method = KcvMethod.LEGACY;
          break;
        case "cmac":
          method = KcvMethod.CMAC;
          break;
        default:
          throw new AssertionError("unknown KCV method " + v.get("method"));
      }
      byte[] key = Hex.decode((String) v.get("key_hex"));
      int length = ((Number) v.get("kcv_bytes")).intValue();
      KeyCheckValue kcv = KeyCheckValue.compute(algorithm, key, method, length);
      assertEquals(v.get("kcv_hex"), kcv.hex(), (String) v.get("source"));
      assertTrue(KeyCheckValue.parseHex(method, (String) v.get("kcv_hex")).matches(algorithm, key));
      run++;
    }
    assertEquals(27, run);
  }

  // openemv/tr31 test6 (TR-31:2018 A.7.4 key): AES CMAC KCV 08793E25AB (5 bytes).
  private static final String AES_KEY = "3F419E1CB7079442AA37474C2EFBF8B8";

  @Test
  void matches_shorterExpectedKcv_comparesPrefix() throws Exception {
    byte[] key = Hex.decode(AES_KEY);
    KeyCheckValue aws = KeyCheckValue.parseHex(KcvMethod.CMAC, "08793E");
    KeyCheckValue full = KeyCheckValue.compute(KeyAlgorithm.AES, key, KcvMethod.CMAC, 5);
    assertEquals("08793E25AB", full.hex());
    assertTrue(aws.matches(KeyAlgorithm.AES, key));
    assertTrue(aws.matches(full));
    assertTrue(full.matches(aws));
    assertFalse(KeyCheckValue.parseHex(KcvMethod.CMAC, "08793F").matches(full));
    assertFalse(KeyCheckValue.parseHex(KcvMethod.LEGACY, "08793E").matches(full));
    assertNotEquals(aws, full);
  }

  @Test
  void verify_wrongKey_throwsVerificationWithTheKcvMismatchCode() throws Exception {
    KeyCheckValue kcv = KeyCheckValue.parseHex(KcvMethod.CMAC, "08793E25AB");
    kcv.verify(KeyAlgorithm.AES, Hex.decode(AES_KEY));
    Tr31VerificationException e =
        assertThrows(
            Tr31VerificationException.class, () -> kcv.verify(KeyAlgorithm.AES, new byte[16]));
    // Issue 13: a KCV mismatch says so, not "key block verification failed".
    assertEquals(io.tr31.ErrorCode.KCV_MISMATCH, e.code());
    assertTrue(e.getMessage().contains("key check value does not match"), e.getMessage());
  }

  @Test
  void compute_lengthOutOfRange_throwsIllegalArgument() {
    byte[] key = new byte[16];
    assertThrows(
        IllegalArgumentException.class,
        () -> KeyCheckValue.compute(KeyAlgorithm.AES, key, KcvMethod.LEGACY, 4));
    assertThrows(
        IllegalArgumentException.class,
        () -> KeyCheckValue.compute(KeyAlgorithm.AES, key, KcvMethod.CMAC, 6));
    assertThrows(
        IllegalArgumentException.class,
        () -> KeyCheckValue.compute(KeyAlgorithm.TDES, key, KcvMethod.CMAC, 0));
    assertThrows(IllegalArgumentException.class, () -> KeyCheckValue.of(KcvMethod.LEGACY, key));
  }

  @Test
  void compute_keyLengthNotAllowedForAlgorithm_throwsCheckedInvalidKeyLength() {
    for (int n : new int[] {0, 8, 15, 17, 20, 33}) {
      io.tr31.Tr31FormatException e =
          assertThrows(
              io.tr31.Tr31FormatException.class,
              () -> KeyCheckValue.compute(KeyAlgorithm.AES, new byte[n], KcvMethod.CMAC, 3));
      org.junit.jupiter.api.Assertions.assertEquals(io.tr31.ErrorCode.INVALID_KEY_LENGTH, e.code());
    }
  }

  @Test
  void compute_hmacOrAsymmetric_throwsUnsupported() {
    for (KeyAlgorithm a :
        new KeyAlgorithm[] {
          KeyAlgorithm.HMAC, KeyAlgorithm.RSA, KeyAlgorithm.EC, KeyAlgorithm.DSA
        }) {
      Tr31PolicyException e =
          assertThrows(
              Tr31PolicyException.class,
              () -> KeyCheckValue.compute(a, new byte[16], KcvMethod.CMAC, 3));
      assertEquals(ErrorCode.UNSUPPORTED_OPERATION, e.code());
    }
  }

  @Test
  void compute_singleDesKey_equalsTdesWithRepeatedKey() throws Exception {
    byte[] des = Hex.decode("0123456789ABCDEF");
    byte[] tdes = Hex.decode("0123456789ABCDEF0123456789ABCDEF");
    assertEquals(
        KeyCheckValue.compute(KeyAlgorithm.TDES, tdes, KcvMethod.LEGACY, 3),
        KeyCheckValue.compute(KeyAlgorithm.DES, des, KcvMethod.LEGACY, 3));
    // FIPS 81 / common DES known answer: E_K(0) for K = 0123456789ABCDEF starts D5D44FF7.
    assertEquals("D5D44F", KeyCheckValue.compute(KeyAlgorithm.DES, des, KcvMethod.LEGACY, 3).hex());
  }

  @Test
  void valueType_isImmutableAndPrintsMethodAndHex() throws Exception {
    byte[] b = Hex.decode("5C9405");
    KeyCheckValue kcv = KeyCheckValue.of(KcvMethod.LEGACY, b);
    b[0] = 0;
    kcv.bytes()[1] = 0;
    assertEquals("5C9405", kcv.hex());
    assertEquals(3, kcv.lengthBytes());
    assertEquals(KcvMethod.LEGACY, kcv.method());
    assertEquals(kcv, KeyCheckValue.parseHex(KcvMethod.LEGACY, "5C9405"));
    assertEquals(kcv.hashCode(), KeyCheckValue.parseHex(KcvMethod.LEGACY, "5C9405").hashCode());
  }

  @Test
  void matches_shortPrefixes_needAtLeastTwoBytes() throws Exception {
    KeyCheckValue full = KeyCheckValue.compute(KeyAlgorithm.AES, new byte[16], KcvMethod.CMAC, 5);
    byte[] two = java.util.Arrays.copyOf(full.bytes(), 2);
    byte[] one = java.util.Arrays.copyOf(full.bytes(), 1);
    org.junit.jupiter.api.Assertions.assertTrue(
        full.matches(KeyCheckValue.of(KcvMethod.CMAC, two)));
    org.junit.jupiter.api.Assertions.assertFalse(
        full.matches(KeyCheckValue.of(KcvMethod.CMAC, one)));
  }

  @Test
  void matchesKey_oneByteKcv_neverMatches_verifyThrows() throws Exception {
    byte[] key = new byte[16];
    KeyCheckValue full = KeyCheckValue.compute(KeyAlgorithm.AES, key, KcvMethod.CMAC, 5);
    KeyCheckValue two = KeyCheckValue.of(KcvMethod.CMAC, java.util.Arrays.copyOf(full.bytes(), 2));
    KeyCheckValue one = KeyCheckValue.of(KcvMethod.CMAC, java.util.Arrays.copyOf(full.bytes(), 1));
    org.junit.jupiter.api.Assertions.assertTrue(two.matches(KeyAlgorithm.AES, key));
    org.junit.jupiter.api.Assertions.assertFalse(one.matches(KeyAlgorithm.AES, key));
    org.junit.jupiter.api.Assertions.assertThrows(
        io.tr31.Tr31VerificationException.class, () -> one.verify(KeyAlgorithm.AES, key));
  }

  @Test
  void parseHex_oneToMaxBytesPerMethod_otherLengthsInvalidOptionalBlockData() throws Exception {
    assertEquals(1, KeyCheckValue.parseHex(KcvMethod.LEGACY, "AB").lengthBytes());
    assertEquals(3, KeyCheckValue.parseHex(KcvMethod.LEGACY, "ABCDEF").lengthBytes());
    assertEquals(1, KeyCheckValue.parseHex(KcvMethod.CMAC, "AB").lengthBytes());
    assertEquals(5, KeyCheckValue.parseHex(KcvMethod.CMAC, "0123456789").lengthBytes());
    String[][] bad = {
      {"LEGACY", ""}, {"LEGACY", "ABCDEF01"}, {"CMAC", ""}, {"CMAC", "0123456789AB"}
    };
    for (String[] b : bad) {
      io.tr31.Tr31FormatException e =
          assertThrows(
              io.tr31.Tr31FormatException.class,
              () -> KeyCheckValue.parseHex(KcvMethod.valueOf(b[0]), b[1]));
      assertEquals(ErrorCode.INVALID_OPTIONAL_BLOCK_DATA, e.code(), b[0] + " " + b[1]);
    }
  }

  @Test
  void compute_singleDesKeyOfOtherLength_throwsCheckedInvalidKeyLength() {
    for (int n : new int[] {0, 7, 9, 16, 24}) {
      io.tr31.Tr31FormatException e =
          assertThrows(
              io.tr31.Tr31FormatException.class,
              () -> KeyCheckValue.compute(KeyAlgorithm.DES, new byte[n], KcvMethod.LEGACY, 3));
      assertEquals(ErrorCode.INVALID_KEY_LENGTH, e.code(), n + " bytes");
    }
    for (int n : new int[] {8, 32}) {
      io.tr31.Tr31FormatException e =
          assertThrows(
              io.tr31.Tr31FormatException.class,
              () -> KeyCheckValue.compute(KeyAlgorithm.TDES, new byte[n], KcvMethod.LEGACY, 3));
      assertEquals(ErrorCode.INVALID_KEY_LENGTH, e.code(), n + " bytes");
    }
  }

  @Test
  void compute_leavesTheCallersKeyUnchanged() throws Exception {
    for (KeyAlgorithm a : new KeyAlgorithm[] {KeyAlgorithm.AES, KeyAlgorithm.TDES}) {
      byte[] key = Hex.decode(AES_KEY);
      for (KcvMethod m : KcvMethod.values()) {
        KeyCheckValue.compute(a, key, m, 3);
        assertEquals(AES_KEY, Hex.encode(key));
      }
    }
    byte[] des = Hex.decode("0123456789ABCDEF");
    KeyCheckValue.compute(KeyAlgorithm.DES, des, KcvMethod.CMAC, 3);
    assertEquals("0123456789ABCDEF", Hex.encode(des));
  }

  @Test
  void equals_methodAndBytesCount_hashCodeFollowsTheBytes() throws Exception {
    KeyCheckValue kcv = KeyCheckValue.parseHex(KcvMethod.CMAC, "08793E");
    assertTrue(kcv.equals(kcv));
    assertFalse(kcv.equals("08793E"));
    assertFalse(kcv.equals(null));
    assertNotEquals(kcv, KeyCheckValue.parseHex(KcvMethod.LEGACY, "08793E"));
    assertNotEquals(kcv, KeyCheckValue.parseHex(KcvMethod.CMAC, "08793F"));
    assertNotEquals(kcv, KeyCheckValue.parseHex(KcvMethod.CMAC, "08793E25"));
    assertNotEquals(kcv.hashCode(), KeyCheckValue.parseHex(KcvMethod.CMAC, "08793F").hashCode());
  }
}
