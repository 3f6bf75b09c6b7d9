package io.tr31.header;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31FormatException;
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
  void keyVersion_valueClass() throws Exception {
    assertEquals("00", KeyVersion.none().code());
    assertFalse(KeyVersion.none().isComponent());
    assertEquals("c2", KeyVersion.component(2).code());
    assertEquals(KeyVersion.component(2), KeyVersion.of("c2"));
    assertEquals(KeyVersion.of("A1"), KeyVersion.parse("A1", 9));
    assertThrows(IllegalArgumentException.class, () -> KeyVersion.component(0));
    assertThrows(IllegalArgumentException.class, () -> KeyVersion.of("#1"));
    assertThrows(IllegalStateException.class, () -> KeyVersion.of("A1").componentNumber());
    Tr31FormatException e =
        assertThrows(Tr31FormatException.class, () -> KeyVersion.parse("1 ", 9));
    assertEquals(ErrorCode.INVALID_KEY_VERSION, e.code());
  }
}
