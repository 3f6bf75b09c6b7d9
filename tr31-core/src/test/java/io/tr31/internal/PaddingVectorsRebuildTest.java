/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tr31.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every vector of {@code tr31_vectors.json} with {@code padding_hex} (75, every version, those the
 * strict profile refuses included) is rebuilt byte for byte by the binding from its header as
 * received, {@code key_length_bits_field}, the key and the recovered padding. The public wrap
 * rebuilds the strict ones too ({@code KeyBlockProtectionKeyVectorsTest}); this covers the rest,
 * whose headers wrap refuses to write.
 */
class PaddingVectorsRebuildTest {
  private static Binding bindingFor(String version, byte[] kbpk) {
    switch (version) {
      case "A":
      case "C":
        return VariantBinding.of(kbpk);
      case "B":
        return KeyDerivationBinding.versionB(kbpk);
      case "D":
        return KeyDerivationBinding.versionD(kbpk);
      case "E":
        return VersionEBinding.of(kbpk);
      default:
        throw new AssertionError(version);
    }
  }

  @Test
  void seal_everyVectorWithPadding_rebuildsItByteForByte() throws Exception {
    List<String> failures = new ArrayList<>();
    Map<String, Integer> run = new TreeMap<>();
    for (Map<String, Object> v : Vectors.loadList("tr31_vectors.json")) {
      if (!v.containsKey("padding_hex")) {
        continue;
      }
      String version = (String) v.get("version");
      run.merge(version, 1, Integer::sum);
      String block = (String) v.get("key_block");
      int headerLength = BindingVectors.headerLength(block);
      byte[] key = Hex.decode((String) v.get("expected_key_hex"));
      byte[] padding = Hex.decode((String) v.get("padding_hex"));
      int bits = ((Number) v.get("key_length_bits_field")).intValue();
      byte[] payload = new byte[2 + key.length + padding.length];
      payload[0] = (byte) (bits >>> 8);
      payload[1] = (byte) bits;
      System.arraycopy(key, 0, payload, 2, key.length);
      System.arraycopy(padding, 0, payload, 2 + key.length, padding.length);
      Binding binding = bindingFor(version, Hex.decode((String) v.get("kbpk_hex")));
      String header = block.substring(0, headerLength);
      byte[] sealed = binding.seal(header.getBytes(StandardCharsets.US_ASCII), payload);
      // Hex case is not part of the bytes: a lower-case sample is the same block.
      if (!block.substring(headerLength).equalsIgnoreCase(Hex.encode(sealed))) {
        failures.add(v.get("id") + ": " + header + Hex.encode(sealed));
      }
      binding.destroy();
    }
    assertEquals(List.of(), failures);
    assertEquals(Map.of("A", 9, "B", 23, "C", 8, "D", 33, "E", 2), run);
  }
}
