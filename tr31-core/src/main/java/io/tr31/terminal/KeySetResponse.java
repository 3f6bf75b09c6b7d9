/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.tr31.Tr31FormatException;
import io.tr31.keyblock.KeyCheckValue;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The body of the seed's {@code POST /pos/keys} response: the key set's metadata, the transport
 * description, one version D key block per {@link Slot} (base64 of its ASCII text) and the six
 * KCVs. {@link #parse} reads it strictly; {@link #toJson()} writes it in the seed's field order.
 *
 * <pre>{@code
 * {"key_set":{"key_set_id":"ks-2025-01","issued_at":"2025-12-13T14:25:30Z",
 *             "expires_at":"2026-12-13T14:25:30Z"},
 *  "transport":{"format":"TR31","encryption":"AES-256","wrapped_under":"kek"},
 *  "keys":{"tmk":{"key_id":"tmk-2025-01","key_block":"BASE64","usage":"key-encryption"}, ...},
 *  "verification":{"kcv":{"tmk":"A1B2C3", ...}}}
 * }</pre>
 *
 * <p>Every key block binds the metadata in two authenticated optional blocks (X9.143:2022 6.3):
 * {@code TS} = {@code issued_at} (the time the block was formed) and {@code LB} = {@code
 * slot/key_set_id/key_id/expires_at}, so the installer can prove that none of the JSON's ids, times
 * or slot assignments was altered. The JSON itself is not signed.
 *
 * <h2>Security</h2>
 *
 * Parsing is strict (src/docs/KEYSET.md): UTF-8 only, at most 128 KiB, exactly the seed's fields in
 * every object, no duplicates, exact JSON types, identifiers of 1-64 characters {@code A-Z a-z 0-9
 * . _ -}, times {@code YYYY-MM-DDThh:mm:ssZ} with {@code issued_at < expires_at}, canonical base64,
 * 6-hex-digit KCVs, and the fixed {@code transport} and {@code usage} strings. A parsed response is
 * NOT verified: only {@link KeySetInstaller} checks the key blocks, KCVs and bindings, which is why
 * this type is package-private (the public API hands out only verified sets). Nothing here is
 * secret (key blocks are ciphertext, KCVs are public). Immutable and thread-safe.
 */
final class KeySetResponse {
  /** Longest key set or key identifier. */
  static final int MAX_ID_CHARS = 64;

  /** The longest response body accepted, in bytes. */
  static final int MAX_JSON_BYTES = KeySetInstaller.MAX_RESPONSE_BYTES;

  // Every object is closed explicitly below; nothing is left for close() to complete.
  private static final JsonFactory JSON =
      JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_CONTENT).build();

  private final String keySetId;
  private final Instant issuedAt;
  private final Instant expiresAt;
  private final Map<Slot, String> keyIds;
  private final Map<Slot, String> keyBlocks;
  private final Map<Slot, KeyCheckValue> kcvs;

  KeySetResponse(
      String keySetId,
      Instant issuedAt,
      Instant expiresAt,
      Map<Slot, String> keyIds,
      Map<Slot, String> keyBlocks,
      Map<Slot, KeyCheckValue> kcvs) {
    this.keySetId = keySetId;
    this.issuedAt = issuedAt;
    this.expiresAt = expiresAt;
    this.keyIds = Collections.unmodifiableMap(new EnumMap<>(keyIds));
    this.keyBlocks = Collections.unmodifiableMap(new EnumMap<>(keyBlocks));
    this.kcvs = Collections.unmodifiableMap(new EnumMap<>(kcvs));
    for (Slot s : Slot.values()) {
      if (!this.keyIds.containsKey(s)
          || !this.keyBlocks.containsKey(s)
          || !this.kcvs.containsKey(s)) {
        throw new IllegalStateException("incomplete key set: " + s);
      }
    }
  }

  /**
   * Parses a response body (UTF-8 bytes as received). Only the JSON is checked: the key blocks are
   * verified by {@link KeySetInstaller#install(KeySetResponse)}.
   *
   * @param json the body as received; not {@code null}
   * @return the parsed response
   * @throws NullPointerException if {@code json} is {@code null}
   * @throws Tr31FormatException a {@code KEYSET_*} format code of {@link io.tr31.ErrorCode} with
   *     the offset and, inside {@code keys} or {@code verification.kcv}, the slot: {@code
   *     KEYSET_JSON_SYNTAX}, {@code KEYSET_WRONG_TYPE}, {@code KEYSET_DUPLICATE_FIELD}, {@code
   *     KEYSET_UNKNOWN_FIELD}, {@code KEYSET_MISSING_FIELD}, {@code KEYSET_TOO_LARGE}, {@code
   *     KEYSET_INVALID_ID}, {@code KEYSET_INVALID_TIME}, {@code KEYSET_INVALID_TRANSPORT}, {@code
   *     KEYSET_USAGE_MISMATCH}, {@code KEYSET_INVALID_BASE64} or {@code KEYSET_INVALID_KCV}
   */
  static KeySetResponse parse(byte[] json) throws Tr31FormatException {
    return KeySetJsonReader.read(Objects.requireNonNull(json, "json"));
  }

  /**
   * Parses a response held as text, encoded as UTF-8 first.
   *
   * @param json the body as received; not {@code null}
   * @return the parsed response
   * @throws NullPointerException if {@code json} is {@code null}
   * @throws Tr31FormatException as {@link #parse(byte[])}
   */
  static KeySetResponse parse(String json) throws Tr31FormatException {
    return parse(Objects.requireNonNull(json, "json").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Whether {@code id} is an acceptable key set or key identifier.
   *
   * @param id the candidate; {@code null} is not acceptable
   * @return {@code true} for 1 to {@link #MAX_ID_CHARS} characters of {@code A-Z a-z 0-9 . _ -}
   */
  static boolean isValidId(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_ID_CHARS) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** {@return {@code key_set.key_set_id}} */
  String keySetId() {
    return keySetId;
  }

  /** {@return {@code key_set.issued_at}, whole seconds} */
  Instant issuedAt() {
    return issuedAt;
  }

  /** {@return {@code key_set.expires_at}, whole seconds, after {@link #issuedAt()}} */
  Instant expiresAt() {
    return expiresAt;
  }

  /**
   * Reads a slot's key id.
   *
   * @param slot the slot; not {@code null}
   * @return {@code keys.<slot>.key_id}
   * @throws NullPointerException if {@code slot} is {@code null}
   */
  String keyId(Slot slot) {
    return keyIds.get(Objects.requireNonNull(slot, "slot"));
  }

  /**
   * Reads a slot's key block.
   *
   * @param slot the slot; not {@code null}
   * @return {@code keys.<slot>.key_block}, base64-decoded: the ASCII key block, not yet verified
   * @throws NullPointerException if {@code slot} is {@code null}
   */
  String keyBlock(Slot slot) {
    return keyBlocks.get(Objects.requireNonNull(slot, "slot"));
  }

  /**
   * Reads a slot's KCV.
   *
   * @param slot the slot; not {@code null}
   * @return {@code verification.kcv.<slot>}, the seed's 3-byte KCV ({@link KeySetKcv})
   * @throws NullPointerException if {@code slot} is {@code null}
   */
  KeyCheckValue kcv(Slot slot) {
    return kcvs.get(Objects.requireNonNull(slot, "slot"));
  }

  /**
   * The {@code LB} label every block of this set carries for {@code slot}: {@code
   * slot/key_set_id/key_id/expires_at}, e.g. {@code
   * tmk/ks-2025-01/tmk-2025-01/2026-12-13T14:25:30Z}. The separator {@code /} cannot occur in an
   * identifier, so the label has one reading.
   *
   * @param slot the slot; not {@code null}
   * @return the label, printable ASCII
   * @throws NullPointerException if {@code slot} is {@code null}
   */
  String label(Slot slot) {
    return label(slot, keySetId, keyId(slot), expiresAt);
  }

  static String label(Slot slot, String keySetId, String keyId, Instant expiresAt) {
    return slot.jsonName() + "/" + keySetId + "/" + keyId + "/" + KeySetTime.format(expiresAt);
  }

  /** {@return the response body in the seed's field order, one line, ASCII} */
  String toJson() {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeObjectFieldStart("key_set");
      g.writeStringField("key_set_id", keySetId);
      g.writeStringField("issued_at", KeySetTime.format(issuedAt));
      g.writeStringField("expires_at", KeySetTime.format(expiresAt));
      g.writeEndObject();
      g.writeObjectFieldStart("transport");
      for (int i = 0; i < KeySetJsonReader.TRANSPORT.length; i++) {
        g.writeStringField(KeySetJsonReader.TRANSPORT[i], KeySetJsonReader.TRANSPORT_VALUES[i]);
      }
      g.writeEndObject();
      g.writeObjectFieldStart("keys");
      for (Slot s : Slot.values()) {
        g.writeObjectFieldStart(s.jsonName());
        g.writeStringField("key_id", keyIds.get(s));
        g.writeStringField(
            "key_block",
            Base64.getEncoder()
                .encodeToString(keyBlocks.get(s).getBytes(StandardCharsets.US_ASCII)));
        g.writeStringField("usage", s.usage());
        g.writeEndObject();
      }
      g.writeEndObject();
      g.writeObjectFieldStart("verification");
      g.writeObjectFieldStart("kcv");
      for (Slot s : Slot.values()) {
        g.writeStringField(s.jsonName(), kcvs.get(s).hex());
      }
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringWriter never fails
    }
    return w.toString();
  }

  /** The key set id and validity; the body itself is {@link #toJson()}. */
  @Override
  public String toString() {
    return "KeySetResponse["
        + keySetId
        + ", "
        + KeySetTime.format(issuedAt)
        + " .. "
        + KeySetTime.format(expiresAt)
        + "]";
  }
}
