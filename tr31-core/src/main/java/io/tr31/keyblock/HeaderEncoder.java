/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.Profile;
import io.tr31.Tr31FormatException;
import java.nio.charset.StandardCharsets;

/**
 * Writes a {@link KeyBlockHeader} (ANSI X9.143:2022 6.2, Table 1) and aligns it with a padding
 * block (6.3): the inverse of {@link HeaderParser}, whose output every emitted header is re-read
 * by on wrap.
 */
final class HeaderEncoder {
  private HeaderEncoder() {}

  /** The canonical header text with {@code keyBlockLength} (0..9999) in the length field. */
  static String encode(KeyBlockHeader h, int keyBlockLength) {
    if (keyBlockLength < 0 || keyBlockLength > 9999) {
      throw new IllegalArgumentException("key block length must be 0..9999");
    }
    StringBuilder sb = new StringBuilder(h.encodedLengthChars());
    sb.append(h.version.id());
    String len = Integer.toString(keyBlockLength);
    sb.append("0000", len.length(), 4).append(len);
    sb.append(h.keyUsageCode).append(h.algorithm.code()).append(h.modeOfUseCode);
    sb.append(h.keyVersion.code()).append(h.exportability.code());
    int n = h.optionalBlocks.size();
    sb.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
    sb.append(h.keyContext.code()).append('0');
    h.optionalBlocks.encodeTo(sb);
    return sb.toString();
  }

  /**
   * The ASCII text wrap emits for {@code aligned} (length field {@code 0000}, to be patched), after
   * a strict re-read of that text: what wrap emits must be what a strict reader accepts (field
   * formats, proprietary codes, the key attribute policy), whatever the header's origin.
   *
   * @param aligned a block-aligned header
   * @return a fresh array
   * @throws Tr31FormatException the code and offset of the strict reader's refusal
   */
  static byte[] strictWrapAscii(KeyBlockHeader aligned) throws Tr31FormatException {
    String text = encode(aligned, 0);
    KeyBlockHeader.parse(text, Profile.STRICT);
    return text.getBytes(StandardCharsets.ISO_8859_1); // printable ASCII: the re-read checked it
  }

  /** Writes {@code keyBlockLength} (0..9999) as the four digits of the length field (1-4). */
  static void patchLength(byte[] ascii, int keyBlockLength) {
    if (keyBlockLength < 0 || keyBlockLength > 9999) {
      throw new IllegalArgumentException("key block length must be 0..9999");
    }
    for (int i = 4, v = keyBlockLength; i >= 1; i--, v /= 10) {
      ascii[i] = (byte) ('0' + v % 10);
    }
  }

  /** {@code h} with a {@code PB} block that aligns it to the cipher block, replacing any PB. */
  static KeyBlockHeader withPadding(KeyBlockHeader h) {
    OptionalBlocks rest = h.optionalBlocks.without("PB");
    int block = h.version.cipherBlockSizeBytes();
    int len = KeyBlockHeader.FIXED_LENGTH_CHARS + rest.encodedLengthChars();
    int need = (block - len % block) % block;
    if (need != 0 && need < 4) {
      need += block; // PB needs at least its ID and length
    }
    if (need != 0) {
      if (rest.size() >= OptionalBlocks.MAX_BLOCKS) {
        throw new IllegalStateException("no room for a PB block (99 optional blocks)");
      }
      rest = rest.with(OptionalBlock.padding(need - 4));
    }
    return h.toBuilder().optionalBlocks(rest).build();
  }

  /** A builder holding every field of {@code h} but the length field and the warnings. */
  static KeyBlockHeader.Builder toBuilder(KeyBlockHeader h) {
    KeyBlockHeader.Builder b = KeyBlockHeader.builder();
    b.version = h.version;
    b.keyUsage = h.keyUsage;
    b.keyUsageCode = h.keyUsageCode;
    b.algorithm = h.algorithm;
    b.modeOfUse = h.modeOfUse;
    b.modeOfUseCode = h.modeOfUseCode;
    b.keyVersion = h.keyVersion;
    b.exportability = h.exportability;
    b.keyContext = h.keyContext;
    b.optionalBlocks = h.optionalBlocks;
    return b;
  }
}
