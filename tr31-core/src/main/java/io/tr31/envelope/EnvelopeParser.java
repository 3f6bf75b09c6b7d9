/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.envelope;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.tr31.ErrorCode;
import io.tr31.Tr31FormatException;
import io.tr31.Tr31VerificationException;
import io.tr31.internal.Hex;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;

/**
 * Strict streaming parser for both envelope formats (src/docs/ENVELOPE.md): fields in any order,
 * every field known, none duplicated, none missing, exact types, hex in either case. Chunks are
 * handed to a {@link ChunkSink} one by one, so a chunked body is parsed in bounded memory.
 */
final class EnvelopeParser {
  private static final String[] TOP = {
    "format",
    "mode",
    "ciphertext",
    "initialization_vector",
    "chunk_size",
    "chunk_count",
    "total_length",
    "chunks"
  };
  private static final int FORMAT = 0;
  private static final int MODE = 1;
  private static final int CIPHERTEXT = 2;
  private static final int IV = 3;
  private static final int CHUNK_SIZE = 4;
  private static final int CHUNK_COUNT = 5;
  private static final int TOTAL_LENGTH = 6;
  private static final int CHUNKS = 7;
  private static final int SINGLE_FIELDS = 1 << FORMAT | 1 << MODE | 1 << CIPHERTEXT | 1 << IV;
  private static final int CHUNKED_FIELDS =
      1 << FORMAT
          | 1 << MODE
          | 1 << CHUNK_SIZE
          | 1 << CHUNK_COUNT
          | 1 << TOTAL_LENGTH
          | 1 << CHUNKS;

  private static final String[] CHUNK = {"index", "initialization_vector", "ciphertext"};

  private static final JsonFactory DEFAULT_FACTORY = build(EnvelopeOptions.DEFAULT_MAX_BODY_BYTES);

  private EnvelopeParser() {}

  /** A factory whose Jackson constraints bound every allocation by {@code maxBodyBytes}. */
  static JsonFactory factory(int maxBodyBytes) {
    return maxBodyBytes == EnvelopeOptions.DEFAULT_MAX_BODY_BYTES
        ? DEFAULT_FACTORY
        : build(maxBodyBytes);
  }

  private static JsonFactory build(int maxBodyBytes) {
    return JsonFactory.builder()
        .streamReadConstraints(
            StreamReadConstraints.builder()
                .maxDocumentLength(maxBodyBytes)
                .maxStringLength(maxBodyBytes)
                .maxNameLength(64)
                .maxNumberLength(32)
                .maxNestingDepth(8)
                .build())
        .build();
  }

  /** Parses {@code body} into {@code env}, handing chunks to {@code sink}. */
  static void parse(byte[] body, int maxBodyBytes, ParsedEnvelope env, ChunkSink sink)
      throws Tr31FormatException, Tr31VerificationException {
    requireUtf8(body, body.length);
    try (JsonParser p = factory(maxBodyBytes).createParser(body)) {
      parse(p, env, sink);
    } catch (IOException e) {
      throw new Tr31FormatException(
          ErrorCode.ENVELOPE_JSON_SYNTAX, -1); // nothing else can fail here
    }
  }

