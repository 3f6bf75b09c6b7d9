/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.terminal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.tr31.ErrorCode;
import io.tr31.Tr31FormatException;
import io.tr31.internal.Hex;
import io.tr31.keyblock.KeyBlock;
import io.tr31.keyblock.KeyCheckValue;
import java.io.CharConversionException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;

/**
 * Strict streaming reader of the key set response (src/docs/KEYSET.md): every object has exactly
 * its fields, in any order, none repeated, each of the right JSON type; values are checked for
 * shape (identifiers, RFC 3339 times, canonical base64, 6-digit KCVs, the fixed transport and usage
 * strings). Duplicates are detected here rather than by Jackson's {@code
 * STRICT_DUPLICATE_DETECTION}, because every name is known and the refusal then gets its own code
 * ({@link ErrorCode#KEYSET_DUPLICATE_FIELD}) instead of a generic syntax error.
 */
final class KeySetJsonReader {
  static final String[] TOP = {"key_set", "transport", "keys", "verification"};
  static final String[] KEY_SET = {"key_set_id", "issued_at", "expires_at"};
  static final String[] TRANSPORT = {"format", "encryption", "wrapped_under"};
  static final String[] TRANSPORT_VALUES = {"TR31", "AES-256", "kek"};
  static final String[] KEY = {"key_id", "key_block", "usage"};
  static final String[] VERIFICATION = {"kcv"};
  static final String[] SLOTS = slotNames();

  static final int MAX_JSON_BYTES = KeySetResponse.MAX_JSON_BYTES;

