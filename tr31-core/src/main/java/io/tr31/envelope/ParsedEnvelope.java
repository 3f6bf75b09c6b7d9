package io.tr31.envelope;

/** The public fields of a parsed envelope, before any decryption. */
final class ParsedEnvelope {
  boolean chunked;
  byte[] iv;
  byte[] ciphertext;
  long chunkSize = -1;
  long chunkCount = -1;
  long totalLength = -1;
  long chunksOffset = -1;
  long endOffset = -1;
}
