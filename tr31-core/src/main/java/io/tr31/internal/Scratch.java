/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

/**
 * Per-thread buffers for the hot paths (a key block's header and payload side by side, MAC blocks),
 * so that they allocate nothing; tied to no key. {@link #take()} hands the thread's scratch to the
 * caller until it calls {@link #give()} in a {@code finally}; a nested {@code take()} meanwhile
 * gets a fresh one, so no code sees another's buffers. The owner declares how much of a buffer it
 * writes; {@code give()} wipes that: at rest a scratch holds zeros. Never shared between threads.
 * Public for the key block layer's unwrap fast path, which opens a block in its caller's scratch
 * ({@link Binding#openText}); the package is not exported.
 */
public final class Scratch {
  /** Bytes of {@link #data} and {@link #sink}: a version B or D key block's header and payload. */
  public static final int DATA_BYTES = 512;

  /**
   * Characters of {@link #chars}: the hex text of a payload of {@link #DATA_BYTES} and a MAC. It
   * only ever holds PUBLIC text (hex of ciphertext and MACs), so it is not wiped.
   */
  static final int CHARS = 2 * DATA_BYTES + 64;

  private static final ThreadLocal<Scratch> MINE = ThreadLocal.withInitial(Scratch::new);

  private final byte[] data = new byte[DATA_BYTES];
  private final byte[] sink = new byte[DATA_BYTES];
  private final char[] chars = new char[CHARS];

  /** Two TDES blocks, then two AES blocks: exact lengths, for {@code MessageDigest.isEqual}. */
  private final byte[][] blocks = {new byte[8], new byte[8], new byte[16], new byte[16]};

  private int dataUsed;
  private int sinkUsed;
  private int blocksUsed; // bit i: blocks[i] was handed out
  private boolean out;

  /** The calling thread's scratch, or a fresh one while the thread's is out. */
  public static Scratch take() {
    Scratch s = MINE.get();
    if (s.out) {
      return new Scratch();
    }
    s.out = true;
    return s;
  }

  /** The main buffer, of which the caller writes at most the first {@code bytes}. */
  public byte[] data(int bytes) {
    dataUsed = Math.max(dataUsed, Math.min(bytes, DATA_BYTES));
    return data;
  }

  /** Where a cipher writes what it reads from {@link #data} (the JDK copies overlapping input). */
  byte[] sink(int bytes) {
    sinkUsed = Math.max(sinkUsed, Math.min(bytes, DATA_BYTES));
    return sink;
  }

  /** The buffer for public hex text ({@link #CHARS} characters), never wiped. */
  char[] chars() {
    return chars;
  }

  /** Block {@code i} (0 or 1) of {@code size} bytes (8 or 16). */
  byte[] block(int i, int size) {
    int k = (size == 16 ? 2 : 0) + i;
    blocksUsed |= 1 << k;
    return blocks[k];
  }

  /**
   * Wipes what the owner declared it used, and every block handed out; returns the scratch to its
   * thread.
   */
  public void give() {
    Bytes.wipe(data, 0, dataUsed);
    Bytes.wipe(sink, 0, sinkUsed);
    for (int k = 0; blocksUsed != 0; k++, blocksUsed >>>= 1) {
      if ((blocksUsed & 1) != 0) {
        Bytes.wipe(blocks[k]);
      }
    }
    out = false;
    dataUsed = sinkUsed = 0;
  }
}
