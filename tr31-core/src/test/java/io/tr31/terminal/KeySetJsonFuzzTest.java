/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tr31.Tr31Exception;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Any byte string as a key set response: the parser and the installer either succeed or throw
 * {@link Tr31Exception}, never anything else; a response that parses re-serialises to a body that
 * parses to the same response, and an installed set always matches what parsing read. Seeds (issued
 * with a seeded random, {@code KeySetJsonFuzzTestInputs/}): a valid set, a set with two blocks
 * swapped, an altered KCV, a duplicate key, an empty object.
 */
class KeySetJsonFuzzTest {
  private static final KeySetInstaller INSTALLER = KeySets.installer();

  @Test
  void validSeed_installs_soTheCorpusReachesTheSuccessPath() throws Exception {
    try (InputStream in =
        KeySetJsonFuzzTest.class.getResourceAsStream(
            "KeySetJsonFuzzTestInputs/install_anyBody_installsOrThrowsTr31Exception/valid")) {
      INSTALLER.install(in.readAllBytes()).destroy();
    }
  }

  @FuzzTest(maxDuration = "15m")
  void install_anyBody_installsOrThrowsTr31Exception(byte[] body) {
    if (body == null) {
      return;
    }
    KeySetResponse parsed;
    try {
      parsed = KeySetResponse.parse(body);
    } catch (Tr31Exception e) {
      return;
    }
    String json = parsed.toJson();
    try {
      assertEquals(json, KeySetResponse.parse(json).toJson());
    } catch (Tr31Exception e) {
      throw new AssertionError("a re-serialised response must parse: " + e.getMessage(), e);
    }
    try (InstalledKeySet keys = INSTALLER.install(body)) {
      assertEquals(parsed.keySetId(), keys.keySetId());
      for (Slot s : Slot.values()) {
        assertEquals(parsed.keyId(s), keys.keyId(s));
        assertEquals(parsed.kcv(s), keys.kcv(s));
      }
      assertEquals(parsed.kcv(Slot.TPK), KeySetKcv.compute(keys.tpk().keyBytes()));
      assertEquals(parsed.kcv(Slot.TDK), KeySetKcv.compute(keys.tdk().keyBytes()));
    } catch (Tr31Exception e) {
      // refused: fine
    }
  }
}
