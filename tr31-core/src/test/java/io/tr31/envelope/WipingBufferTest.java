/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The gzip path's in-memory stream: same bytes as {@code ByteArrayOutputStream}, no copy left. */
class WipingBufferTest {
  private static byte[] held(WipingBuffer b) throws ReflectiveOperationException {
    Field f = WipingBuffer.class.getDeclaredField("buf");
    f.setAccessible(true);
    return (byte[]) f.get(b);
  }

  private static void assertZero(byte[] a, String what) {
    assertArrayEquals(new byte[a.length], a, what);
  }

  @Test
  void write_pastTheCapacity_wipesTheArrayItOutgrew() throws Exception {
    WipingBuffer b = new WipingBuffer(4);
    b.write(new byte[] {1, 2, 3}, 0, 3);
    byte[] first = held(b);
    b.write(9);
    b.write(new byte[] {4, 5}, 0, 2);
    assertNotSame(first, held(b), "grown");
    assertZero(first, "the outgrown array");
    assertArrayEquals(new byte[] {1, 2, 3, 9, 4, 5}, b.take());
  }

  @Test
  void take_whenFull_handsOverTheBufferItselfAndOtherwiseAnExactCopy() throws Exception {
    WipingBuffer full = new WipingBuffer(3);
    full.write(new byte[] {7, 8, 9}, 0, 3);
    byte[] own = held(full);
    assertSame(own, full.take(), "no copy when exactly full");
    assertEquals(0, held(full).length, "the stream forgets it");

    WipingBuffer part = new WipingBuffer(8);
    part.write(new byte[] {7, 8, 9}, 0, 3);
    byte[] spare = held(part);
    assertArrayEquals(new byte[] {7, 8, 9}, part.take());
    assertZero(spare, "the buffer a copy was taken from");
  }

  @Test
  void wipe_zeroesWhatWasWrittenAndEmptiesTheStream() throws Exception {
    WipingBuffer b = new WipingBuffer(8);
    b.write(new byte[] {1, 2, 3}, 0, 3);
    b.wipe();
    assertZero(held(b), "after wipe");
    b.wipe(); // idempotent
    assertEquals(0, b.take().length, "empty after wipe");
  }

  @Test
  void write_anySequenceOfWrites_keepsTheBytesOfAByteArrayOutputStream() {
    Random r = new Random(7);
    for (int round = 0; round < 200; round++) {
      WipingBuffer ours = new WipingBuffer(r.nextInt(40));
      ByteArrayOutputStream jdk = new ByteArrayOutputStream();
      for (int w = r.nextInt(30); w > 0; w--) {
        byte[] chunk = new byte[r.nextInt(100)];
        r.nextBytes(chunk);
        int off = chunk.length == 0 ? 0 : r.nextInt(chunk.length);
        int len = r.nextInt(chunk.length - off + 1);
        ours.write(chunk, off, len);
        jdk.write(chunk, off, len);
      }
      assertArrayEquals(jdk.toByteArray(), ours.take(), "round " + round);
    }
  }

  @Test
  void write_rangeOutsideTheArray_isRefused() {
    WipingBuffer b = new WipingBuffer(4);
    byte[] src = new byte[4];
    assertThrows(IndexOutOfBoundsException.class, () -> b.write(src, -1, 2));
    assertThrows(IndexOutOfBoundsException.class, () -> b.write(src, 3, 2));
    assertThrows(IndexOutOfBoundsException.class, () -> b.write(src, 1, -1));
    assertThrows(IndexOutOfBoundsException.class, () -> b.write(src, 2, Integer.MAX_VALUE));
  }
}
