/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31Exception;
import io.tr31.Tr31FormatException;
import io.tr31.Tr31PolicyException;
import io.tr31.Tr31VerificationException;
import io.tr31.internal.Binding;
import io.tr31.internal.Bytes;
import io.tr31.internal.Scratch;
import io.tr31.internal.TdesKeys;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Unwraps a structurally parsed key block: decrypt → verify MAC → only then read the payload.
 *
 * <p>Everything after {@link Binding#open} fails with the one {@link Tr31VerificationException},
 * except a degenerate TDES key in a block that passed every check ({@link
 * ErrorCode#DEGENERATE_TDES_KEY}, strict profile): see {@link #read}.
 */
final class KeyBlockReader {
  private KeyBlockReader() {}

  /**
   * Decrypts, verifies and reads the key.
   *
   * @param warnings the tolerances used before decrypting ({@link
   *     UnwrapWarnings#beforeDecryption}); the reader adds the key's and hands the list to the
   *     result
   * @throws Tr31PolicyException {@link ErrorCode#DEGENERATE_TDES_KEY} under the strict profile when
   *     the block authenticated completely (MAC, length, {@code KC}, {@code KP}) and its TDES key
   *     has K1 = K2 or K2 = K3. Thrown last, after every check that fails with the one verification
   *     error, so only a block the KBPK's holder wrote can produce it: it is a policy refusal of an
   *     authentic key, not an answer about forged input (src/docs/SECURITY.md).
   */
  static UnwrappedKey read(
      Binding binding, KeyBlock block, Profile profile, KbpkKeys kbpk, List<Tr31Warning> warnings)
      throws Tr31Exception {
    KeyBlockHeader header = block.header();
    // KC and KP are public header data: decoded (and their format checked) before decrypting.
    Optional<KeyCheckValue> keyKcv = kcvBlock(header, OptionalBlockId.KC);
    Optional<KeyCheckValue> kbpkKcv = kcvBlock(header, OptionalBlockId.KP);
    // Decided from public header data, before decrypting: a KC we could never check is refused.
    if (keyKcv.isPresent() && !KeyCheckValue.isDefinedFor(header.algorithm())) {
      throw new Tr31PolicyException(
          ErrorCode.UNSUPPORTED_OPERATION,
          "KC block on a key of algorithm " + header.algorithm().code());
    }
    // X9.143 7.x: the MAC covers the header exactly as received (an extended length may be
    // written as 02 or 04), never a re-encoding of it.
    byte[] headerBytes = block.headerAscii();
    // The block's own arrays (no copies): open() only reads them.
    byte[] plain = binding.open(headerBytes, block.encryptedPayloadShared(), block.macShared());
    try {
      return readPayload(header, plain, 0, plain.length, profile, kbpk, keyKcv, kbpkKcv, warnings);
    } finally {
      Bytes.wipe(plain);
    }
  }

  /**
   * The strict fast path of {@link #read}: the same checks in the same order on the key block text
   * {@code text}, whose header {@link KeyBlock#strictWellFormedHeader} parsed, opened in the
   * thread's scratch ({@link Binding#openText}) with no copies. Returns {@code null}, having
   * decrypted nothing, whenever the reference path must decide: a header with warnings, a malformed
   * or unusable {@code KC}/{@code KP} block, payload or MAC characters that are not upper-case hex,
   * a block too long for the scratch. Its differential property is {@code
   * UnwrapFastPathProperties}.
   */
  static UnwrappedKey readText(Binding binding, String text, KeyBlockHeader header, KbpkKeys kbpk)
      throws Tr31Exception {
    if (!header.warnings().isEmpty()) {
      return null;
    }
    Optional<KeyCheckValue> keyKcv;
    Optional<KeyCheckValue> kbpkKcv;
    try {
      keyKcv = kcvBlock(header, OptionalBlockId.KC);
      kbpkKcv = kcvBlock(header, OptionalBlockId.KP);
    } catch (Tr31FormatException e) {
      return null;
    }
    if (keyKcv.isPresent() && !KeyCheckValue.isDefinedFor(header.algorithm())) {
      return null;
    }
    int h = header.parsedLengthChars();
    int end = text.length();
    int m = end - 2 * header.version().macLengthBytes();
    Scratch s = Scratch.take();
    try {
      if (!binding.openText(s, text, h, m, end)) {
        return null;
      }
      List<Tr31Warning> none = Collections.emptyList();
      return readPayload(
          header, s.data(0), h, (m - h) / 2, Profile.STRICT, kbpk, keyKcv, kbpkKcv, none);
    } finally {
      s.give(); // wipes the plaintext
    }
  }

  /**
   * After the MAC verified: the key length field, the key, its {@code KC} and the KBPK's {@code KP}
   * (every failure the one verification error), then the degenerate-TDES policy. Reads {@code
   * plain[off..off+len)}, which the caller wipes.
   */
  private static UnwrappedKey readPayload(
      KeyBlockHeader header,
      byte[] plain,
      int off,
      int len,
      Profile profile,
      KbpkKeys kbpk,
      Optional<KeyCheckValue> keyKcv,
      Optional<KeyCheckValue> kbpkKcv,
      List<Tr31Warning> warnings)
      throws Tr31Exception {
    KeyAlgorithm algorithm = header.algorithm();
    byte[] key = null;
    try {
      // X9.143 7.x: the MAC verified; now the length field may be read.
      int bits = ((plain[off] & 0xFF) << 8) | (plain[off + 1] & 0xFF);
      int bytes = bits / 8;
      // The lenient profile accepts a key length its algorithm does not allow (field reality:
      // 8-byte "T" keys); the strict profile refuses it, as the same one verification failure.
      boolean lengthAllowed = profile == Profile.LENIENT || algorithm.permitsKeyLengthBytes(bytes);
      if (bits == 0 || bits % 8 != 0 || bytes > len - 2 || !lengthAllowed) {
        throw new Tr31VerificationException();
      }
      key = Arrays.copyOfRange(plain, off + 2, off + 2 + bytes);
      if (keyKcv.isPresent() && !matches(keyKcv.get(), algorithm, key)) {
        throw new Tr31VerificationException();
      }
      if (kbpkKcv.isPresent()) {
        KeyCheckValue kp = kbpkKcv.get();
        if (!prefixEquals(kp.bytes(), kbpk.kcv(kp.method()))) {
          throw new Tr31VerificationException();
        }
      }
      List<Tr31Warning> all = warnings;
      if (!algorithm.permitsKeyLengthBytes(bytes)) {
        all = with(warnings, UnwrapWarnings.keyLength(algorithm)); // only the lenient profile
      } else if (algorithm == KeyAlgorithm.TDES && TdesKeys.isDegenerate(key)) {
        if (profile != Profile.LENIENT) {
          throw new Tr31PolicyException(
              ErrorCode.DEGENERATE_TDES_KEY,
              "the key block is authentic, but its TDES key has single-DES strength; the lenient"
                  + " profile reads it with a warning");
        }
        all = with(warnings, UnwrapWarnings.degenerateKey());
      }
      UnwrappedKey result = new UnwrappedKey(header, key, all);
      key = null;
      return result;
    } finally {
      Bytes.wipe(key);
    }
  }

  private static List<Tr31Warning> with(List<Tr31Warning> warnings, Tr31Warning w) {
    List<Tr31Warning> out = new ArrayList<>(warnings);
    out.add(w);
    return out;
  }

  private static Optional<KeyCheckValue> kcvBlock(KeyBlockHeader header, OptionalBlockId id)
      throws Tr31FormatException {
    return header.optionalBlock(id).flatMap(OptionalBlock::kcv);
  }

  /**
   * Whether the key has the KC block's check value. A key the lenient profile let through with a
   * length its algorithm has no KCV for does not match: after decryption every failure is the one
   * verification error, never a format error that would tell the key's length.
   */
  private static boolean matches(KeyCheckValue expected, KeyAlgorithm algorithm, byte[] key) {
    KcvMethod m = expected.method();
    try {
      return prefixEquals(
          expected.bytes(), KeyCheckValue.compute(algorithm, key, m, m.maxLengthBytes()).bytes());
    } catch (Tr31Exception e) {
      return false;
    }
  }

  /**
   * Constant time: {@code expected} equals the same-length prefix of {@code full}. {@code expected}
   * has 1 to the method's maximum bytes ({@link KeyCheckValue#of} refuses other lengths) and {@code
   * full} has the maximum, so the prefix is always real data.
   */
  private static boolean prefixEquals(byte[] expected, byte[] full) {
    return MessageDigest.isEqual(expected, Arrays.copyOf(full, expected.length));
  }
}
