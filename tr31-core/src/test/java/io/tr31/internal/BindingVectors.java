/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tr31.testing.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Test-only split of the valid key blocks of one version in tr31_vectors.json. */
final class BindingVectors {
  private BindingVectors() {}

  /** One valid block split into header, ciphertext and MAC. */
  static final class Block {
    final String id;
    final byte[] kbpk;
    final byte[] header;
    final byte[] ciphertext;
    final byte[] mac;
    final String expectedKeyHex;

    Block(Map<String, Object> v, int macHexLength) throws Exception {
      id = (String) v.get("id");
      String kb = (String) v.get("key_block");
      kbpk = Hex.decode((String) v.get("kbpk_hex"));
      int headerLength = headerLength(kb);
      header = kb.substring(0, headerLength).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      int macStart = kb.length() - macHexLength;
      ciphertext = Hex.decode(kb, headerLength, macStart, true);
      mac = Hex.decode(kb, macStart, kb.length(), true);
      expectedKeyHex = (String) v.get("expected_key_hex");
    }
  }

  /** Every vector of {@code version} marked valid; its MAC is the last {@code macHexLength}. */
  static List<Block> valid(String version, int macHexLength) throws Exception {
    List<Block> out = new ArrayList<>();
    for (Map<String, Object> v : Vectors.loadList("tr31_vectors.json")) {
      if (version.equals(v.get("version")) && "valid".equals(v.get("expect"))) {
        out.add(new Block(v, macHexLength));
      }
    }
    return out;
  }

  /**
   * Length of fixed header plus optional blocks (X9.143 6.3): ID(2) LEN(2 hex); LEN "00" means
   * extended: LL(2 hex, number of hex digits) then the length in LL hex digits.
   */
  static int headerLength(String kb) {
    int count = Integer.parseInt(kb.substring(12, 14));
    int pos = 16;
    for (int i = 0; i < count; i++) {
      int len = Integer.parseInt(kb.substring(pos + 2, pos + 4), 16);
      if (len == 0) {
        int digits = Integer.parseInt(kb.substring(pos + 4, pos + 6), 16);
        len = Integer.parseInt(kb.substring(pos + 6, pos + 6 + digits), 16);
      }
      pos += len;
    }
    return pos;
  }

  /**
   * Opens every block with the binding {@code prepare} makes of its KBPK and asserts the expected
   * key; returns how many ran (the caller asserts the count).
   */
  static int assertEachOpens(List<Block> blocks, Function<byte[], Binding> prepare)
      throws Exception {
    for (Block b : blocks) {
      byte[] payload = prepare.apply(b.kbpk).open(b.header, b.ciphertext, b.mac);
      assertEquals(b.expectedKeyHex, keyHex(payload), b.id);
    }
    return blocks.size();
  }

  /**
   * Opens every block, seals the recovered payload (key and its original padding) again and asserts
   * the same ciphertext and MAC; returns how many ran.
   */
  static int assertEachReseals(List<Block> blocks, Function<byte[], Binding> prepare)
      throws Exception {
    for (Block b : blocks) {
      Binding binding = prepare.apply(b.kbpk);
      byte[] payload = binding.open(b.header, b.ciphertext, b.mac);
      byte[] sealed = binding.seal(b.header, payload);
      assertArrayEquals(b.ciphertext, Arrays.copyOf(sealed, payload.length), b.id);
      assertArrayEquals(b.mac, Arrays.copyOfRange(sealed, payload.length, sealed.length), b.id);
    }
    return blocks.size();
  }

  /** The key in a verified payload: length in bits (2 bytes) then the key. */
  static String keyHex(byte[] payload) {
    int bits = ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
    return Hex.encode(payload, 2, bits / 8);
  }
}
