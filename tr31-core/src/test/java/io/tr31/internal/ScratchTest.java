/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Ownership of the per-thread {@link Scratch}: one owner at a time, zero at rest. */
class ScratchTest {
  @Test
  void nestedTake_getsOtherBuffers_andTheThreadsScratchComesBackWiped() {
    Scratch outer = Scratch.take();
    Scratch nested = Scratch.take();
    assertNotSame(outer, nested);
    assertNotSame(outer.data(0), nested.data(0));
    Arrays.fill(outer.data(Scratch.DATA_BYTES), (byte) 1);
    Arrays.fill(outer.sink(100), 0, 100, (byte) 4);
    Arrays.fill(outer.block(1, 16), (byte) 2);
    Arrays.fill(nested.data(Scratch.DATA_BYTES), (byte) 3);
    nested.give();
    assertEquals(1, outer.data(0)[511], "the nested owner never touches the outer one's buffers");
    outer.give();
    Scratch again = Scratch.take();
    try {
      assertSame(outer, again);
      assertArrayEquals(new byte[Scratch.DATA_BYTES], again.data(0));
      assertArrayEquals(new byte[Scratch.DATA_BYTES], again.sink(0));
      assertArrayEquals(new byte[16], again.block(1, 16));
    } finally {
      again.give();
    }
  }

  @Test
  void give_wipesWhatTheOwnerDeclared() {
    Scratch s = Scratch.take();
    Arrays.fill(s.data(40), 0, 40, (byte) 7);
    Arrays.fill(s.sink(24), 0, 24, (byte) 9);
    s.give();
    Scratch again = Scratch.take();
    try {
      assertArrayEquals(new byte[Scratch.DATA_BYTES], again.data(0));
      assertArrayEquals(new byte[Scratch.DATA_BYTES], again.sink(0));
    } finally {
      again.give();
    }
  }

  @Test
  void blocks_haveExactLengthsAndAreDistinct() {
    Scratch s = Scratch.take();
    try {
      assertEquals(8, s.block(0, 8).length);
      assertEquals(16, s.block(1, 16).length);
      assertNotSame(s.block(0, 16), s.block(1, 16));
      assertNotSame(s.block(0, 8), s.block(1, 8));
    } finally {
      s.give();
    }
  }

  @Test
  void anotherThread_hasItsOwnScratch() throws Exception {
    Scratch mine = Scratch.take();
    AtomicReference<Scratch> theirs = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              Scratch s = Scratch.take();
              theirs.set(s);
              s.give();
            });
    t.start();
    t.join();
    mine.give();
    assertNotSame(mine, theirs.get());
  }
}
