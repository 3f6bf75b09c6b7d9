/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31FormatException;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class HeaderCodesTest {
  @Test
  void everyConstant_roundTripsThroughFromCode() throws Exception {
    for (KeyUsage u : KeyUsage.values()) {
      if (u != KeyUsage.PROPRIETARY) {
        assertEquals(u, KeyUsage.fromCode(u.code(), 5));
      }
    }
    for (ModeOfUse m : ModeOfUse.values()) {
      if (m != ModeOfUse.PROPRIETARY) {
        assertEquals(m, ModeOfUse.fromCode(m.code(), 8));
      }
    }
    for (KeyBlockVersion v : KeyBlockVersion.values()) {
      assertEquals(v, KeyBlockVersion.fromCode(v.code(), 0));
    }
    for (Exportability e : Exportability.values()) {
      assertEquals(e, Exportability.fromCode(e.code(), 11));
    }
    for (KeyContext c : KeyContext.values()) {
      assertEquals(c, KeyContext.fromCode(c.code(), 14));
    }
  }

  @Test
  void versions_haveTheStandardsSizes() {
    assertEquals(8, KeyBlockVersion.A.cipherBlockSizeBytes());
    assertEquals(4, KeyBlockVersion.A.macLengthBytes());
    assertEquals(8, KeyBlockVersion.B.macLengthBytes());
    assertEquals(4, KeyBlockVersion.C.macLengthBytes());
    assertEquals(16, KeyBlockVersion.D.macLengthBytes());
    assertEquals(16, KeyBlockVersion.E.cipherBlockSizeBytes());
    assertTrue(KeyBlockVersion.E.isAes());
    assertFalse(KeyBlockVersion.THALES_0.isAes());
    assertEquals('0', KeyBlockVersion.THALES_0.id());
  }

  @Test
  void proprietaryCodes_onlyUnderLenient() throws Exception {
    Tr31FormatException e =
        assertThrows(Tr31FormatException.class, () -> KeyUsage.fromCode("10", 5));
    assertEquals(ErrorCode.INVALID_KEY_USAGE, e.code());
    assertEquals(5, e.offset());
    assertEquals(KeyUsage.PROPRIETARY, KeyUsage.fromCode("10", 5, Profile.LENIENT));
    assertThrows(Tr31FormatException.class, () -> KeyUsage.fromCode("Z9", 5, Profile.LENIENT));
    assertEquals(ModeOfUse.PROPRIETARY, ModeOfUse.fromCode("9", 8, Profile.LENIENT));
    assertThrows(Tr31FormatException.class, () -> ModeOfUse.fromCode("9", 8));
  }

  @Test
  void proprietaryRule_digitFirst_restAlphanumeric_ofTheFieldsWidth() throws Exception {
    assertEquals(KeyUsage.PROPRIETARY, KeyUsage.fromCode("9z", 5, Profile.LENIENT));
    for (String code : new String[] {"1~", "1", "100", "", null}) {
      Tr31FormatException e =
          assertThrows(
              Tr31FormatException.class, () -> KeyUsage.fromCode(code, 5, Profile.LENIENT), code);
      assertEquals(ErrorCode.INVALID_KEY_USAGE, e.code());
      assertEquals(5, e.offset());
    }
    for (String code : new String[] {"10", "~", "", null}) {
      Tr31FormatException e =
          assertThrows(
              Tr31FormatException.class, () -> ModeOfUse.fromCode(code, 8, Profile.LENIENT), code);
      assertEquals(ErrorCode.INVALID_MODE_OF_USE, e.code());
      assertEquals(8, e.offset());
    }
  }

  @Test
  void unknownCodes_areReportedWithTheFieldsErrorAndOffset() {
    assertEquals(
        ErrorCode.INVALID_ALGORITHM,
        assertThrows(Tr31FormatException.class, () -> KeyAlgorithm.fromCode("~", 7)).code());
    assertEquals(
        ErrorCode.INVALID_VERSION,
        assertThrows(Tr31FormatException.class, () -> KeyBlockVersion.fromCode("Z", 0)).code());
    Tr31FormatException e =
        assertThrows(Tr31FormatException.class, () -> KeyContext.fromCode(null, 14));
    assertEquals(ErrorCode.INVALID_KEY_CONTEXT, e.code());
    assertEquals(14, e.offset());
    e = assertThrows(Tr31FormatException.class, () -> Exportability.fromCode("X", 11));
    assertEquals(ErrorCode.INVALID_EXPORTABILITY, e.code());
    assertEquals(11, e.offset());
  }

  @Test
  void keyVersion_valueClass() throws Exception {
    assertEquals("00", KeyVersion.none().code());
    assertFalse(KeyVersion.none().isComponent());
    assertEquals("c2", KeyVersion.component(2).code());
    assertEquals(KeyVersion.component(2), KeyVersion.of("c2"));
    assertEquals(KeyVersion.of("A1"), KeyVersion.parse("A1", 9));
    assertThrows(IllegalArgumentException.class, () -> KeyVersion.component(0));
    assertThrows(IllegalArgumentException.class, () -> KeyVersion.of("#1"));
    assertEquals(OptionalInt.empty(), KeyVersion.of("A1").componentNumber());
    Tr31FormatException e =
        assertThrows(Tr31FormatException.class, () -> KeyVersion.parse("1 ", 9));
    assertEquals(ErrorCode.INVALID_KEY_VERSION, e.code());
  }

  @Test
  void everyConstant_namesItsMeaningInTheStandardsWords() {
    for (KeyUsage u : KeyUsage.values()) {
      assertFalse(u.meaning().isBlank(), u.name());
    }
    for (ModeOfUse m : ModeOfUse.values()) {
      assertFalse(m.meaning().isBlank(), m.name());
    }
    for (KeyAlgorithm a : KeyAlgorithm.values()) {
      assertFalse(a.meaning().isBlank(), a.name());
    }
    for (KeyBlockVersion v : KeyBlockVersion.values()) {
      assertFalse(v.meaning().isBlank(), v.name());
    }
    for (Exportability e : Exportability.values()) {
      assertFalse(e.meaning().isBlank(), e.name());
    }
    for (KeyContext c : KeyContext.values()) {
      assertFalse(c.meaning().isBlank(), c.name());
    }
    assertEquals("PIN encryption", KeyUsage.PIN_ENCRYPTION.meaning());
    assertEquals("exportable under a trusted key", Exportability.EXPORTABLE.meaning());
  }

  private enum Sample {
    A("A"),
    B("B"),
    NONE(""),
    AGAIN("A");

    final String code;

    Sample(String code) {
      this.code = code;
    }
  }

  @Test
  void codeIndex_leavesOutTheEmptyCode_andRefusesADuplicate() {
    Sample[] unique = {Sample.A, Sample.B, Sample.NONE};
    Codes.Index<Sample> index = Codes.index(unique, s -> s.code);
    assertEquals(Sample.A, index.get("A"));
    assertEquals(Sample.B, index.get("B"));
    assertEquals(null, index.get(""));
    assertEquals(null, index.get(null));
    assertEquals(null, index.get("C"));
    assertEquals(null, index.get("AB"));
    assertEquals(null, index.get("\u0141")); // its low byte is 'A': no aliasing
    assertEquals(null, index.get("ABC"));
    // A duplicated code in a table is a programming error, caught when the enum is initialised.
    assertThrows(AssertionError.class, () -> Codes.index(Sample.values(), s -> s.code));
  }

  private enum Shape {
    TWO("P0"),
    LOWER("b"),
    THREE("P0X"),
    SYMBOL("*"),
    // Characters from U+0080 up have no array slot: the map holds these.
    WIDE("\u0080"),
    WIDE_SECOND("P\u0080"),
    WIDE_FIRST("\u0080P");

    final String code;

    Shape(String code) {
      this.code = code;
    }
  }

  @Test
  void codeIndex_findsCodesOfAnyShape_andOnlyThem() {
    Codes.Index<Shape> index = Codes.index(Shape.values(), l -> l.code);
    for (Shape l : Shape.values()) {
      assertEquals(l, index.get(l.code), l.name());
    }
    assertEquals(null, index.get("P1"));
    assertEquals(null, index.get("0P"));
    assertEquals(null, index.get("B"));
    assertEquals(null, index.get("P0Y"));
    assertEquals(null, index.get("+"));
    // Untrusted codes at and past the arrays' edge are unknown, never an exception.
    String[] edges = {"\u007F", "\u0081", "\uFFFF", "Q\u0080", "\u0080Q", "\u007F\u007F"};
    for (String wide : edges) {
      assertEquals(null, index.get(wide), () -> "code of " + wide.length() + " characters");
    }
  }

  @Test
  void keyLengths_perAlgorithm_andTheirSecurityStrength() {
    assertTrue(KeyAlgorithm.DES.permitsKeyLengthBytes(8));
    assertFalse(KeyAlgorithm.DES.permitsKeyLengthBytes(16));
    assertEquals(56, KeyAlgorithm.DES.securityStrengthBits(8));
    assertEquals(0, KeyAlgorithm.DES.securityStrengthBits(7));
    for (KeyAlgorithm hmac :
        new KeyAlgorithm[] {KeyAlgorithm.HMAC, KeyAlgorithm.HMAC_SHA2, KeyAlgorithm.HMAC_SHA3}) {
      assertFalse(hmac.permitsKeyLengthBytes(15), hmac.name());
      assertTrue(hmac.permitsKeyLengthBytes(16), hmac.name());
      assertEquals(128, hmac.securityStrengthBits(16), hmac.name());
      assertEquals(256, hmac.securityStrengthBits(64), hmac.name());
    }
    assertFalse(KeyAlgorithm.RSA.permitsKeyLengthBytes(0));
    assertTrue(KeyAlgorithm.RSA.permitsKeyLengthBytes(1));
    assertEquals(0, KeyAlgorithm.RSA.securityStrengthBits(256));
    assertEquals(80, KeyAlgorithm.TDES.securityStrengthBits(16));
    assertEquals(112, KeyAlgorithm.TDES.securityStrengthBits(24));
    assertEquals(192, KeyAlgorithm.AES.securityStrengthBits(24));
  }

  @Test
  void keyVersion_componentsAreC1ToC9_valueSemantics() throws Exception {
    assertTrue(KeyVersion.parse("c1", 9).isComponent());
    assertTrue(KeyVersion.parse("c9", 9).isComponent());
    assertEquals(9, KeyVersion.parse("c9", 9).componentNumber().getAsInt());
    assertFalse(KeyVersion.parse("c0", 9, Profile.LENIENT).isComponent());
    assertFalse(KeyVersion.parse("cA", 9, Profile.LENIENT).isComponent());
    assertThrows(IllegalArgumentException.class, () -> KeyVersion.of("c0"));
    assertFalse(KeyVersion.parse("C1", 9).isComponent());
    assertEquals(OptionalInt.empty(), KeyVersion.of("A7").componentNumber());
    assertEquals(KeyVersion.of("A7"), KeyVersion.parse("A7", 9));
    assertEquals(KeyVersion.of("A7").hashCode(), KeyVersion.parse("A7", 9).hashCode());
    assertFalse(KeyVersion.of("A7").equals(KeyVersion.of("A8")));
    assertFalse(KeyVersion.of("A7").equals("A7"));
    assertEquals("A7", KeyVersion.of("A7").toString());
    assertEquals(KeyVersion.none(), KeyVersion.of("00"));
  }
}
