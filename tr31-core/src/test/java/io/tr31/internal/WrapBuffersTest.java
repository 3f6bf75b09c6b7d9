/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Ownership of the per-thread {@link WrapBuffers}: one owner at a time, secrets zero at rest. */
class WrapBuffersTest {
  @Test
  void give_wipesThePayloadAndPaddingLent_andTheThreadGetsTheSameBuffersBack() {
    WrapBuffers b = WrapBuffers.take();
    byte[] payload = b.payload(48);
    byte[] padding = b.padding(14);
    Arrays.fill(payload, 0, 48, (byte) 7);
    Arrays.fill(padding, (byte) 9);
    b.give();
    assertEquals(WrapBuffers.PAYLOAD_BYTES, payload.length);
    assertArrayEquals(new byte[WrapBuffers.PAYLOAD_BYTES], payload);
    assertArrayEquals(new byte[14], padding);
    WrapBuffers again = WrapBuffers.take();
    try {
      assertSame(b, again);
      assertSame(payload, again.payload(16));
      assertSame(padding, again.padding(14));
    } finally {
      again.give();
    }
  }

  @Test
  void nestedTake_getsOtherBuffers_untouchedByTheOuterOwner() {
    WrapBuffers outer = WrapBuffers.take();
    try {
      byte[] outerPayload = outer.payload(32);
      Arrays.fill(outerPayload, 0, 32, (byte) 1);
      WrapBuffers nested = WrapBuffers.take();
      assertNotSame(outer, nested);
      assertNotSame(outerPayload, nested.payload(32));
      assertNotSame(outer.text(10), nested.text(10));
      nested.give();
      assertEquals(1, outerPayload[31], "the nested owner never touches the outer one's buffers");
    } finally {
      outer.give();
    }
  }

  @Test
  void requestsBeyondTheKeptSizes_getExactFreshArrays_alsoWiped() {
    WrapBuffers b = WrapBuffers.take();
    byte[] payload;
    byte[] padding;
    try {
      assertEquals(WrapBuffers.TEXT_BYTES + 1, b.text(WrapBuffers.TEXT_BYTES + 1).length);
      payload = b.payload(WrapBuffers.PAYLOAD_BYTES + 1);
      padding = b.padding(WrapBuffers.MAX_KEPT_PADDING + 1);
      assertEquals(WrapBuffers.PAYLOAD_BYTES + 1, payload.length);
      assertEquals(WrapBuffers.MAX_KEPT_PADDING + 1, padding.length);
      Arrays.fill(payload, (byte) 3);
      Arrays.fill(padding, (byte) 4);
    } finally {
      b.give();
    }
    assertArrayEquals(new byte[payload.length], payload);
    assertArrayEquals(new byte[padding.length], padding);
  }

  @Test
  void aSecondPaddingOrPayloadInOneLending_wipesTheFirst() {
    WrapBuffers b = WrapBuffers.take();
    try {
      byte[] first = b.padding(10);
      Arrays.fill(first, (byte) 5);
      b.padding(12);
      assertArrayEquals(new byte[10], first);
      byte[] big = b.payload(WrapBuffers.PAYLOAD_BYTES + 8);
      Arrays.fill(big, (byte) 6);
      b.payload(16);
      assertArrayEquals(new byte[big.length], big);
    } finally {
      b.give();
    }
  }
}
