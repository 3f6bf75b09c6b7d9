/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import io.tr31.ErrorCode;
import io.tr31.Tr31FormatException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Checks the chunk sequence of a {@code TR31-DATA-CHUNKED} body (src/docs/ENVELOPE.md, the chunk
 * table and "What an unauthenticated open does not protect against"): indices 0, 1, 2, ... in
 * order, no repeated IV, the count, every chunk but the last full, and the lengths adding up to
 * {@code total_length}. Checks run as early as the fields already parsed allow, and completely in
 * {@link #finishStructure} and {@link #finishPlaintext}.
 */
final class ChunkTracker {
  private final ParsedEnvelope env;
  private final Set<ByteBuffer> ivs = new HashSet<>();
  private int[] ctLengths = new int[16];
  private int[] ptLengths = new int[16];
  private int count;
  private int decrypted;

  ChunkTracker(ParsedEnvelope env) {
    this.env = env;
  }

  /** Called for each chunk as parsed, before it is decrypted. */
  void check(long index, byte[] iv, int ciphertextBytes, long offset) throws Tr31FormatException {
    if (index < count) {
      throw new Tr31FormatException(ErrorCode.ENVELOPE_CHUNK_DUPLICATE, offset, "index " + index);
    }
    if (index > count) {
      throw new Tr31FormatException(ErrorCode.ENVELOPE_CHUNK_ORDER, offset, "index " + index);
    }
    if (env.chunkCount != ParsedEnvelope.UNSET && index >= env.chunkCount) {
      throw new Tr31FormatException(ErrorCode.ENVELOPE_CHUNK_COUNT, offset, "extra chunk");
    }
    if (!ivs.add(ByteBuffer.wrap(iv.clone()))) {
      throw new Tr31FormatException(ErrorCode.ENVELOPE_CHUNK_DUPLICATE, offset, "repeated IV");
    }
    if (env.chunkSize != ParsedEnvelope.UNSET) {
      int full = AesCbc.ciphertextLength((int) env.chunkSize);
      // Whether an earlier short chunk was the last is only known at the end: finishStructure
      // reports a count mismatch first, which names the likelier fault (an extra chunk).
      if (ciphertextBytes > full) {
        throw new Tr31FormatException(ErrorCode.ENVELOPE_CHUNK_LENGTH, offset, null);
      }
    }
    if (count == ctLengths.length) {
      ctLengths = Arrays.copyOf(ctLengths, count * 2);
    }
    ctLengths[count++] = ciphertextBytes;
  }

  /** Called with each chunk's plaintext length, in order, after decryption. */
  void plaintext(int plaintextBytes) {
    if (decrypted == ptLengths.length) {
      ptLengths = Arrays.copyOf(ptLengths, decrypted * 2);
    }
    ptLengths[decrypted++] = plaintextBytes;
  }

  /** The complete public checks, once every field has been parsed. */
  void finishStructure() throws Tr31FormatException {
    long end = env.endOffset;
    if (count == 0 || count != env.chunkCount) {
      throw new Tr31FormatException(ErrorCode.ENVELOPE_CHUNK_COUNT, end, "missing or extra chunk");
    }
    long size = env.chunkSize;
    // Division without the overflow of (total + size - 1) / size: total is untrusted.
    long needed = Math.max(1, env.totalLength / size + (env.totalLength % size == 0 ? 0 : 1));
    if (needed != env.chunkCount) {
      throw new Tr31FormatException(ErrorCode.ENVELOPE_CHUNK_COUNT, end, "count vs total_length");
    }
    int full = AesCbc.ciphertextLength((int) size);
    long ciphertextSum = 0;
    for (int i = 0; i < count; i++) {
      if (ctLengths[i] > full || (i < count - 1 && ctLengths[i] != full)) {
        throw new Tr31FormatException(ErrorCode.ENVELOPE_CHUNK_LENGTH, end, "chunk " + i);
      }
      ciphertextSum += ctLengths[i];
    }
    // PKCS#7 adds 1..16 bytes per chunk, so the plaintext of the chunks present is between these
    // bounds; checked before decryption (a wrong total_length never reaches the padding check), it
    // also bounds what a reader allocates for total_length by the body size.
    if (env.totalLength > ciphertextSum - count
        || env.totalLength < ciphertextSum - (long) AesCbc.BLOCK_BYTES * count) {
      throw new Tr31FormatException(ErrorCode.ENVELOPE_TOTAL_LENGTH, end);
    }
  }

  /** The checks on decrypted lengths (after a verified MAC they only catch a faulty sender). */
  void finishPlaintext() throws Tr31FormatException {
    long sum = 0;
    for (int i = 0; i < decrypted; i++) {
      int n = ptLengths[i];
      boolean last = i == decrypted - 1;
      if (last ? n > env.chunkSize || (n == 0 && decrypted > 1) : n != env.chunkSize) {
        throw new Tr31FormatException(ErrorCode.ENVELOPE_CHUNK_LENGTH, env.endOffset, "chunk " + i);
      }
      sum += n;
    }
    if (sum != env.totalLength) {
      throw new Tr31FormatException(ErrorCode.ENVELOPE_TOTAL_LENGTH, env.endOffset, null);
    }
  }
}
