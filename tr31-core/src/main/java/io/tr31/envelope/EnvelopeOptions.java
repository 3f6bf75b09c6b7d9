/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

/**
 * Immutable settings for sealing and opening an envelope, made with {@link #builder()}: whether the
 * inner payload is gzip, whether {@code seal} writes the chunked format, and the size limits that
 * bound memory when opening untrusted bodies.
 *
 * <pre>{@code
 * EnvelopeOptions params = EnvelopeOptions.builder().gzip().build();      // terminal-parameters
 * EnvelopeOptions big = EnvelopeOptions.builder().gzip().chunked(65536).build();
 * }</pre>
 *
 * <p>What applies where: {@code gzip} to both directions (the envelope does not say whether its
 * payload is gzip, the endpoint does); {@code chunked} to sealing only (opening recognises either
 * format from the body's {@code format} field); the limits to opening only.
 *
 * <h2>Security</h2>
 *
 * The limits are enforced before the allocation they bound: the body length is checked before any
 * MAC or parsing, Jackson's {@code StreamReadConstraints} cap every string, name, number and the
 * document, and decompression stops as soon as the output would pass the decompression limit. No
 * option relaxes a cryptographic or format check. Immutable and thread-safe.
 *
 * @since 1.0.0
 */
public final class EnvelopeOptions {
  /** Default largest accepted body: 32 MiB. */
  public static final int DEFAULT_MAX_BODY_BYTES = 32 << 20;

  /** Default largest decompressed gzip payload: 64 MiB. */
  public static final int DEFAULT_MAX_DECOMPRESSED_BYTES = 64 << 20;

  /** The largest limit either size setting accepts (a Java array's practical maximum). */
  public static final int MAX_LIMIT_BYTES = Integer.MAX_VALUE - 16;

  /** The largest chunk size a chunked seal writes and a chunked open accepts: 16 MiB. */
  public static final int MAX_CHUNK_BYTES = EnvelopeFormat.MAX_CHUNK_BYTES;

  /**
   * The defaults: raw inner payload, single {@code TR31-DATA} format, 32 MiB body limit, 64 MiB
   * decompression limit.
   */
  public static final EnvelopeOptions DEFAULTS = new Builder().build();

  private final boolean gzip;
  private final int chunkSizeBytes;
  private final int maxBodyBytes;
  private final int maxDecompressedBytes;

  private EnvelopeOptions(Builder b) {
    this.gzip = b.gzip;
    this.chunkSizeBytes = b.chunkSizeBytes;
    this.maxBodyBytes = b.maxBodyBytes;
    this.maxDecompressedBytes = b.maxDecompressedBytes;
  }

  /** {@return a new builder holding the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether the inner payload is gzip. */
  boolean gzip() {
    return gzip;
  }

  /** Plaintext bytes per chunk when sealing, or 0 for the single format. */
  int chunkSizeBytes() {
    return chunkSizeBytes;
  }

  /** The largest accepted body, in bytes. */
  int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** The largest accepted decompressed inner payload, in bytes. */
  int maxDecompressedBytes() {
    return maxDecompressedBytes;
  }

  /**
   * Builds {@link EnvelopeOptions}; each setter checks its argument at once. Not thread-safe: one
   * builder per thread (the options it builds are immutable).
   */
  public static final class Builder {
    private boolean gzip;
    private int chunkSizeBytes;
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private int maxDecompressedBytes = DEFAULT_MAX_DECOMPRESSED_BYTES;

    private Builder() {}

    /**
     * The inner payload is gzip (RFC 1952): {@code seal} compresses before encrypting, {@code open}
     * gunzips after decrypting (terminal-parameters responses).
     *
     * @return this builder
     */
    public Builder gzip() {
      this.gzip = true;
      return this;
    }

    /**
     * {@code seal} writes {@code TR31-DATA-CHUNKED} with {@code chunkSizeBytes} plaintext (after
     * gzip: compressed) bytes per chunk. Opening ignores it: the body names its format.
     *
     * @param chunkSizeBytes bytes per chunk, 1 to {@link #MAX_CHUNK_BYTES}
     * @return this builder
     * @throws IllegalArgumentException if {@code chunkSizeBytes} is out of range
     */
    public Builder chunked(int chunkSizeBytes) {
      if (chunkSizeBytes < 1 || chunkSizeBytes > MAX_CHUNK_BYTES) {
        throw new IllegalArgumentException("chunk size out of range: " + chunkSizeBytes);
      }
      this.chunkSizeBytes = chunkSizeBytes;
      return this;
    }

    /**
     * Sets the body limit of {@code open}, checked before the MAC and before any parsing.
     *
     * @param bytes the largest accepted body in bytes, 1 to {@link #MAX_LIMIT_BYTES}
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is out of range
     */
    public Builder maxBodyBytes(int bytes) {
      this.maxBodyBytes = check(bytes);
      return this;
    }

    /**
     * Sets the decompressed-size limit of {@code open}, which bounds a gzip inner payload.
     *
     * @param bytes the largest accepted decompressed payload in bytes, 1 to {@link
     *     #MAX_LIMIT_BYTES}
     * @return this builder
     * @throws IllegalArgumentException if {@code bytes} is out of range
     */
    public Builder maxDecompressedBytes(int bytes) {
      this.maxDecompressedBytes = check(bytes);
      return this;
    }

    /** {@return immutable options with the settings made so far} */
    public EnvelopeOptions build() {
      return new EnvelopeOptions(this);
    }

    private static int check(int bytes) {
      if (bytes < 1 || bytes > MAX_LIMIT_BYTES) {
        throw new IllegalArgumentException("limit out of range: " + bytes);
      }
      return bytes;
    }
  }
}
