/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.pin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tr31.Tr31Exception;
import io.tr31.internal.Hex;
import io.tr31.testing.FixedRandom;
import io.tr31.testing.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Known answers from published ISO 9564-1 examples and public test suites ({@code
 * vectors/pin_vectors.json}, sources per entry in the file and in {@code PROVENANCE.md}), through
 * the public API with keys from key blocks. Failures are collected and asserted empty; the count of
 * vectors run is asserted so that a shrunk file cannot pass.
 */
class PinBlockVectorsTest {
  private static final Map<String, Object> FILE = Vectors.loadMap("pin_vectors.json");

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(String name) {
    return (List<Map<String, Object>>) FILE.get(name);
  }

  /** The published or oracle-enciphered block: BouncyCastle enciphers {@code clear_block}. */
  private static byte[] pinBlock(Map<String, Object> v, PinFormat format, List<String> failures) {
    byte[] key = PinTestKeys.hex((String) v.get("key"));
    if (!v.containsKey("clear_block")) {
      return PinTestKeys.hex((String) v.get("pin_block"));
    }
    byte[] oracle =
        PinTestKeys.ecb(format.aes(), true, key, PinTestKeys.hex((String) v.get("clear_block")));
    if (v.containsKey("pin_block") && !Hex.encode(oracle).equals(v.get("pin_block"))) {
      failures.add(v.get("id") + ": BouncyCastle disagrees with the recorded block");
    }
    return oracle;
  }

  private static PinKey key(Map<String, Object> v, PinFormat format, String random)
      throws Exception {
    return PinTestKeys.pinKey(
        format.aes() ? 'A' : 'T',
        'B',
        (String) v.get("key"),
        new FixedRandom(random == null ? new byte[0] : PinTestKeys.hex(random)));
  }

  @Test
  void everyValidVector_deciphersToItsPin_andEnciphersToItsBlockWhereTheFillIsKnown()
      throws Exception {
    List<String> failures = new ArrayList<>();
    int enciphered = 0;
    for (Map<String, Object> v : list("valid")) {
      PinFormat format = PinTestKeys.format((Long) v.get("format"));
      String pan = (String) v.get("pan");
      byte[] block = pinBlock(v, format, failures);
      try (PinKey key = key(v, format, (String) v.get("random"))) {
        String pin = new String(key.decipher(format, block, pan));
        if (!pin.equals(v.get("pin"))) {
          failures.add(v.get("id") + ": deciphered another PIN");
        }
        if (v.get("direction").equals("both")) {
          enciphered++;
          byte[] mine = key.encipher(format, ((String) v.get("pin")).toCharArray(), pan);
          if (!Hex.encode(mine).equals(Hex.encode(block))) {
            failures.add(v.get("id") + ": enciphered " + Hex.encode(mine));
          }
        }
      } catch (Tr31Exception e) {
        failures.add(v.get("id") + ": " + e.code());
      }
    }
    assertEquals(List.of(), failures);
    assertEquals(14, list("valid").size(), "valid vectors");
    assertEquals(10, enciphered, "vectors run in both directions");
  }

  @Test
  void everyInvalidVector_isRefusedWithItsCode() throws Exception {
    List<String> failures = new ArrayList<>();
    for (Map<String, Object> v : list("invalid")) {
      PinFormat format = PinTestKeys.format((Long) v.get("format"));
      byte[] block = pinBlock(v, format, failures);
      try (PinKey key = key(v, format, null)) {
        Tr31Exception e =
            assertThrows(
                Tr31Exception.class, () -> key.decipher(format, block, (String) v.get("pan")));
        if (!e.code().name().equals(v.get("error"))) {
          failures.add(v.get("id") + ": " + e.code());
        }
      }
    }
    assertEquals(List.of(), failures);
    assertEquals(16, list("invalid").size(), "invalid vectors");
  }

  @Test
  void everyFormat4FieldVector_isWhatTheEncoderBuilds() {
    List<String> failures = new ArrayList<>();
    for (Map<String, Object> v : list("fields")) {
      String got;
      if (v.get("kind").equals("pan_field_4")) {
        got = panField((String) v.get("pan"));
      } else {
        char[] digits = digits((String) v.get("pin"));
        got =
            Hex.encode(
                ClearBlocks.encode(
                    PinFormat.ISO_4,
                    digits,
                    new FixedRandom(PinTestKeys.hex((String) v.get("random")))));
      }
      if (!got.equals(v.get("value"))) {
        failures.add(v.get("id") + ": " + got);
      }
    }
    assertEquals(List.of(), failures);
    assertEquals(6, list("fields").size(), "field vectors");
  }

  @Test
  void format4PinFieldOfTheX924Example_decodesBackToItsPin() {
    byte[] field = PinTestKeys.hex("441234AAAAAAAAAA548ED7FD65495950");
    assertEquals("1234", new String(ClearBlocks.decode(PinFormat.ISO_4, field, 0)));
    field[6] ^= 1;
    assertTrue(ClearBlocks.decode(PinFormat.ISO_4, field, 0) == null, "fill A checked");
  }

  private static String panField(String pan) {
    try {
      return Hex.encode(
          PinTestKeys.panField(PinFormat.ISO_4, pan));
    } catch (Tr31Exception e) {
      throw new AssertionError(e);
    }
  }

  private static char[] digits(String pin) {
    try {
      ClearBlocks.checkPin(pin.toCharArray());
      return pin.toCharArray();
    } catch (Tr31Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void format0ClearBlockOfTheWikipediaExample_isBuiltFromPinAndPanFields() throws Exception {
    byte[] clear = ClearBlocks.encode(PinFormat.ISO_0, digits("1234"), new FixedRandom(new byte[0]));
    byte[] pan =
        PinTestKeys.panField(
            PinFormat.ISO_0, "43219876543210987");
    assertEquals("041234FFFFFFFFFF", Hex.encode(clear));
    assertEquals("0000987654321098", Hex.encode(pan));
    for (int i = 0; i < 8; i++) {
      clear[i] ^= pan[i];
    }
    assertArrayEquals(PinTestKeys.hex("0412AC89ABCDEF67"), clear);
  }
}
