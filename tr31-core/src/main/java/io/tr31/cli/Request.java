/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import io.tr31.Tr31FormatException;
import io.tr31.internal.Hex;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One {@code --json} request line: a flat JSON object of strings, booleans, integers and lists of
 * string pairs. Strict: duplicate keys, unknown fields and wrong types are errors.
 *
 * <h2>Security</h2>
 *
 * Whatever the operator gave on the command line is pinned ({@link Pins}): a line that names a
 * pinned field is refused before any key is read, so a line producer can never swap a KBPK, key or
 * profile the operator chose (issue 12, F1). Key fields are read through {@link #key}, whose errors
 * carry no offset.
 */
final class Request {
  static final String INVALID_JSON = "INVALID_JSON";
  static final String INVALID_REQUEST = "INVALID_REQUEST";

  private static final JsonFactory JSON =
      JsonFactory.builder()
          .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(4)
                  .maxStringLength(JsonLines.MAX_LINE_CHARS)
                  .maxNumberLength(10)
                  .build())
          .build();

  private final Map<String, Object> fields;
  private final Pins pins;

  private Request(Map<String, Object> fields, Pins pins) {
    this.fields = fields;
    this.pins = pins;
  }

  /**
   * The request fields the operator set on the command line: one rule for every {@code --json}
   * command. An option given on the command line pins its request field for the whole batch: a line
   * naming the field is answered {@code INVALID_REQUEST}, a line omitting it gets the command-line
   * value. A field whose option was not given stays the line's to choose. Built once per batch,
   * then only read (thread-confined to the batch loop).
   */
  static final class Pins {
    private final Map<String, String> options = new HashMap<>();
    private final Map<String, Object> values = new HashMap<>();
    private final Set<String> commandLineOnly = new HashSet<>();

    /**
     * Declares that {@code option} sets {@code field}, and pins the field when {@code value} is not
     * null (the option was given): a {@code String}, {@code Boolean}, {@code Long}, a list of
     * {@code String[2]} pairs, or a key's {@code byte[]} (owned, and wiped, by the command).
     */
    Pins field(String field, String option, Object value) {
      options.put(field, option);
      if (value != null) {
        values.put(field, value);
      }
      return this;
    }

    /**
     * Declares a field that only the command line sets: pinned for every batch, to {@code value}
     * (the option's effect when given, the secure default otherwise), so a line naming it is
     * refused whether or not {@code option} was given. For the options that weaken a default
     * (review 4, finding 6): a line producer must never be the one to weaken it.
     */
    Pins commandLineOnly(String field, String option, Object value) {
      commandLineOnly.add(field);
      return field(field, option, Objects.requireNonNull(value, field));
    }
  }

  static Request parse(String line, Set<String> allowed, Pins pins) throws RequestException {
    Map<String, Object> fields = new LinkedHashMap<>();
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new RequestException(INVALID_JSON, "a request is one JSON object per line");
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        admit(name, allowed, pins);
        fields.put(name, value(p, name, true));
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new RequestException(INVALID_JSON, "trailing data after the JSON object");
      }
    } catch (StreamConstraintsException e) {
      throw new RequestException(INVALID_JSON, "a number, name or string exceeds the limits");
    } catch (JsonProcessingException e) {
      // Jackson's own message may quote input (a key); report position only, when it has one.
      JsonLocation at = e.getLocation();
      throw new RequestException(
          INVALID_JSON,
          at == null ? "malformed JSON" : "malformed JSON at column " + at.getColumnNr());
    } catch (IOException e) {
      throw new RequestException(INVALID_JSON, "unreadable JSON");
    }
    fields.putAll(pins.values);
    return new Request(fields, pins);
  }

  /** Refuses a field the command does not define, or one the operator pinned. */
  private static void admit(String name, Set<String> allowed, Pins pins) throws RequestException {
    if (!allowed.contains(name)) {
      // Echo the name only if it looks like a field name: a pasted key must not be copied out.
      throw new RequestException(
          INVALID_REQUEST,
          name.matches("[a-z_]{1,32}") ? "unknown field \"" + name + "\"" : "unknown field");
    }
    if (pins.values.containsKey(name)) {
      // The operator chose this value: a line may not replace it (F1), nor restate it.
      throw new RequestException(
          INVALID_REQUEST,
          "field \""
              + name
              + "\" is set "
              + (pins.commandLineOnly.contains(name) ? "only " : "")
              + "by "
              + pins.options.get(name)
              + " on the command line");
    }
  }

  /**
   * A nested object field ({@code pin translate}'s {@code from} and {@code to}) as a request of its
   * own: its fields checked against {@code allowed} and {@code pins} exactly as a line's are; an
   * absent object is an empty one (every field then pinned or missing).
   */
  @SuppressWarnings("unchecked")
  Request object(String name, Set<String> allowed, Pins nested) throws RequestException {
    Object v = fields.get(name);
    if (v != null && !(v instanceof Map)) {
      throw wrongType(name, "an object");
    }
    Map<String, Object> inner = new LinkedHashMap<>();
    if (v != null) {
      for (Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet()) {
        try {
          admit(e.getKey(), allowed, nested);
        } catch (RequestException x) {
          throw new RequestException(INVALID_REQUEST, "in \"" + name + "\": " + x.getMessage());
        }
        inner.put(e.getKey(), e.getValue());
      }
    }
    inner.putAll(nested.values);
    return new Request(inner, nested);
  }

  private static Object value(JsonParser p, String name, boolean objectAllowed)
      throws IOException, RequestException {
    JsonToken t = p.nextToken();
    if (t == JsonToken.START_OBJECT && objectAllowed) {
      // One level of flat objects; their fields are checked by object().
      Map<String, Object> inner = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        inner.put(field, value(p, field, false));
      }
      return inner;
    }
    switch (t) {
      case VALUE_STRING:
        return p.getText();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NUMBER_INT:
        return p.getLongValue();
      case START_ARRAY:
        List<String[]> pairs = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_ARRAY) {
          String[] pair = new String[2];
          for (int i = 0; i < 2; i++) {
            if (p.nextToken() != JsonToken.VALUE_STRING) {
              throw wrongType(name, "a list of [string, string] pairs");
            }
            pair[i] = p.getText();
          }
          if (p.nextToken() != JsonToken.END_ARRAY) {
            throw wrongType(name, "a list of [string, string] pairs");
          }
          pairs.add(pair);
        }
        if (p.currentToken() != JsonToken.END_ARRAY) {
          throw wrongType(name, "a list of [string, string] pairs");
        }
        return pairs;
      default:
        throw wrongType(name, "a string, boolean, integer or list of pairs");
    }
  }

  private static RequestException wrongType(String name, String expected) {
    return new RequestException(INVALID_REQUEST, "field \"" + name + "\" must be " + expected);
  }

  String string(String name) throws RequestException {
    String v = optString(name);
    if (v == null) {
      throw missing(name);
    }
    return v;
  }

  private RequestException missing(String name) {
    String option = pins.options.get(name);
    return new RequestException(
        INVALID_REQUEST,
        "missing field \"" + name + "\"" + (option == null ? "" : " (and no " + option + ")"));
  }

  /**
   * A key field as a fresh array the caller wipes: a copy of the pinned command-line key, or the
   * line's hex. A hex error names the field and the fault, never an offset: where a key's bad digit
   * sits is key information, and key arguments report none either.
   */
  byte[] key(String name) throws RequestException, Tr31FormatException {
    Object v = fields.get(name);
    if (v instanceof byte[]) {
      return ((byte[]) v).clone();
    }
    String hex = string(name);
    try {
      return Hex.decode(hex, 0, hex.length(), false);
    } catch (Tr31FormatException e) {
      throw new Tr31FormatException(e.code(), -1, "in field " + name);
    }
  }

  String optString(String name) throws RequestException {
    Object v = fields.get(name);
    if (v != null && !(v instanceof String)) {
      throw wrongType(name, "a string");
    }
    return (String) v;
  }

  Boolean optBoolean(String name) throws RequestException {
    Object v = fields.get(name);
    if (v != null && !(v instanceof Boolean)) {
      throw wrongType(name, "true or false");
    }
    return (Boolean) v;
  }

  Integer optInt(String name) throws RequestException {
    Object v = fields.get(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Long) || (Long) v < 0 || (Long) v > Integer.MAX_VALUE) {
      throw wrongType(name, "a non-negative integer");
    }
    return ((Long) v).intValue();
  }

  @SuppressWarnings("unchecked")
  List<String[]> optPairs(String name) throws RequestException {
    Object v = fields.get(name);
    if (v != null && !(v instanceof List)) {
      throw wrongType(name, "a list of [string, string] pairs");
    }
    return v == null ? List.of() : (List<String[]>) v;
  }
}
