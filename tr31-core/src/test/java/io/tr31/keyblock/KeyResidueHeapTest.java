/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tr31.Profile;
import io.tr31.testing.HeapSearch;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Review of session 5: after an AES KBPK wrapped and unwrapped an AES key with both check value
 * blocks, and key and KBPK were destroyed, a dump of the whole heap (unreachable objects included)
 * holds neither key: SunJCE's AES zeroes the schedule and key copy it replaces when re-keyed, and
 * the library wipes its own copies (SECURITY.md, "Key handling and the JVM's limits"). A find
 * names a copy left behind; a miss may also mean the garbage collector reused the memory.
 */
class KeyResidueHeapTest {
  @Test
  void aesWrapUnwrapAndKcvs_leaveNeitherTheKeyNorTheKbpkInTheHeap() throws Exception {
    SecureRandom random = new SecureRandom();
    byte[] kbpkBytes = new byte[32];
    byte[] keyBytes = new byte[32];
    random.nextBytes(kbpkBytes);
    random.nextBytes(keyBytes);
    HeapSearch kbpkSecret = HeapSearch.mask(kbpkBytes, 0, 32);
    HeapSearch keySecret = HeapSearch.mask(keyBytes, 0, 32);
    KeyBlockProtectionKey kbpk = KeyBlockProtectionKey.aes(kbpkBytes);
    Arrays.fill(kbpkBytes, (byte) 0);
    try {
      KeyBlockHeader header = KeyBlockHeader.parse("D0000D0AB00N0000", Profile.STRICT);
      WrapOptions options =
          WrapOptions.builder().keyKcv(KcvMethod.CMAC).kbpkKcv(KcvMethod.LEGACY).build();
      String block = kbpk.wrap(header, keyBytes, options);
      Arrays.fill(keyBytes, (byte) 0);
      try (UnwrappedKey key = kbpk.unwrap(block)) {
        key.kcv(KcvMethod.LEGACY);
      }
    } finally {
      kbpk.destroy();
    }
    assertEquals(0, keySecret.holds(), "copies of the wrapped key");
    assertEquals(0, kbpkSecret.holds(), "copies of the KBPK");
  }
}
