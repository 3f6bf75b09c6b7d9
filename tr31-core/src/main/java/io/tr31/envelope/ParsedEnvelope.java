/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

/** The public fields of a parsed envelope, before any decryption. */
final class ParsedEnvelope {
  /** A numeric field not (yet) parsed: every parsed value is at least 0. */
  static final long UNSET = -1;

  boolean chunked;
  byte[] iv;
  byte[] ciphertext;
  long chunkSize = UNSET;
  long chunkCount = UNSET;
  long totalLength = UNSET;
  long chunksOffset = UNSET;
  long endOffset = UNSET;
}
