/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

class VersionDBindingFuzzTest {
  /**
   * Arbitrary header, ciphertext and MAC bytes into open(): the only exceptions allowed are the
   * documented checked ones (verification failure; format failure for a ciphertext that is not a
   * positive multiple of 16 bytes or a MAC that is not 16 bytes). Also seals the fuzzed data as a
   * payload and requires open to return it.
   */
  /** consumeBytes may return fewer bytes near the end of the input; pad to the wanted length. */
  private static byte[] padded(byte[] b, int n) {
    return Arrays.copyOf(b, n);
  }

  @FuzzTest(maxDuration = "15m")
  void open_arbitraryBytes_throwsOnlyDocumentedCheckedExceptions(FuzzedDataProvider data) {
    int kbpkLength = data.pickValue(new int[] {16, 24, 32});
    KeyDerivationBinding binding =
        KeyDerivationBinding.versionD(padded(data.consumeBytes(kbpkLength), kbpkLength));
    byte[] header = data.consumeBytes(data.consumeInt(0, 64));
    byte[] mac = data.consumeBytes(data.consumeInt(0, 20));
    byte[] ct = data.consumeRemainingAsBytes();
    SealOpen.assertOpenRefusesArbitrary(binding, header, ct, mac, false);
    if (ct.length > 0) {
      SealOpen.assertOpensItsOwn(binding, header, ct);
    }
  }
}
