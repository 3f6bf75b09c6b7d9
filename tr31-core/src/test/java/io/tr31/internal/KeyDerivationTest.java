/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tr31.testing.Vectors;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyDerivationTest {
  private static byte[] hex(Object s) throws Exception {
    return Hex.decode((String) s);
  }

  @Test
  void derive_everyPublishedDerivationVector_givesExactKbekAndKbak() throws Exception {
    int variant = 0;
    int tdes = 0;
    int aesCbc = 0;
    int aesCtr = 0;
    for (Map<String, Object> v : Vectors.loadList("tr31_derivation_vectors.json")) {
      String method = (String) v.get("method");
      byte[] kbpk = hex(v.get("kbpk_hex"));
      byte[] kbek;
      byte[] kbak;
      if (method.startsWith("variant")) {
        kbek = KeyDerivation.variant(kbpk, KeyDerivation.VARIANT_KBEK_MASK);
        kbak = KeyDerivation.variant(kbpk, KeyDerivation.VARIANT_KBAK_MASK);
        variant++;
      } else if (method.startsWith("TDES CMAC derivation (B)")) {
        Cmac prf = Cmac.tdes(kbpk);
        kbek = KeyDerivation.derive(prf, KeyDerivation.Purpose.ENCRYPTION_CBC);
        kbak = KeyDerivation.derive(prf, KeyDerivation.Purpose.AUTHENTICATION);
        tdes++;
      } else if (method.startsWith("AES CMAC derivation (D/CBC")) {
        Cmac prf = Cmac.aes(kbpk);
        kbek = KeyDerivation.derive(prf, KeyDerivation.Purpose.ENCRYPTION_CBC);
        kbak = KeyDerivation.derive(prf, KeyDerivation.Purpose.AUTHENTICATION);
        aesCbc++;
      } else if (method.startsWith("AES CMAC derivation (E/CTR")) {
        Cmac prf = Cmac.aes(kbpk);
        kbek = KeyDerivation.derive(prf, KeyDerivation.Purpose.ENCRYPTION_CTR);
        kbak = KeyDerivation.derive(prf, KeyDerivation.Purpose.AUTHENTICATION);
        aesCtr++;
      } else {
        throw new AssertionError("unknown derivation method " + method);
      }
      assertEquals(v.get("kbek_hex"), Hex.encode(kbek), v.get("source") + " KBEK");
      assertEquals(v.get("kbak_hex"), Hex.encode(kbak), v.get("source") + " KBAK");
    }
    assertEquals(3, variant);
    assertEquals(5, tdes);
    assertEquals(5, aesCbc);
    assertEquals(1, aesCtr);
  }

  @Test
  void derive_aes192_keepsSixteenPlusLeftmostEightBytes() throws Exception {
    // AES-192 needs two PRF blocks; the second is truncated to its leftmost 8 bytes.
    byte[] kbpk = hex("00112233445566778899AABBCCDDEEFF0011223344556677");
    Cmac prf = Cmac.aes(kbpk);
    byte[] input2 = hex("0200000000030" + "0C0");
    byte[] second = prf.mac(input2);
    byte[] kbek = KeyDerivation.derive(prf, KeyDerivation.Purpose.ENCRYPTION_CBC);
    assertEquals(24, kbek.length);
    assertEquals(Hex.encode(second, 0, 8), Hex.encode(kbek, 16, 8));
  }

  @Test
  void purposeCodes_areTheKeyUsageFieldsOfTheDerivationInput() {
    // TR-31:2018 A.3.2 and ISO 20038 6.3: 0000 CBC encryption, 0001 MAC, 0002 CTR encryption.
    assertEquals(0x0000, KeyDerivation.Purpose.ENCRYPTION_CBC.code());
    assertEquals(0x0001, KeyDerivation.Purpose.AUTHENTICATION.code());
    assertEquals(0x0002, KeyDerivation.Purpose.ENCRYPTION_CTR.code());
  }
}
