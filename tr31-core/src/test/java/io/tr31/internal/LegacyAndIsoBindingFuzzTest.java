/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Arbitrary header, ciphertext and MAC bytes into {@code open()} of the variant binding (A, C,
 * {@code 0}) and the ISO 20038 binding (E): only the documented checked exceptions may come out,
 * and whatever the fuzzer seals must open to itself.
 */
class LegacyAndIsoBindingFuzzTest {
  private static byte[] padded(byte[] b, int n) {
    return Arrays.copyOf(b, n);
  }

  @FuzzTest(maxDuration = "15m")
  void variantOpen_arbitraryBytes_throwsOnlyDocumentedCheckedExceptions(FuzzedDataProvider data) {
    int kbpkLength = data.pickValue(new int[] {8, 16, 24});
    VariantBinding binding = VariantBinding.of(padded(data.consumeBytes(kbpkLength), kbpkLength));
    byte[] header = padded(data.consumeBytes(64), data.consumeInt(8, 64));
    byte[] mac = data.consumeBytes(data.consumeInt(0, 8));
    byte[] ct = data.consumeRemainingAsBytes();
    // A 4-byte MAC: a random forgery verifies with probability 2^-32 (why X9.143 deprecates A
    // and C), so success is possible and not asserted against.
    SealOpen.assertOpenRefusesArbitrary(binding, header, ct, mac, true);
    if (ct.length > 0) {
      SealOpen.assertOpensItsOwn(binding, header, ct);
    }
  }

  @FuzzTest(maxDuration = "15m")
  void versionEOpen_arbitraryBytes_throwsOnlyDocumentedCheckedExceptions(FuzzedDataProvider data) {
    int kbpkLength = data.pickValue(new int[] {16, 24, 32});
    VersionEBinding binding = VersionEBinding.of(padded(data.consumeBytes(kbpkLength), kbpkLength));
    byte[] header = data.consumeBytes(data.consumeInt(0, 64));
    byte[] mac = data.consumeBytes(data.consumeInt(0, 20));
    byte[] ct = data.consumeRemainingAsBytes();
    SealOpen.assertOpenRefusesArbitrary(binding, header, ct, mac, false);
    if (ct.length > 0) {
      SealOpen.assertOpensItsOwn(binding, header, ct); // ISO 20038: no padding, any length
    }
  }
}
