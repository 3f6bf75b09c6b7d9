/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import io.tr31.internal.Bytes;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * An in-memory output stream for secret bytes (the gzip path's plaintext, compressed or not). Where
 * {@code ByteArrayOutputStream} drops every array it outgrows and keeps the last one, this one
 * wipes an array as soon as it has copied it into a larger one, {@link #take()} hands the bytes
 * over without a copy when the buffer is exactly full, and {@link #wipe()} (for a {@code finally})
 * wipes what it still holds. Bytes past the written count are always zero. Not thread-safe.
 */
final class WipingBuffer extends OutputStream {
  /** The largest array every JVM allocates (as in {@code ByteArrayOutputStream}). */
  private static final int MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

  private static final byte[] EMPTY = new byte[0];

  private byte[] buf;
  private int count;

  /**
   * An empty stream.
   *
   * @param capacityBytes the initial capacity: the expected size when it is known, so that neither
   *     growth nor {@link #take()} copies
   */
  WipingBuffer(int capacityBytes) {
    buf = new byte[capacityBytes];
  }

  @Override
  public void write(int b) {
    ensure(1);
    buf[count++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) {
    if ((off | len) < 0 || len > b.length - off) {
      throw new IndexOutOfBoundsException("range [" + off + ", " + off + "+" + len + ")");
    }
    ensure(len);
    System.arraycopy(b, off, buf, count, len);
    count += len;
  }

  /**
   * The bytes written, in an array of exactly that length that the caller now owns (and wipes): the
   * buffer itself when it is full, otherwise a copy, the buffer then wiped. The stream is empty
   * afterwards.
   */
  byte[] take() {
    byte[] out = buf;
    if (count != buf.length) {
      out = Arrays.copyOf(buf, count);
      Bytes.wipe(buf, 0, count);
    }
    buf = EMPTY;
    count = 0;
    return out;
  }

  /** Wipes what was written and empties the stream (the capacity stays); idempotent. */
  void wipe() {
    Bytes.wipe(buf, 0, count);
    count = 0;
  }

  /** Makes room for {@code len} more bytes: a copy into a larger array, then the old one wiped. */
  private void ensure(int len) {
    if (len <= buf.length - count) {
      return;
    }
    long need = (long) count + len;
    if (need > MAX_ARRAY_BYTES) {
      throw new OutOfMemoryError("more than " + MAX_ARRAY_BYTES + " bytes");
    }
    byte[] grown = new byte[(int) Math.min(MAX_ARRAY_BYTES, Math.max(need, 2L * buf.length))];
    System.arraycopy(buf, 0, grown, 0, count);
    Bytes.wipe(buf, 0, count);
    buf = grown;
  }
}
