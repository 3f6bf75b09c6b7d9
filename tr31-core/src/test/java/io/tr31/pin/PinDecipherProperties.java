/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.pin;

import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import io.tr31.Tr31Exception;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast {@link PinKey#decipher} (one pooled engine for both decryptions, the PAN field written
 * into the block, no intermediate arrays) against its plain reference, {@link
 * ReferencePinDecipher}: the same PIN or the same error code for every input. The blocks are
 * built near the valid ones (each field of the clear block right or wrong by chance, then
 * enciphered under the PAN or not), so that every check of the decoded block decides some cases;
 * some blocks are random or of a wrong length, some PANs invalid.
 */
class PinDecipherProperties {
  private static final PinFormat[] FORMATS = PinFormat.values();
  private static final PinKey[] KEYS = new PinKey[FORMATS.length];

  static {
    try {
      for (PinFormat f : FORMATS) {
        KEYS[f.ordinal()] = PinTestKeys.both(f, new SecureRandom());
      }
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Test
  void fastDecipher_answersAsTheReferencePath_forNearValidRandomAndMalformedInput() {
    qt().withExamples(20_000)
        .forAll(integers().between(0, 3), longs().all())
        .check(
            (f, seed) -> {
              PinFormat format = FORMATS[f];
              Random r = new Random(seed);
              String pan = format.panBound() ? pan(format, r) : null;
              byte[] block = block(format, pan, r);
              byte[] key = PinTestKeys.hex(format.aes() ? PinTestKeys.AES_KEY : PinTestKeys.TDES_KEY);
              String reference;
              try {
                reference = new String(ReferencePinDecipher.decipher(format, key, block, pan));
              } catch (Tr31Exception e) {
                reference = e.code().name();
              }
              String fast;
              try {
                fast = new String(KEYS[f].decipher(format, block, pan));
              } catch (Tr31Exception e) {
                fast = e.code().name();
              }
              return reference.equals(fast);
            });
  }

  /** A PAN of an allowed length, now and then a wrong length or a non-digit. */
  private static String pan(PinFormat format, Random r) {
    int min = format.aes() ? 1 : 13;
    int n = r.nextInt(32) == 0 ? r.nextInt(24) : min + r.nextInt(19 - min + 1);
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append((char) ('0' + r.nextInt(10)));
    }
    if (n > 0 && r.nextInt(32) == 0) {
      b.setCharAt(r.nextInt(n), (char) ('0' + 10 + r.nextInt(40)));
    }
    return b.toString();
  }

  /** An enciphered block whose clear block is near a valid one; now and then random or short. */
  private static byte[] block(PinFormat format, String pan, Random r) {
    int size = format.blockBytes();
    if (r.nextInt(32) == 0) {
      byte[] odd = new byte[r.nextInt(2 * size + 1)];
      r.nextBytes(odd);
      return odd;
    }
    byte[] clear = new byte[16];
    r.nextBytes(clear); // format 4's random half, and the start of every nibble
    int length = r.nextInt(8) == 0 ? r.nextInt(16) : 4 + r.nextInt(9);
    ClearBlocks.setNibble(clear, 0, r.nextInt(16) == 0 ? r.nextInt(16) : format.control());
    ClearBlocks.setNibble(clear, 1, length);
    int low = format.fillLow();
    int high = format.fillHigh();
    for (int i = 2; i < 16; i++) {
      boolean wrong = r.nextInt(40) == 0;
      int n = i < 2 + length ? r.nextInt(10) : low + r.nextInt(high - low + 1);
      ClearBlocks.setNibble(clear, i, wrong ? r.nextInt(16) : n);
    }
    byte[] block = Arrays.copyOf(clear, size);
    if (r.nextInt(16) == 0) {
      r.nextBytes(block);
      return block;
    }
    byte[] panField = new byte[size];
    if (format.panBound()) {
      try {
        panField = ReferencePinDecipher.panField(format, pan);
      } catch (Tr31Exception e) {
        r.nextBytes(panField); // the PAN is refused before decryption: any block will do
      }
    }
    byte[] key = PinTestKeys.hex(format.aes() ? PinTestKeys.AES_KEY : PinTestKeys.TDES_KEY);
    if (format.aes()) {
      block = PinTestKeys.ecb(true, true, key, block);
    }
    for (int i = 0; i < size; i++) {
      block[i] ^= panField[i];
    }
    return PinTestKeys.ecb(format.aes(), true, key, block);
  }
}
