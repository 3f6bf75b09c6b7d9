/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

/**
 * Immutable settings for opening an envelope: whether the inner payload is gzip, and the size
 * limits that bound memory and refuse oversize or decompression-bomb input.
 *
 * <p>Start from {@link #defaults()} and derive: {@code OpenOptions.defaults().withGzip()}.
 *
 * <h2>Security</h2>
 *
 * The limits are enforced before the allocation they bound: the body length is checked before any
 * MAC or parsing, Jackson's {@code StreamReadConstraints} cap every string, name, number and the
 * document, and decompression stops as soon as the output would pass {@link
 * #maxDecompressedBytes()}. No option relaxes a cryptographic or format check. Immutable and
 * thread-safe.
 *
 * @since 0.1.0
 */
public final class OpenOptions {
  /** Default largest accepted body: 32 MiB. */
  public static final int DEFAULT_MAX_BODY_BYTES = 32 << 20;

  /** Default largest decompressed gzip payload: 64 MiB. */
  public static final int DEFAULT_MAX_DECOMPRESSED_BYTES = 64 << 20;

  /** The largest limit either setting accepts (a Java array's practical maximum). */
  public static final int MAX_LIMIT_BYTES = Integer.MAX_VALUE - 16;

  private static final OpenOptions DEFAULTS =
      new OpenOptions(false, DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_DECOMPRESSED_BYTES);

  private final boolean gzip;
  private final int maxBodyBytes;
  private final int maxDecompressedBytes;

  private OpenOptions(boolean gzip, int maxBodyBytes, int maxDecompressedBytes) {
    this.gzip = gzip;
    this.maxBodyBytes = maxBodyBytes;
    this.maxDecompressedBytes = maxDecompressedBytes;
  }

  /**
   * {@return the defaults: raw inner payload, 32 MiB body limit, 64 MiB decompression limit} One
   * shared instance.
   */
  public static OpenOptions defaults() {
    return DEFAULTS;
  }

  /**
   * {@return a copy that gunzips the decrypted inner payload (terminal-parameters responses)}
   */
  public OpenOptions withGzip() {
    return new OpenOptions(true, maxBodyBytes, maxDecompressedBytes);
  }

  /**
   * Sets the body limit, checked before the MAC and before any parsing.
   *
   * @param bytes the largest accepted body in bytes, 1 to {@link #MAX_LIMIT_BYTES}
   * @return a copy with that limit; this one is unchanged
   * @throws IllegalArgumentException if {@code bytes} is out of range
   */
  public OpenOptions withMaxBodyBytes(int bytes) {
    return new OpenOptions(gzip, check(bytes), maxDecompressedBytes);
  }

  /**
   * Sets the decompressed-size limit, which bounds a gzip inner payload.
   *
   * @param bytes the largest accepted decompressed payload in bytes, 1 to {@link
   *     #MAX_LIMIT_BYTES}
   * @return a copy with that limit; this one is unchanged
   * @throws IllegalArgumentException if {@code bytes} is out of range
   */
  public OpenOptions withMaxDecompressedBytes(int bytes) {
    return new OpenOptions(gzip, maxBodyBytes, check(bytes));
  }

  private static int check(int bytes) {
    if (bytes < 1 || bytes > MAX_LIMIT_BYTES) {
      throw new IllegalArgumentException("limit out of range: " + bytes);
    }
    return bytes;
  }

  /** {@return whether the decrypted inner payload is gunzipped} */
  public boolean gzip() {
    return gzip;
  }

  /** {@return the largest accepted body, in bytes} */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** {@return the largest accepted decompressed inner payload, in bytes} */
  public int maxDecompressedBytes() {
    return maxDecompressedBytes;
  }

  @Override
  public String toString() {
    return "OpenOptions[gzip="
        + gzip
        + ", maxBodyBytes="
        + maxBodyBytes
        + ", maxDecompressedBytes="
        + maxDecompressedBytes
        + "]";
  }
}
