/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tr31.Tr31Exception;
import io.tr31.internal.Hex;
import io.tr31.testing.Vectors;

/**
 * Coverage-guided differential fuzzing of the strict unwrap fast path against the reference path
 * ({@link UnwrapFastPathProperties#agree}): any text, ASCII or not, under an AES KBPK (version D
 * seeds, TR-31:2018 A.7.4) or a TDES KBPK (version B seeds, TR-31:2018 A.7.2.1's KBPK) must get the
 * same key, header and warnings, or the same exception class, code, offset and message. The last
 * input byte chooses the KBPK.
 */
class UnwrapFastPathFuzzTest {
  private static final KeyBlockProtectionKey AES = prepare(false);
  private static final KeyBlockProtectionKey TDES = prepare(true);

  private static KeyBlockProtectionKey prepare(boolean tdes) {
    try {
      return tdes
          ? KeyBlockProtectionKey.tdes(Hex.decode("89E88CF7931444F334BD7547FC3F380C"))
          : KeyBlockProtectionKey.aes(
              Hex.decode((String) Vectors.keyBlockVector("TR31-008").get("kbpk_hex")));
    } catch (Tr31Exception e) {
      throw new AssertionError(e);
    }
  }

  @FuzzTest(maxDuration = "15m")
  void unwrapFastPath_anyInput_answersAsTheReferencePath(FuzzedDataProvider data) {
    KeyBlockProtectionKey kbpk = data.consumeBoolean() ? TDES : AES;
    UnwrapFastPathProperties.agree(kbpk, data.consumeRemainingAsString());
  }
}
