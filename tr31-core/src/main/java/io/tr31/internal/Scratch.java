/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

/**
 * Per-thread buffers for the hot paths (a key block's header and payload side by side, MAC
 * blocks), so that they allocate nothing; tied to no key. {@link #take()} hands the thread's
 * scratch to the caller until it calls {@link #give()} in a {@code finally}; a nested {@code
 * take()} meanwhile gets a fresh one, so no code sees another's buffers. {@code give()} wipes
 * everything: at rest a scratch holds zeros. Never shared between threads.
 */
final class Scratch {
  /** Bytes of {@link #data}: a whole version B or D key block's header and payload fit. */
  static final int DATA_BYTES = 512;

  private static final ThreadLocal<Scratch> MINE = ThreadLocal.withInitial(Scratch::new);

  final byte[] data = new byte[DATA_BYTES];
  /** Two TDES blocks, then two AES blocks: exact lengths, for {@code MessageDigest.isEqual}. */
  private final byte[][] blocks = {new byte[8], new byte[8], new byte[16], new byte[16]};
  private boolean out;

  /** The calling thread's scratch, or a fresh one while the thread's is out. */
  static Scratch take() {
    Scratch s = MINE.get();
    if (s.out) {
      return new Scratch();
    }
    s.out = true;
    return s;
  }

  /** Block {@code i} (0 or 1) of {@code size} bytes (8 or 16). */
  byte[] block(int i, int size) {
    return blocks[(size == 16 ? 2 : 0) + i];
  }

  /** Wipes every buffer and returns the scratch to its thread. */
  void give() {
    Bytes.wipe(data);
    Bytes.wipe(blocks);
    out = false;
  }
}