  /** Parses {@code body} into {@code env}; I/O errors of the stream itself propagate. */
  static void parse(InputStream body, int maxBodyBytes, ParsedEnvelope env, ChunkSink sink)
      throws Tr31FormatException, Tr31VerificationException, IOException {
    PushbackInputStream in = new PushbackInputStream(body, 4);
    byte[] head = Streams.readUpTo(in, 4);
    requireUtf8(head, head.length);
    in.unread(head);
    JsonParser p = factory(maxBodyBytes).createParser(in);
    p.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE); // the caller owns the stream
    try (p) {
      parse(p, env, sink);
    }
  }

  /**
   * RFC 8259 8.1: JSON exchanged between systems is UTF-8 without a byte order mark. Jackson would
   * otherwise guess UTF-16 or UTF-32 from zero bytes or a BOM in the first four bytes; a UTF-8 JSON
   * text never has a NUL byte there, and this reader never accepts a BOM.
   */
  private static void requireUtf8(byte[] head, int n) throws Tr31FormatException {
    for (int i = 0; i < Math.min(4, n); i++) {
      int b = head[i] & 0xFF;
      if (b == 0 || (i == 0 && (b == 0xEF || b == 0xFE || b == 0xFF))) {
        throw new Tr31FormatException(ErrorCode.ENVELOPE_JSON_SYNTAX, i, "body is not UTF-8");
      }
    }
  }

  private static void parse(JsonParser p, ParsedEnvelope env, ChunkSink sink)
      throws Tr31FormatException, Tr31VerificationException, IOException {
    try {
      parseObject(p, env, sink);
    } catch (StreamConstraintsException e) {
      throw new Tr31FormatException(ErrorCode.ENVELOPE_TOO_LARGE, offset(p), null);
    } catch (CharConversionException e) {
      // Jackson's own decoder found bytes that are not UTF-8: input, not an I/O failure.
      throw new Tr31FormatException(ErrorCode.ENVELOPE_JSON_SYNTAX, offset(p), "body is not UTF-8");
    } catch (JsonProcessingException e) {
      // Jackson's message may quote input; only the location is forwarded.
      JsonLocation loc = e.getLocation();
      throw new Tr31FormatException(
          ErrorCode.ENVELOPE_JSON_SYNTAX, loc == null ? -1 : offset(loc), null);
    }
  }

  private static void parseObject(JsonParser p, ParsedEnvelope env, ChunkSink sink)
      throws Tr31FormatException, Tr31VerificationException, IOException {
    JsonToken first = p.nextToken();
    if (first == null) {
      throw error(ErrorCode.ENVELOPE_JSON_SYNTAX, p, "empty body");
    }
    if (first != JsonToken.START_OBJECT) {
      throw error(ErrorCode.ENVELOPE_WRONG_TYPE, p, "top level must be an object");
    }
    int seen = 0;
    long[] fieldOffsets = new long[TOP.length];
    String format = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      int f = indexOf(TOP, p.currentName());
      if (f < 0) {
        throw error(ErrorCode.ENVELOPE_UNKNOWN_FIELD, p, null);
      }
      if ((seen & 1 << f) != 0) {
        throw error(ErrorCode.ENVELOPE_DUPLICATE_FIELD, p, TOP[f]);
      }
      seen |= 1 << f;
      fieldOffsets[f] = offset(p);
      JsonToken t = p.nextToken();
      switch (f) {
        case FORMAT:
          format = string(p, t, TOP[f]);
          if (!format.equals(EnvelopeFormat.SINGLE) && !format.equals(EnvelopeFormat.CHUNKED)) {
            throw error(ErrorCode.ENVELOPE_UNKNOWN_FORMAT, p, null);
          }
          break;
        case MODE:
          if (!string(p, t, TOP[f]).equals(EnvelopeFormat.MODE_CBC)) {
            throw error(ErrorCode.ENVELOPE_UNKNOWN_MODE, p, null);
          }
          break;
        case CIPHERTEXT:
          env.ciphertext = ciphertext(p, t, TOP[f]);
          break;
        case IV:
          env.iv = iv(p, t, TOP[f]);
          break;
        case CHUNK_SIZE:
          env.chunkSize = number(p, t, TOP[f], ErrorCode.ENVELOPE_CHUNK_SIZE);
          if (env.chunkSize < 1 || env.chunkSize > EnvelopeFormat.MAX_CHUNK_BYTES) {
            throw error(ErrorCode.ENVELOPE_CHUNK_SIZE, p, null);
          }
          break;
        case CHUNK_COUNT:
          env.chunkCount = number(p, t, TOP[f], ErrorCode.ENVELOPE_CHUNK_COUNT);
          if (env.chunkCount < 1) {
            throw error(ErrorCode.ENVELOPE_CHUNK_COUNT, p, null);
          }
          break;
        case TOTAL_LENGTH:
          env.totalLength = number(p, t, TOP[f], ErrorCode.ENVELOPE_TOTAL_LENGTH);
          break;
        case CHUNKS:
          env.chunksOffset = offset(p);
          chunks(p, t, sink);
          break;
        default:
          throw new AssertionError(f);
      }
    }
    env.endOffset = offset(p);
    if (p.currentToken() != JsonToken.END_OBJECT) {
      throw error(ErrorCode.ENVELOPE_JSON_SYNTAX, p, null);
    }
    if (p.nextToken() != null) {
      throw error(ErrorCode.ENVELOPE_JSON_SYNTAX, p, "content after the envelope");
    }
    if (format == null) {
      throw new Tr31FormatException(ErrorCode.ENVELOPE_MISSING_FIELD, env.endOffset, "format");
    }
    env.chunked = format.equals(EnvelopeFormat.CHUNKED);
    int allowed = env.chunked ? CHUNKED_FIELDS : SINGLE_FIELDS;
    // The lowest offending field is reported: the first in TOP's order.
    int foreign = seen & ~allowed;
    if (foreign != 0) {
      int f = Integer.numberOfTrailingZeros(foreign);
      throw new Tr31FormatException(ErrorCode.ENVELOPE_UNKNOWN_FIELD, fieldOffsets[f], TOP[f]);
    }
    int missing = allowed & ~seen;
    if (missing != 0) {
      int f = Integer.numberOfTrailingZeros(missing);
      throw new Tr31FormatException(ErrorCode.ENVELOPE_MISSING_FIELD, env.endOffset, TOP[f]);
    }
  }

  private static void chunks(JsonParser p, JsonToken t, ChunkSink sink)
      throws Tr31FormatException, Tr31VerificationException, IOException {
    if (t != JsonToken.START_ARRAY) {
      throw error(ErrorCode.ENVELOPE_WRONG_TYPE, p, "chunks");
    }
    JsonToken e;
    while ((e = p.nextToken()) != JsonToken.END_ARRAY) {
      if (e != JsonToken.START_OBJECT) {
        throw error(ErrorCode.ENVELOPE_WRONG_TYPE, p, "chunk");
      }
      long chunkOffset = offset(p);
      int seen = 0;
      long index = -1;
      byte[] iv = null;
      byte[] ct = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        int f = indexOf(CHUNK, p.currentName());
        if (f < 0) {
          throw error(ErrorCode.ENVELOPE_UNKNOWN_FIELD, p, null);
        }
        if ((seen & 1 << f) != 0) {
          throw error(ErrorCode.ENVELOPE_DUPLICATE_FIELD, p, CHUNK[f]);
        }
        seen |= 1 << f;
        JsonToken v = p.nextToken();
        if (f == 0) {
          index = number(p, v, CHUNK[f], ErrorCode.ENVELOPE_CHUNK_ORDER);
        } else if (f == 1) {
          iv = iv(p, v, CHUNK[f]);
        } else {
          ct = ciphertext(p, v, CHUNK[f]);
        }
      }
      for (int f = 0; f < CHUNK.length; f++) {
        if ((seen & 1 << f) == 0) {
          throw error(ErrorCode.ENVELOPE_MISSING_FIELD, p, CHUNK[f]);
        }
      }
      sink.chunk(index, iv, ct, chunkOffset);
    }
  }

  private static String string(JsonParser p, JsonToken t, String field)
      throws Tr31FormatException, IOException {
    if (t != JsonToken.VALUE_STRING) {
      throw error(ErrorCode.ENVELOPE_WRONG_TYPE, p, field);
    }
    return p.getText();
  }

  /** A non-negative integer; a value beyond {@code long} is refused with {@code rangeCode}. */
  private static long number(JsonParser p, JsonToken t, String field, ErrorCode rangeCode)
      throws Tr31FormatException, IOException {
    if (t != JsonToken.VALUE_NUMBER_INT) {
      throw error(ErrorCode.ENVELOPE_WRONG_TYPE, p, field);
    }
    JsonParser.NumberType nt = p.getNumberType();
    if (nt != JsonParser.NumberType.INT && nt != JsonParser.NumberType.LONG) {
      throw error(rangeCode, p, field);
    }
    long v = p.getLongValue();
    if (v < 0) {
      throw error(rangeCode, p, field);
    }
    return v;
  }

  private static byte[] iv(JsonParser p, JsonToken t, String field)
      throws Tr31FormatException, IOException {
    byte[] iv = hex(p, t, field);
    if (iv.length != AesCbc.BLOCK_BYTES) {
      throw error(ErrorCode.ENVELOPE_IV_LENGTH, p, field);
    }
    return iv;
  }

  private static byte[] ciphertext(JsonParser p, JsonToken t, String field)
      throws Tr31FormatException, IOException {
    byte[] ct = hex(p, t, field);
    if (ct.length == 0 || ct.length % AesCbc.BLOCK_BYTES != 0) {
      throw error(ErrorCode.ENVELOPE_CIPHERTEXT_LENGTH, p, field);
    }
    return ct;
  }

  /** Decodes a hex string value in either case, reporting the offending character's offset. */
  private static byte[] hex(JsonParser p, JsonToken t, String field)
      throws Tr31FormatException, IOException {
    if (t != JsonToken.VALUE_STRING) {
      throw error(ErrorCode.ENVELOPE_WRONG_TYPE, p, field);
    }
    char[] chars = p.getTextCharacters();
    int len = p.getTextLength();
    try {
      // IVs and ciphertexts are public: the table-driven decoder is allowed here.
      return Hex.decodePublic(chars, p.getTextOffset(), len, true);
    } catch (Tr31FormatException e) {
      ErrorCode code =
          e.code() == ErrorCode.ODD_HEX_LENGTH
              ? ErrorCode.ENVELOPE_ODD_HEX
              : ErrorCode.ENVELOPE_INVALID_HEX;
      // +1 skips the opening quote (exact unless the string uses JSON escapes).
      throw new Tr31FormatException(code, offset(p) + 1 + e.offset(), field);
    }
  }

  private static int indexOf(String[] names, String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static Tr31FormatException error(ErrorCode code, JsonParser p, String detail) {
    return new Tr31FormatException(code, offset(p), detail);
  }

  private static long offset(JsonParser p) {
    return offset(p.currentTokenLocation());
  }

  /** Every parser here reads bytes, so Jackson reports byte offsets (its char offset is -1). */
  private static long offset(JsonLocation loc) {
    return loc.getByteOffset();
  }
}
