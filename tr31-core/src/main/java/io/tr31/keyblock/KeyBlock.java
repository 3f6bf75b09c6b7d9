/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.keyblock;

import io.tr31.ErrorCode;
import io.tr31.Profile;
import io.tr31.Tr31FormatException;
import io.tr31.internal.Hex;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The structural parse of a whole key block, before any cryptography: header, encrypted payload and
 * authenticator (ANSI X9.143:2022 6.1: header || HEX(payload) || HEX(MAC)).
 *
 * <p>Checks, in this order: null, empty, longer than 9999 characters (rejected before anything else
 * is read), characters outside printable ASCII, the header ({@link KeyBlockHeader#parse}), the
 * length field against the actual length, header alignment to the cipher block, the hex of payload
 * and MAC, and the payload length.
 *
 * <h2>Security</h2>
 *
 * Immutable and thread-safe. Nothing here is secret (the payload is ciphertext), but accessors
 * return copies. Passing this parse says nothing about authenticity: the MAC is verified by unwrap,
 * over the header characters exactly as received.
 *
 * @since 0.1.0
 */
public final class KeyBlock {
  /** The longest key block the four-digit length field can describe. */
  public static final int MAX_LENGTH = 9999;

  private final String text;
  private final KeyBlockHeader header;
  private final int payloadOffset;
  private final byte[] payload;
  private final byte[] mac;
  private final List<String> warnings;

  /** The block-level tolerance (lower-case hex in payload or MAC), or {@code null}. */
  private final String lowerCaseHexWarning;

  private KeyBlock(
      String text,
      KeyBlockHeader header,
      int payloadOffset,
      byte[] payload,
      byte[] mac,
      List<String> warnings,
      String lowerCaseHexWarning) {
    this.text = text;
    // Collections, not List.copyOf: the library runs on Android API 26.
    this.warnings =
        warnings.isEmpty()
            ? Collections.<String>emptyList()
            : Collections.unmodifiableList(new ArrayList<>(warnings));
    this.lowerCaseHexWarning = lowerCaseHexWarning;
    this.header = header;
    this.payloadOffset = payloadOffset;
    this.payload = payload;
    this.mac = mac;
  }

  /**
   * Parses untrusted key block text.
   *
   * @param keyBlock the key block; {@code null} is reported as {@link ErrorCode#NULL_INPUT}
   * @param profile how strictly to read (not null)
   * @return the structural parse; under {@link Profile#LENIENT} its {@link #warnings()} name every
   *     tolerance used
   * @throws Tr31FormatException with the precise {@link ErrorCode} and absolute offset: {@link
   *     ErrorCode#NULL_INPUT}, {@link ErrorCode#EMPTY_INPUT}, {@link ErrorCode#INPUT_TOO_LONG},
   *     {@link ErrorCode#INVALID_CHARACTER}, any code of {@link KeyBlockHeader#parse}, {@link
   *     ErrorCode#LENGTH_MISMATCH}, {@link ErrorCode#HEADER_NOT_BLOCK_ALIGNED}, {@link
   *     ErrorCode#LOWERCASE_HEX} (strict only), {@link ErrorCode#INVALID_HEX} or {@link
   *     ErrorCode#INVALID_PAYLOAD_LENGTH}
   * @throws NullPointerException if {@code profile} is {@code null}
   */
  public static KeyBlock parse(CharSequence keyBlock, Profile profile) throws Tr31FormatException {
    Objects.requireNonNull(profile, "profile");
    if (keyBlock == null) {
      throw new Tr31FormatException(ErrorCode.NULL_INPUT, -1);
    }
    int n = keyBlock.length();
    if (n == 0) {
      throw new Tr31FormatException(ErrorCode.EMPTY_INPUT, 0);
    }
    if (n > MAX_LENGTH) {
      throw new Tr31FormatException(ErrorCode.INPUT_TOO_LONG, MAX_LENGTH);
    }
    String text = keyBlock.toString();
    if (profile == Profile.STRICT) {
      KeyBlock parsed = parseStrictWellFormed(text, n);
      if (parsed != null) {
        return parsed;
      }
    }
    return parseChecked(text, n, profile);
  }

  /**
   * The strict fast path for well-formed input: reads the text once. It skips the separate
   * printable-ASCII scan because, on success, every character has been checked by a stricter rule
   * (the header parser checks the fixed header and every optional block character, the hex decoder
   * every payload and MAC character). On ANY failure it returns {@code null} and {@link
   * #parseChecked} runs the checks in their specified order, so codes and offsets are unchanged.
   * Package-private for its differential property ({@code KeyBlockFastPathProperties}).
   */
  static KeyBlock parseStrictWellFormed(String text, int n) {
    KeyBlockHeader header = strictWellFormedHeader(text);
    if (header == null) {
      return null;
    }
    int headerLength = header.parsedLengthChars();
    int macOffset = n - 2 * header.version().macLengthBytes();
    try {
      // Ciphertext and MAC are public: the table-driven decoder is allowed here.
      byte[] payload = Hex.decodePublic(text, headerLength, macOffset, false);
      byte[] mac = Hex.decodePublic(text, macOffset, n, false);
      return new KeyBlock(text, header, headerLength, payload, mac, header.warnings(), null);
    } catch (Tr31FormatException e) {
      return null;
    }
  }

  /**
   * The strict fast path's structural part, shared by {@link #parseStrictWellFormed} and the unwrap
   * fast path ({@code KeyBlockProtectionKey}): the header of a block of 1 to {@link #MAX_LENGTH}
   * characters whose header parses under {@link Profile#STRICT} and whose declared length, header
   * alignment and payload length are right; {@code null} on any failure (the reference path then
   * reports it). The payload and MAC characters are not looked at.
   */
  static KeyBlockHeader strictWellFormedHeader(String text) {
    int n = text.length();
    if (n == 0 || n > MAX_LENGTH) {
      return null;
    }
    KeyBlockHeader header;
    try {
      header = HeaderParser.parse(text, Profile.STRICT);
    } catch (Tr31FormatException e) {
      return null;
    }
    KeyBlockVersion v = header.version();
    int headerLength = header.parsedLengthChars();
    int payloadChars = n - headerLength - 2 * v.macLengthBytes();
    if (header.declaredKeyBlockLength() != n
        || headerLength % v.cipherBlockSizeBytes() != 0
        || !payloadLengthOk(v, payloadChars)) {
      return null;
    }
    return header;
  }

  private static boolean payloadLengthOk(KeyBlockVersion v, int payloadChars) {
    if (payloadChars <= 0 || payloadChars % 2 != 0) {
      return false;
    }
    int payloadBytes = payloadChars / 2;
    return !v.isPaddedPayload()
        ? payloadBytes >= 3 // ISO 20038: CTR, no padding; at least the length field and a byte
        : payloadBytes % v.cipherBlockSizeBytes() == 0;
  }

  /** Every check in its specified order (the reference path; also the error path). */
  static KeyBlock parseChecked(String text, int n, Profile profile) throws Tr31FormatException {
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7E) {
        throw new Tr31FormatException(ErrorCode.INVALID_CHARACTER, i);
      }
    }
    KeyBlockHeader header = HeaderParser.parse(text, profile);
    if (header.declaredKeyBlockLength() != n) {
      throw new Tr31FormatException(
          ErrorCode.LENGTH_MISMATCH,
          1,
          "declared " + header.declaredKeyBlockLength() + ", got " + n);
    }
    KeyBlockVersion v = header.version();
    int headerLength = header.parsedLengthChars();
    // X9.143 6.3: the header is padded (PB) to a multiple of the cipher block; ISO 20038 (E)
    // requires the optional blocks to total a multiple of 16, which is the same condition.
    if (headerLength % v.cipherBlockSizeBytes() != 0) {
      throw new Tr31FormatException(ErrorCode.HEADER_NOT_BLOCK_ALIGNED, headerLength);
    }
    boolean lenient = profile == Profile.LENIENT;
    List<String> warnings = new ArrayList<>(header.warnings());
    int firstLower = -1;
    for (int i = headerLength; i < n; i++) {
      char c = text.charAt(i);
      boolean upper = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
      boolean lower = c >= 'a' && c <= 'f';
      if (lower && !lenient) {
        throw new Tr31FormatException(ErrorCode.LOWERCASE_HEX, i);
      }
      if (!upper && !lower) {
        throw new Tr31FormatException(ErrorCode.INVALID_HEX, i);
      }
      if (lower && firstLower == -1) {
        firstLower = i;
      }
    }
    String lowerCase = null;
    if (firstLower != -1) {
      lowerCase = "lower-case hex in payload or MAC from offset " + firstLower + " (tolerated)";
      warnings.add(lowerCase);
    }
    int payloadChars = n - headerLength - 2 * v.macLengthBytes();
    if (!payloadLengthOk(v, payloadChars)) {
      throw new Tr31FormatException(ErrorCode.INVALID_PAYLOAD_LENGTH, headerLength);
    }
    byte[] payload = Hex.decodePublic(text, headerLength, headerLength + payloadChars, true);
    byte[] mac = Hex.decodePublic(text, headerLength + payloadChars, n, true);
    return new KeyBlock(text, header, headerLength, payload, mac, warnings, lowerCase);
  }

  /**
   * {@return what the lenient profile tolerated (header and payload), one secret-free sentence
   * each; empty under strict} The list is unmodifiable.
   */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * The block-level tolerance of the lenient profile (lower-case hex in the payload or MAC, also in
   * {@link #warnings()}), or {@code null}: for the unwrapped key's typed warnings.
   */
  String lowerCaseHexWarning() {
    return lowerCaseHexWarning;
  }

  /** {@return the parsed header} */
  public KeyBlockHeader header() {
    return header;
  }

  /**
   * {@return the key block exactly as received} The MAC covers its header characters as they are.
   */
  String text() {
    return text;
  }

  /**
   * {@return the offset of the first payload character, which is also the header's length in
   * characters as received}
   */
  int payloadOffset() {
    return payloadOffset;
  }

  /** {@return the header characters exactly as received, optional blocks included} */
  String headerText() {
    return text.substring(0, payloadOffset);
  }

  /** {@return the encrypted payload, decoded from hex (a fresh copy)} */
  byte[] encryptedPayload() {
    return payload.clone();
  }

  /**
   * {@return the authenticator, decoded from hex (a fresh copy): 4 bytes for versions A and C, 8
   * for B, 16 for D and E}
   */
  byte[] mac() {
    return mac.clone();
  }

  /**
   * The encrypted payload itself, not a copy, for the unwrap path inside this package (saves a copy
   * per unwrap). Callers must not modify it.
   */
  byte[] encryptedPayloadShared() {
    return payload;
  }

  /** The authenticator itself, not a copy (see {@link #encryptedPayloadShared()}). */
  byte[] macShared() {
    return mac;
  }

  /**
   * The header characters exactly as received, as ASCII bytes (the MAC input), without an
   * intermediate substring. Every character was checked to be printable ASCII.
   */
  byte[] headerAscii() {
    byte[] out = new byte[payloadOffset];
    Hex.asciiInto(text, payloadOffset, out);
    return out;
  }
}
