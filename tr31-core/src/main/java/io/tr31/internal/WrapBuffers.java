/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

/**
 * Per-thread buffers for writing one key block, so that a wrap allocates nothing but the {@code
 * String} it returns: the key block text being built, the plaintext payload and the padding.
 * {@link #take()} lends the thread's buffers until {@link #give()} in a {@code finally}; a nested
 * {@code take()} meanwhile (a caller's padding source that wraps from inside {@code nextBytes})
 * gets fresh ones. Requests beyond the sizes below get fresh exact arrays, treated the same way.
 *
 * <h2>Security</h2>
 *
 * The payload (key length, key, padding) and the padding are secret: {@link #give()} wipes what
 * was lent, so at rest they hold zeros. The text holds only what the key block publishes (header,
 * hex of ciphertext and MAC) and is not wiped. Never shared between threads.
 */
public final class WrapBuffers {
  /** Key block characters served from the thread's buffer (a version B/D block of 144-200). */
  static final int TEXT_BYTES = 512;

  /** Payload bytes served from the thread's buffer. */
  static final int PAYLOAD_BYTES = 256;

  /** Padding arrays (exact lengths, as {@code SecureRandom.nextBytes} fills whole arrays) kept. */
  static final int MAX_KEPT_PADDING = 64;

  private static final ThreadLocal<WrapBuffers> MINE = ThreadLocal.withInitial(WrapBuffers::new);

  private final byte[] text = new byte[TEXT_BYTES];
  private final byte[] payload = new byte[PAYLOAD_BYTES];
  private final byte[][] paddings = new byte[MAX_KEPT_PADDING + 1][];
  private byte[] payloadLent;
  private int payloadUsed;
  private byte[] paddingLent;
  private boolean out;

  private WrapBuffers() {}

  /** The calling thread's buffers, or fresh ones while the thread's are lent. */
  public static WrapBuffers take() {
    WrapBuffers b = MINE.get();
    if (b.out) {
      return new WrapBuffers();
    }
    b.out = true;
    return b;
  }

  /**
   * An array of at least {@code chars} bytes for the key block text (public data only).
   *
   * @param chars the key block length
   * @return the thread's text buffer or, when longer, a fresh array of exactly {@code chars}
   */
  public byte[] text(int chars) {
    return chars <= TEXT_BYTES ? text : new byte[chars];
  }

  /**
   * An array of at least {@code bytes} bytes for the plaintext payload, wiped by {@link #give()}
   * from 0 to {@code bytes}; one payload per lending.
   *
   * @param bytes the payload length
   * @return the thread's payload buffer or, when longer, a fresh array of exactly {@code bytes}
   */
  public byte[] payload(int bytes) {
    wipePayload();
    payloadLent = bytes <= PAYLOAD_BYTES ? payload : new byte[bytes];
    payloadUsed = bytes;
    return payloadLent;
  }

  /**
   * An array of exactly {@code bytes} bytes for the padding, wiped by {@link #give()}; one padding
   * per lending.
   *
   * @param bytes the padding length, 0 or more
   * @return a kept array of that length, or a fresh one above {@link #MAX_KEPT_PADDING}
   */
  public byte[] padding(int bytes) {
    wipePadding();
    if (bytes > MAX_KEPT_PADDING) {
      paddingLent = new byte[bytes];
    } else {
      if (paddings[bytes] == null) {
        paddings[bytes] = new byte[bytes];
      }
      paddingLent = paddings[bytes];
    }
    return paddingLent;
  }

  /** Wipes the payload and padding lent; returns the buffers to the thread. */
  public void give() {
    wipePayload();
    wipePadding();
    out = false;
  }

  private void wipePadding() {
    if (paddingLent != null) {
      Bytes.wipe(paddingLent, 0, paddingLent.length);
      paddingLent = null;
    }
  }

  private void wipePayload() {
    if (payloadLent != null) {
      Bytes.wipe(payloadLent, 0, Math.min(payloadUsed, payloadLent.length));
      payloadLent = null;
    }
  }
}