  /** Base64 of the longest key block (9999 characters). */
  private static final int MAX_BASE64_CHARS = (KeyBlock.MAX_LENGTH + 2) / 3 * 4;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxDocumentLength(MAX_JSON_BYTES)
                  .maxStringLength(MAX_BASE64_CHARS)
                  .maxNameLength(64)
                  .maxNumberLength(32)
                  .maxNestingDepth(4)
                  .build())
          .build();

  private final JsonParser p;
  private String keySetId;
  private Instant issuedAt;
  private Instant expiresAt;
  private final Map<Slot, String> keyIds = new EnumMap<>(Slot.class);
  private final Map<Slot, String> keyBlocks = new EnumMap<>(Slot.class);
  private final Map<Slot, KeyCheckValue> kcvs = new EnumMap<>(Slot.class);

  private KeySetJsonReader(JsonParser p) {
    this.p = p;
  }

  private static String[] slotNames() {
    Slot[] slots = Slot.values();
    String[] names = new String[slots.length];
    for (int i = 0; i < slots.length; i++) {
      names[i] = slots[i].jsonName();
    }
    return names;
  }

  static KeySetResponse read(byte[] json) throws Tr31FormatException {
    if (json.length > MAX_JSON_BYTES) {
      throw KeySetRefusal.format(ErrorCode.KEYSET_TOO_LARGE, null, MAX_JSON_BYTES, null);
    }
    requireUtf8(json);
    try (JsonParser p = FACTORY.createParser(json)) {
      KeySetJsonReader r = new KeySetJsonReader(p);
      try {
        r.document();
      } catch (StreamConstraintsException e) {
        throw KeySetRefusal.format(ErrorCode.KEYSET_TOO_LARGE, null, offset(p), null);
      } catch (CharConversionException e) {
        throw KeySetRefusal.format(ErrorCode.KEYSET_JSON_SYNTAX, null, offset(p), "not UTF-8");
      } catch (JsonProcessingException e) {
        // Jackson's message may quote input: only the location is kept.
        JsonLocation loc = e.getLocation();
        throw KeySetRefusal.format(
            ErrorCode.KEYSET_JSON_SYNTAX, null, loc == null ? -1 : offset(loc), null);
      }
      return new KeySetResponse(r.keySetId, r.issuedAt, r.expiresAt, r.keyIds, r.keyBlocks, r.kcvs);
    } catch (IOException e) {
      // Reading a byte array cannot fail otherwise; refuse rather than propagate.
      throw KeySetRefusal.format(ErrorCode.KEYSET_JSON_SYNTAX, null, -1, null);
    }
  }

  /**
   * RFC 8259 8.1: UTF-8 without a byte order mark. Jackson would otherwise guess UTF-16 or UTF-32
   * from zero bytes or a BOM in the first four bytes (the envelope parser's Jazzer finding).
   */
  private static void requireUtf8(byte[] json) throws Tr31FormatException {
    for (int i = 0; i < Math.min(4, json.length); i++) {
      int b = json[i] & 0xFF;
      if (b == 0 || (i == 0 && (b == 0xEF || b == 0xFE || b == 0xFF))) {
        throw KeySetRefusal.format(ErrorCode.KEYSET_JSON_SYNTAX, null, i, "not UTF-8");
      }
    }
  }

  /** Handles the value of field {@code index} of an object, the parser on the value's token. */
  private interface Field {
    void read(int index, JsonToken value) throws Tr31FormatException, IOException;
  }

  private void document() throws Tr31FormatException, IOException {
    JsonToken first = p.nextToken();
    if (first == null) {
      throw error(ErrorCode.KEYSET_JSON_SYNTAX, null, "empty");
    }
    object(first, "", TOP, null, (i, t) -> top(i, t));
    if (p.nextToken() != null) {
      throw error(ErrorCode.KEYSET_JSON_SYNTAX, null, "content after the object");
    }
  }

  private void top(int i, JsonToken t) throws Tr31FormatException, IOException {
    switch (i) {
      case 0:
        object(t, "key_set", KEY_SET, null, (f, v) -> keySet(f, v));
        if (!issuedAt.isBefore(expiresAt)) {
          throw error(ErrorCode.KEYSET_INVALID_TIME, null, "expires_at is not after issued_at");
        }
        break;
      case 1:
        object(t, "transport", TRANSPORT, null, (f, v) -> transport(f, v));
        break;
      case 2:
        object(t, "keys", SLOTS, null, (f, v) -> key(Slot.values()[f], v));
        break;
      default:
        object(t, "verification", VERIFICATION, null, (f, v) -> kcvObject(v));
        break;
    }
  }

  private void keySet(int f, JsonToken t) throws Tr31FormatException, IOException {
    String path = "key_set." + KEY_SET[f];
    String s = string(t, path, null);
    if (f == 0) {
      keySetId = id(s, path, null);
    } else {
      Instant at = KeySetTime.parse(s);
      if (at == null) {
        throw error(ErrorCode.KEYSET_INVALID_TIME, null, path);
      }
      if (f == 1) {
        issuedAt = at;
      } else {
        expiresAt = at;
      }
    }
  }

  private void transport(int f, JsonToken t) throws Tr31FormatException, IOException {
    String path = "transport." + TRANSPORT[f];
    if (!string(t, path, null).equals(TRANSPORT_VALUES[f])) {
      throw error(ErrorCode.KEYSET_INVALID_TRANSPORT, null, path);
    }
  }

  private void key(Slot slot, JsonToken t) throws Tr31FormatException, IOException {
    String base = "keys." + slot.jsonName();
    object(
        t,
        base,
        KEY,
        slot,
        (f, v) -> {
          String path = base + "." + KEY[f];
          String s = string(v, path, slot);
          switch (f) {
            case 0:
              keyIds.put(slot, id(s, path, slot));
              break;
            case 1:
              keyBlocks.put(slot, keyBlock(s, path, slot));
              break;
            default:
              if (!s.equals(slot.usage())) {
                throw error(ErrorCode.KEYSET_USAGE_MISMATCH, slot, path);
              }
              break;
          }
        });
  }

  private void kcvObject(JsonToken t) throws Tr31FormatException, IOException {
    object(
        t,
        "verification.kcv",
        SLOTS,
        null,
        (f, v) -> {
          Slot slot = Slot.values()[f];
          String path = "verification.kcv." + slot.jsonName();
          String s = string(v, path, slot);
          if (s.length() != 2 * KeySetKcv.LENGTH_BYTES) {
            throw error(ErrorCode.KEYSET_INVALID_KCV, slot, path);
          }
          try {
            kcvs.put(slot, KeySetKcv.of(Hex.decode(s, 0, s.length(), true)));
          } catch (Tr31FormatException e) {
            throw error(ErrorCode.KEYSET_INVALID_KCV, slot, path);
          }
        });
  }

  /**
   * Reads one object whose token {@code t} was just read: exactly the fields {@code names}. Errors
   * inside are attributed to {@code slot}; for an object whose field names are the slots, an error
   * about a named field is attributed to that slot.
   */
  private void object(JsonToken t, String path, String[] names, Slot slot, Field field)
      throws Tr31FormatException, IOException {
    if (t != JsonToken.START_OBJECT) {
      throw error(ErrorCode.KEYSET_WRONG_TYPE, slot, path.isEmpty() ? "top level" : path);
    }
    boolean slotNames = names == SLOTS;
    int seen = 0;
    JsonToken n;
    while ((n = p.nextToken()) == JsonToken.FIELD_NAME) {
      int i = indexOf(names, p.currentName());
      if (i < 0) {
        // The unknown name is untrusted input: only the enclosing path is reported.
        throw error(ErrorCode.KEYSET_UNKNOWN_FIELD, slot, "in " + where(path));
      }
      Slot s = slotNames ? Slot.values()[i] : slot;
      if ((seen & 1 << i) != 0) {
        throw error(ErrorCode.KEYSET_DUPLICATE_FIELD, s, prefix(path) + names[i]);
      }
      seen |= 1 << i;
      field.read(i, p.nextToken());
    }
    if (n != JsonToken.END_OBJECT) {
      throw error(ErrorCode.KEYSET_JSON_SYNTAX, slot, null);
    }
    for (int i = 0; i < names.length; i++) {
      if ((seen & 1 << i) == 0) {
        Slot s = slotNames ? Slot.values()[i] : slot;
        throw error(ErrorCode.KEYSET_MISSING_FIELD, s, prefix(path) + names[i]);
      }
    }
  }

  private static String where(String path) {
    return path.isEmpty() ? "top level" : path;
  }

  private static String prefix(String path) {
    return path.isEmpty() ? "" : path + ".";
  }

  private String string(JsonToken t, String path, Slot slot)
      throws Tr31FormatException, IOException {
    if (t != JsonToken.VALUE_STRING) {
      throw error(ErrorCode.KEYSET_WRONG_TYPE, slot, path);
    }
    return p.getText();
  }

  private String id(String s, String path, Slot slot) throws Tr31FormatException {
    if (!KeySetResponse.isValidId(s)) {
      throw error(ErrorCode.KEYSET_INVALID_ID, slot, path);
    }
    return s;
  }

  /** Canonical RFC 4648 base64 (padding required, no line breaks) of a printable ASCII block. */
  private String keyBlock(String s, String path, Slot slot) throws Tr31FormatException {
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw error(ErrorCode.KEYSET_INVALID_BASE64, slot, path);
    }
    // The JDK decoder accepts missing padding and non-zero trailing bits: re-encoding refuses both.
    if (raw.length == 0 || !Base64.getEncoder().encodeToString(raw).equals(s)) {
      throw error(ErrorCode.KEYSET_INVALID_BASE64, slot, path);
    }
    for (byte b : raw) {
      if (b < 0x20 || b > 0x7E) {
        throw error(ErrorCode.KEYSET_INVALID_BASE64, slot, path + " (not printable ASCII)");
      }
    }
    return new String(raw, StandardCharsets.US_ASCII);
  }

  private static int indexOf(String[] names, String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private Tr31FormatException error(ErrorCode code, Slot slot, String detail) {
    return KeySetRefusal.format(code, slot, offset(p), detail);
  }

  private static long offset(JsonParser p) {
    return offset(p.currentTokenLocation());
  }

  /** Both {@code parse} methods hand Jackson bytes: its locations carry byte offsets only. */
  private static long offset(JsonLocation loc) {
    return loc.getByteOffset();
  }
}
