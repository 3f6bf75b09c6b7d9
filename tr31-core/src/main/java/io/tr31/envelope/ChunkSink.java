/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import io.tr31.Tr31FormatException;
import io.tr31.Tr31VerificationException;
import java.io.IOException;

/** Receives each chunk of a {@code TR31-DATA-CHUNKED} body as the parser reads it. */
interface ChunkSink {
  /**
   * One chunk whose index, IV length and ciphertext length the parser has already checked.
   *
   * @param offset the chunk object's offset in the body
   */
  void chunk(long index, byte[] iv, byte[] ciphertext, long offset)
      throws Tr31FormatException, Tr31VerificationException, IOException;
}
