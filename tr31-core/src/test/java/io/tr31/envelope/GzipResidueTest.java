/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tr31.testing.HeapSearch;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Review of session 5, finding 2: with gzip, {@code Gzip.compress} and {@code Gzip.decompress}
 * (and the streaming open's {@code compressed}) collect the payload in a {@code
 * ByteArrayOutputStream}, whose internal array (and every smaller one it outgrew) is dropped
 * unwiped; for incompressible data DEFLATE stores it verbatim. The test seals and opens a random
 * payload, wipes its own copies and searches a heap dump for the payload's first 32 bytes. The
 * control without gzip finds nothing, so what the gzip case finds is the gzip path's. Disabled
 * because it fails on the code as it is (remove the annotation to see it fail).
 */
class GzipResidueTest {
  @Disabled("finding 2: Gzip's ByteArrayOutputStreams keep the payload unwiped")
  @Test
  void gzipSealAndOpen_leaveNoCopyOfThePayloadInTheHeap() throws Exception {
    assertEquals(0, copiesLeftAfterSealAndOpen(TestKeys.GZIP), "copies of the payload left");
  }

  @Test
  void sealAndOpenWithoutGzip_leaveNoCopyOfThePayloadInTheHeap() throws Exception {
    assertEquals(0, copiesLeftAfterSealAndOpen(EnvelopeOptions.DEFAULTS), "the probe's control");
  }

  private static int copiesLeftAfterSealAndOpen(EnvelopeOptions options) throws Exception {
    byte[] payload = new byte[4096];
    new SecureRandom().nextBytes(payload); // incompressible: DEFLATE stores it as it is
    HeapSearch secret = HeapSearch.mask(payload, 0, 32);
    try (PayloadProtector p = TestKeys.keys()) {
      SealedPayload sealed = p.seal(payload, options);
      Arrays.fill(payload, (byte) 0);
      byte[] back = p.open(sealed.body().getBytes(StandardCharsets.ISO_8859_1),
          sealed.signature(), options);
      Arrays.fill(back, (byte) 0);
    }
    return secret.holds();
  }
}
