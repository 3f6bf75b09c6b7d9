/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

/**
 * Writes the seed corpus of {@link KeySetJsonFuzzTest} (run by hand from the module directory: the
 * seeds are deterministic, issued with a seeded random at the seed page's issue time).
 */
final class KeySetFuzzSeeds {
  private KeySetFuzzSeeds() {}

  public static void main(String[] args) throws Exception {
    Path dir =
        Paths.get(
            "src/test/resources/io/tr31/terminal/KeySetJsonFuzzTestInputs/"
                + "install_anyBody_installsOrThrowsTr31Exception");
    Files.createDirectories(dir);
    try (IssuedKeySet set = KeySets.seedExample(1)) {
      String json = set.json();
      KeySetResponse r = set.response();
      write(dir, "valid", json);
      write(
          dir,
          "swapped_msk_tdk",
          KeySets.withBlocks(
                  r, Map.of(Slot.MSK, r.keyBlock(Slot.TDK), Slot.TDK, r.keyBlock(Slot.MSK)))
              .toJson());
      String kcv = r.kcv(Slot.MAC).hex();
      write(dir, "altered_kcv", json.replace("\"mac\":\"" + kcv + "\"", "\"mac\":\"000000\""));
      write(
          dir,
          "duplicate_key",
          json.replace(
              "\"key_id\":\"kek-2025-01\"", "\"key_id\":\"kek-2025-01\",\"key_id\":\"x\""));
      write(dir, "empty_object", "{}");
    }
  }

  private static void write(Path dir, String name, String content) throws Exception {
    Files.write(dir.resolve(name), content.getBytes(StandardCharsets.UTF_8));
  }
}
