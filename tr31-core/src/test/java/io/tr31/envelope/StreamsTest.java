/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class StreamsTest {

  /** Hands out at most one byte per read, as a socket or pipe may. */
  private static InputStream trickle(byte[] data) {
    return new FilterInputStream(new ByteArrayInputStream(data)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, 1));
      }
    };
  }

  private static byte[] bytes(int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (i * 31 + 7);
    }
    return b;
  }

  @Test
  void readUpTo_streamGivingOneByteAtATime_stillReadsAllAskedFor() throws IOException {
    byte[] head = Streams.readUpTo(trickle(new byte[] {1, 2, 3, 4, 5}), 4);
    assertArrayEquals(new byte[] {1, 2, 3, 4}, head);
  }

  @Test
  void readUpTo_streamShorterThanAsked_returnsWhatThereIs() throws IOException {
    assertArrayEquals(new byte[] {9, 8}, Streams.readUpTo(trickle(new byte[] {9, 8}), 4));
    assertEquals(0, Streams.readUpTo(new ByteArrayInputStream(new byte[0]), 4).length);
  }

  @Test
  void readUpTo_leavesTheRestOfTheStreamUnread() throws IOException {
    InputStream in = new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5, 6});
    Streams.readUpTo(in, 4);
    assertEquals(5, in.read());
  }

  @Test
  void copy_severalBuffersInSmallReads_copiesEveryByteInOrder() throws IOException {
    byte[] data = bytes(3 * 8192 + 17);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Streams.copy(trickle(Arrays.copyOf(data, 100)), out);
    Streams.copy(new ByteArrayInputStream(data, 100, data.length - 100), out);
    assertArrayEquals(data, out.toByteArray());
  }
}
