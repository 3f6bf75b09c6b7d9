/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31Exception;
import io.tr31.Tr31FormatException;
import io.tr31.Tr31PolicyException;
import io.tr31.internal.Binding;
import io.tr31.internal.PaddingRandom;
import io.tr31.internal.TdesKeys;
import io.tr31.internal.WrapBuffers;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/**
 * Builds a key block: key length and strength, KC/KP and PB blocks, payload, the binding, and a
 * strict re-read of the header it is about to emit (wrap writes strict X9.143 only; once per header
 * object when wrap adds no KC/KP block, see {@link KeyBlockHeader#wrapAscii}).
 */
final class KeyBlockWriter {
  /** X9.143 6.2: the length field has four decimal digits. */
  static final int MAX_KEY_BLOCK_LENGTH = 9999;

  /** Room the writer may add to a header: a KC and a KP block (16 each) and a PB block. */
  private static final int MAX_ADDED_HEADER_CHARS = 16 + 16 + 16 + 4;

  private KeyBlockWriter() {}

  /**
   * Wraps {@code key} under {@code binding}, one of {@code kbpk}'s (never the KBPK itself: its
   * fingerprint tells whether the key to wrap is the KBPK).
   */
  static String write(
      Binding binding, KeyBlockHeader header, byte[] key, WrapOptions options, KbpkKeys kbpk)
      throws Tr31Exception {
    KeyAlgorithm algorithm = header.algorithm();
    if (!algorithm.permitsKeyLengthBytes(key.length)) {
      throw new Tr31FormatException(
          ErrorCode.INVALID_KEY_LENGTH,
          -1,
          key.length + " bytes for algorithm " + algorithm.code());
    }
    if (kbpk.isKbpk(key, algorithm)) {
      // A block carrying its own KBPK hands whoever unwraps it every block under that KBPK.
      throw new Tr31PolicyException(ErrorCode.KEY_IS_KBPK, null);
    }
    if (algorithm == KeyAlgorithm.TDES && TdesKeys.isDegenerate(key)) {
      // Issue 12, F2: K1 = K2 or K2 = K3 is single DES labelled TDES; HSMs refuse it.
      throw new Tr31PolicyException(
          ErrorCode.DEGENERATE_TDES_KEY,
          "a TDES key needs K1 != K2 and K2 != K3 (parity bits ignored); this one computes single"
              + " DES");
    }
    // X9.24-1: a key may only be protected by a key of equal or greater strength; a TDES key's
    // strength follows its parts (K1 = K3 is 2-key).
    int keyStrength = KeyStrength.bits(algorithm, key);
    if (keyStrength > kbpk.strengthBits) {
      throw new Tr31PolicyException(
          ErrorCode.KBPK_TOO_WEAK,
          "a key of " + keyStrength + "-bit strength under a KBPK of " + kbpk.strengthBits);
    }
    UnwrapWarnings.checkAlgorithmForVersion(header, Profile.STRICT);
    // The header's cached wrap text (aligned) is at least as long as the header: below the limit,
    // it answers without walking the optional blocks.
    byte[] wrapText = header.wrapAscii;
    if ((wrapText == null || wrapText.length + MAX_ADDED_HEADER_CHARS > MAX_KEY_BLOCK_LENGTH)
        && header.encodedLengthChars() + MAX_ADDED_HEADER_CHARS > MAX_KEY_BLOCK_LENGTH) {
      throw new Tr31FormatException(
          ErrorCode.TOO_MANY_OPTIONAL_BLOCKS, -1, "the header leaves no room for the key");
    }

    KeyBlockHeader h = header;
    h = kcvBlock(h, OptionalBlockId.KC, options.keyKcv(), m -> kcvOf(algorithm, key, m));
    h = kcvBlock(h, OptionalBlockId.KP, options.kbpkKcv(), m -> kcvOfKbpk(kbpk, m));
    // Without added KC/KP blocks (h is the caller's header), the text to emit is cached in it.
    byte[] cached = h == header ? wrapText : null;
    KeyBlockHeader aligned = null;
    int headerChars;
    if (cached != null) {
      headerChars = cached.length;
    } else {
      // X9.143 6.3: a PB block, last, aligns the header; an aligned header is kept as given.
      aligned = h.isBlockAligned() ? h : h.withPadding();
      headerChars = aligned.encodedLengthChars();
    }

    // ISO 20038 6.4: version E (CTR) pads nothing; A-D pad to the cipher block (X9.143 7.2).
    int block = binding.payloadBlockBytes();
    int padTo =
        options.exactKeyLength()
            ? key.length
            : Math.max(key.length, algorithm.obfuscatedLengthBytes());
    int payloadBytes = (2 + padTo + block - 1) / block * block;
    long body = 2L * payloadBytes + 2L * binding.macBytes();
    if (KeyBlockHeader.FIXED_LENGTH_CHARS + body > MAX_KEY_BLOCK_LENGTH) {
      throw new Tr31FormatException(
          ErrorCode.INVALID_KEY_LENGTH, -1, "the key does not fit in a key block");
    }
    long total = headerChars + body;
    if (total > MAX_KEY_BLOCK_LENGTH) {
      throw new Tr31FormatException(
          ErrorCode.TOO_MANY_OPTIONAL_BLOCKS, -1, "the key block would exceed 9999 characters");
    }
    byte[] headerAscii = cached;
    if (headerAscii == null) {
      headerAscii = HeaderEncoder.strictWrapAscii(aligned);
      if (h == header) {
        // Sound: a header is immutable, the strict re-read reads nothing but the text, and the
        // texts wrap emits for it differ only in the length field, which the reader checks to be
        // four digits and nothing else. A refusal is never cached. Racing threads store equal
        // texts; the array is never written once stored.
        header.wrapAscii = headerAscii;
      }
    }
    return seal(binding, headerAscii, (int) total, key, payloadBytes, options);
  }

