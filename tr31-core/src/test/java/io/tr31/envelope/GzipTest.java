/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tr31.ErrorCode;
import io.tr31.Tr31Exception;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * The RFC 1952 member reader behind {@code withGzip()}: every header field the RFC defines, the
 * JDK's {@link GZIPInputStream} as the oracle where both must agree, and the refusals where ours is
 * stricter (reserved flags, anything after the member).
 */
class GzipTest {
  private static final int MAX = 1 << 20;
  private static final byte[] DATA = "{\"terminal\":{\"id\":\"T-1\"}}".getBytes(US_ASCII);

  /** A member written by hand: optional header fields by flag, deflate at {@code level}. */
  static byte[] member(byte[] data, int flags, int level) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, (byte) flags, 1, 2, 3, 4, 0, 3});
    if ((flags & 0x04) != 0) {
      b.writeBytes(new byte[] {3, 0, 'a', 'b', 'c'});
    }
    if ((flags & 0x08) != 0) {
      b.writeBytes("name.json\0".getBytes(US_ASCII));
    }
    if ((flags & 0x10) != 0) {
      b.writeBytes("a comment\0".getBytes(US_ASCII));
    }
    if ((flags & 0x02) != 0) {
      CRC32 h = new CRC32();
      h.update(b.toByteArray());
      b.writeBytes(new byte[] {(byte) h.getValue(), (byte) (h.getValue() >> 8)});
    }
    Deflater d = new Deflater(level, true);
    d.setInput(data);
    d.finish();
    byte[] buf = new byte[256];
    while (!d.finished()) {
      b.write(buf, 0, d.deflate(buf));
    }
    d.end();
    CRC32 crc = new CRC32();
    crc.update(data);
    b.writeBytes(le32(crc.getValue()));
    b.writeBytes(le32(data.length));
    return b.toByteArray();
  }

  private static byte[] le32(long v) {
    return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
  }

  static byte[] jdk(byte[] gz) throws IOException {
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      return in.readAllBytes();
    }
  }

  private static void assertCorrupt(byte[] gz, String what) {
    Tr31Exception e = assertThrows(Tr31Exception.class, () -> Gzip.decompress(gz, MAX));
    assertEquals(ErrorCode.ENVELOPE_GZIP_CORRUPT, e.code(), what);
  }

  @Test
  void decompress_everyCombinationOfOptionalHeaderFields_readsWhatTheJdkReads() throws Exception {
    for (int flags = 0; flags < 0x20; flags++) {
      if ((flags & 0x01) != 0) {
        continue; // FTEXT is a hint only; covered below
      }
      for (int level : new int[] {0, 1, 9}) {
        byte[] gz = member(DATA, flags, level);
        assertArrayEquals(jdk(gz), Gzip.decompress(gz, MAX), "flags " + flags);
        assertArrayEquals(DATA, Gzip.decompress(gz, MAX), "flags " + flags);
      }
    }
    assertArrayEquals(DATA, Gzip.decompress(member(DATA, 0x01, 6), MAX));
    assertArrayEquals(new byte[0], Gzip.decompress(member(new byte[0], 0, 6), MAX));
  }

  @Test
  void decompress_reservedFlagBit_isCorrupt() {
    for (int bit : new int[] {0x20, 0x40, 0x80}) {
      assertCorrupt(member(DATA, bit, 6), "reserved bit " + bit);
    }
  }

  @Test
  void decompress_wrongMagicMethodOrHeaderCrc_isCorrupt() {
    for (int i : new int[] {0, 1, 2}) {
      byte[] gz = member(DATA, 0, 6);
      gz[i] ^= 1;
      assertCorrupt(gz, "header byte " + i);
    }
    byte[] gz = member(DATA, 0x02, 6);
    gz[10] ^= 1; // the header CRC (no other optional field)
    assertCorrupt(gz, "header CRC");
  }

  @Test
  void decompress_wrongCrcOrIsize_isCorrupt() {
    byte[] good = member(DATA, 0, 6);
    for (int i = good.length - 8; i < good.length; i++) {
      byte[] gz = good.clone();
      gz[i] ^= 0x10;
      assertCorrupt(gz, "trailer byte " + (i - good.length + 8));
    }
  }

  @Test
  void decompress_isizeForgedToFourGib_isCorruptWithoutAllocatingIt() {
    // The output buffer is sized from ISIZE before the trailer is checked: capped by the limit and
    // by DEFLATE's 1032:1, or this member of 33 bytes would ask for an array of 2^31 - 1 bytes.
    byte[] gz = member(DATA, 0, 6);
    Arrays.fill(gz, gz.length - 4, gz.length, (byte) 0xff);
    Tr31Exception e =
        assertThrows(Tr31Exception.class, () -> Gzip.decompress(gz, Integer.MAX_VALUE));
    assertEquals(ErrorCode.ENVELOPE_GZIP_CORRUPT, e.code());
  }

  @Test
  void compress_thenDecompress_returnsTheDataForEveryShapeOfBuffer() throws Exception {
    // Incompressible (the buffer sized for stored blocks), compressible (a copy) and empty input.
    byte[] random = new byte[70_000];
    new java.util.Random(5).nextBytes(random);
    for (byte[] data : new byte[][] {random, new byte[70_000], new byte[0], DATA}) {
      byte[] gz = Gzip.compress(data);
      assertArrayEquals(data, jdk(gz), "the JDK reads it");
      assertArrayEquals(data, Gzip.decompress(gz, MAX), "we read it");
    }
  }

  @Test
  void decompress_everyProperPrefix_isCorrupt() {
    byte[] good = member(DATA, 0x1e, 6);
    for (int n = 0; n < good.length; n++) {
      assertCorrupt(Arrays.copyOf(good, n), "prefix " + n);
    }
  }

  @Test
  void decompress_anyByteAfterTheMember_isCorruptThoughTheJdkDropsIt() throws Exception {
    byte[] good = member(DATA, 0, 6);
    byte[] extra = Arrays.copyOf(good, good.length + 1);
    assertArrayEquals(DATA, jdk(extra), "the JDK ignores the byte: the reason for this reader");
    assertCorrupt(extra, "one byte after the member");
    byte[] twice = Arrays.copyOf(good, 2 * good.length);
    System.arraycopy(good, 0, twice, good.length, good.length);
    assertEquals(2 * DATA.length, jdk(twice).length, "the JDK reads a second member");
    assertCorrupt(twice, "a second member");
  }

  @Test
  void decompress_streamingForm_writesTheSameBytes() throws Exception {
    byte[] gz = member(DATA, 0x08, 9);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Gzip.decompress(gz, out, MAX);
    assertArrayEquals(DATA, out.toByteArray());
  }
}
