package io.tr31;

import io.tr31.header.KeyAlgorithm;
import io.tr31.header.KeyAttributePolicy;
import io.tr31.internal.Binding;
import io.tr31.internal.Bytes;
import io.tr31.internal.Hex;
import io.tr31.kcv.KcvMethod;
import io.tr31.kcv.KeyCheckValue;
import io.tr31.optblock.OptionalBlock;
import io.tr31.optblock.OptionalBlockId;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/** Builds a key block: header policy checks, KC/KP and PB blocks, payload, then the binding. */
final class KeyBlockWriter {
  /** X9.143 6.2: the length field has four decimal digits. */
  static final int MAX_KEY_BLOCK_LENGTH = 9999;

  private KeyBlockWriter() {}

  static String write(
      Binding binding,
      KeyBlockHeader header,
      byte[] key,
      WrapOptions options,
      byte[] kbpkKcvLegacy,
      byte[] kbpkKcvCmac,
      SecureRandom random)
      throws Tr31Exception {
    KeyAlgorithm algorithm = header.algorithm();
    if (!algorithm.permitsKeyLengthBytes(key.length)) {
      throw new Tr31FormatException(
          ErrorCode.INVALID_KEY_LENGTH, -1, key.length + " bytes for algorithm " + algorithm.code());
    }
    KeyAttributePolicy.check(header);
    KeyBlockProtectionKey.checkAlgorithmForVersion(header, Profile.STRICT);
    if (!header.warnings().isEmpty()) {
      // Wrap writes strict X9.143 only: a header the lenient profile tolerated is re-read strictly
      // so that the refusal names the exact field.
      KeyBlockHeader.parse(header.encode(0), Profile.STRICT);
    }

    KeyBlockHeader h = header;
    if (options.keyKcv().isPresent()) {
      KcvMethod m = options.keyKcv().get();
      KeyCheckValue kcv = KeyCheckValue.compute(algorithm, key, m, m.maxLengthBytes());
      h = h.withOptionalBlock(OptionalBlock.kcv(OptionalBlockId.KC, m, kcv.bytes()));
    }
    if (options.kbpkKcv().isPresent()) {
      KcvMethod m = options.kbpkKcv().get();
      byte[] kbpkKcv = m == KcvMethod.LEGACY ? kbpkKcvLegacy : kbpkKcvCmac;
      h = h.withOptionalBlock(OptionalBlock.kcv(OptionalBlockId.KP, m, kbpkKcv));
    }
    if (!h.isBlockAligned()) {
      // X9.143 6.3: a PB block, last, aligns the header; an aligned header is kept as given.
      h = h.withPadding();
    }

    int headerChars = h.encodedLengthChars();
    // ISO 20038 6.4: version E (CTR) pads nothing; A-D pad to the cipher block (X9.143 7.2).
    int block = binding.payloadBlockBytes();
    int padTo =
        options.keyLengthPolicy() == KeyLengthPolicy.OBFUSCATED
            ? Math.max(key.length, algorithm.obfuscatedLengthBytes())
            : key.length;
    int payloadBytes = (2 + padTo + block - 1) / block * block;
    long total = headerChars + 2L * payloadBytes + 2L * binding.macBytes();
    if (total > MAX_KEY_BLOCK_LENGTH) {
      throw new Tr31FormatException(
          ErrorCode.INVALID_KEY_LENGTH, -1, "the key block would exceed 9999 characters");
    }

    byte[] payload = new byte[payloadBytes];
    byte[] padding = new byte[payloadBytes - 2 - key.length];
    byte[] sealed = null;
    try {
      int bits = key.length * 8;
      payload[0] = (byte) (bits >>> 8);
      payload[1] = (byte) bits;
      System.arraycopy(key, 0, payload, 2, key.length);
      // X9.143 7.2: padding is random.
      random.nextBytes(padding);
      System.arraycopy(padding, 0, payload, 2 + key.length, padding.length);

      String headerText = h.encode((int) total);
      sealed = binding.seal(headerText.getBytes(StandardCharsets.US_ASCII), payload);
      char[] out = new char[(int) total];
      headerText.getChars(0, headerChars, out, 0);
      Hex.encodeInto(sealed, 0, sealed.length, out, headerChars);
      return new String(out);
    } finally {
      Bytes.wipe(payload, padding);
    }
  }
}