  /**
   * Writes the key block of {@code total} characters: the header text (its length field patched),
   * then the payload (key length in bits, key, random padding; X9.143 7.2) sealed and hex-encoded
   * by the binding, in the thread's {@link WrapBuffers}: the returned {@code String} is the one
   * array this allocates. The payload and padding are wiped whatever happens.
   */
  private static String seal(
      Binding binding,
      byte[] headerAscii,
      int total,
      byte[] key,
      int payloadBytes,
      WrapOptions options) {
    int headerChars = headerAscii.length;
    WrapBuffers buffers = WrapBuffers.take();
    try {
      byte[] text = buffers.text(total);
      System.arraycopy(headerAscii, 0, text, 0, headerChars);
      HeaderEncoder.patchLength(text, total);
      byte[] payload = buffers.payload(payloadBytes);
      int bits = key.length * 8;
      payload[0] = (byte) (bits >>> 8);
      payload[1] = (byte) bits;
      System.arraycopy(key, 0, payload, 2, key.length);
      byte[] padding = buffers.padding(payloadBytes - 2 - key.length);
      if (options.paddingSource() == null) {
        PaddingRandom.nextBytes(padding);
      } else {
        options.paddingSource().nextBytes(padding);
      }
      System.arraycopy(padding, 0, payload, 2 + key.length, padding.length);
      binding.sealHex(text, headerChars, payload, 0, payloadBytes);
      return new String(text, 0, total, StandardCharsets.ISO_8859_1);
    } finally {
      buffers.give();
    }
  }

  /** Computes a KCV of one of our keys or the KBPK (at the method's full length). */
  private interface KcvSource {
    byte[] kcv(KcvMethod method) throws Tr31Exception;
  }

  private static byte[] kcvOf(KeyAlgorithm algorithm, byte[] key, KcvMethod method)
      throws Tr31Exception {
    return KeyCheckValue.compute(algorithm, key, method, method.maxLengthBytes()).bytes();
  }

  /** The KBPK's own check value, as a fresh array the caller may keep. */
  private static byte[] kcvOfKbpk(KbpkKeys kbpk, KcvMethod method) {
    return kbpk.kcv(method).clone();
  }

  /**
   * Adds the block when the options ask for it (replacing one given in the header); otherwise a
   * KC/KP block the caller put in the header must match the key it describes: wrap never writes an
   * authenticated header that asserts a false check value.
   */
  private static KeyBlockHeader kcvBlock(
      KeyBlockHeader h, OptionalBlockId id, Optional<KcvMethod> asked, KcvSource source)
      throws Tr31Exception {
    if (asked.isPresent()) {
      return h.withOptionalBlock(OptionalBlock.kcv(id, asked.get(), source.kcv(asked.get())));
    }
    Optional<KeyCheckValue> given = h.optionalBlock(id).flatMap(OptionalBlock::kcv);
    if (given.isPresent()) {
      byte[] expected = given.get().bytes();
      byte[] actual = source.kcv(given.get().method());
      if (!MessageDigest.isEqual(expected, Arrays.copyOf(actual, expected.length))) {
        throw new Tr31FormatException(
            ErrorCode.INVALID_OPTIONAL_BLOCK_DATA, -1, id + " does not match the key it names");
      }
    }
    return h;
  }
}
