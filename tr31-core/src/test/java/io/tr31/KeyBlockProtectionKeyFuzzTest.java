package io.tr31;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.tr31.header.KeyAlgorithm;
import io.tr31.internal.Hex;
import io.tr31.testing.Vectors;

/**
 * Coverage-guided fuzzing of unwrap: any input under both profiles may only end in a checked
 * {@link Tr31Exception}; anything that unwraps must re-wrap and unwrap to the same key. The seed
 * corpus holds real version D blocks under the KBPK below (TR-31:2018 A.7.4's KBPK), so mutations
 * reach the MAC check and beyond.
 */
class KeyBlockProtectionKeyFuzzTest {
  private static final KeyBlockProtectionKey KBPK = prepare();

  private static KeyBlockProtectionKey prepare() {
    try {
      byte[] key = Hex.decode((String) Vectors.keyBlockVector("TR31-008").get("kbpk_hex"));
      return KeyBlockProtectionKey.prepare(KeyAlgorithm.AES, key);
    } catch (Tr31Exception e) {
      throw new AssertionError(e);
    }
  }

  @FuzzTest(maxDuration = "10m")
  void unwrap_anyInput_throwsOnlyCheckedExceptions(FuzzedDataProvider data) {
    String block = data.consumeRemainingAsAsciiString();
    for (Profile profile : Profile.values()) {
      try (UnwrappedKey key = KBPK.unwrap(block, profile)) {
        byte[] bytes = key.keyBytes();
        String again = KBPK.wrap(key.header(), bytes);
        try (UnwrappedKey back = KBPK.unwrap(again, Profile.STRICT)) {
          assertArrayEquals(bytes, back.keyBytes());
        } catch (Tr31Exception e) {
          throw new AssertionError("re-wrapped block does not unwrap: " + e.getMessage(), e);
        }
      } catch (Tr31Exception expected) {
        // the only way an untrusted block may fail
      }
    }
  }
}
