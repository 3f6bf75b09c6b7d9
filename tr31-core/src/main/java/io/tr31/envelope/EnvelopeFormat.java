package io.tr31.envelope;

/** The wire names of the envelope formats (src/docs/ENVELOPE.md). */
final class EnvelopeFormat {
  static final String SINGLE = "TR31-DATA";
  static final String CHUNKED = "TR31-DATA-CHUNKED";
  static final String MODE_CBC = "CBC";

  /** Largest chunk size a writer may choose or a reader accepts: 16 MiB. */
  static final int MAX_CHUNK_BYTES = 16 << 20;

  private EnvelopeFormat() {}
}
