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
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One {@code --json} request line: a flat JSON object of strings, booleans, integers and lists of
 * string pairs. Strict: duplicate keys, unknown fields and wrong types are errors.
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

  private Request(Map<String, Object> fields) {
    this.fields = fields;
  }

  static Request parse(String line, Set<String> allowed) throws RequestException {
    Map<String, Object> fields = new LinkedHashMap<>();
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new RequestException(INVALID_JSON, "a request is one JSON object per line");
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        if (!allowed.contains(name)) {
          // Echo the name only if it looks like a field name: a pasted key must not be copied out.
          throw new RequestException(
              INVALID_REQUEST,
              name.matches("[a-z_]{1,32}") ? "unknown field \"" + name + "\"" : "unknown field");
        }
        fields.put(name, value(p, name));
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
    return new Request(fields);
  }

  private static Object value(JsonParser p, String name) throws IOException, RequestException {
    JsonToken t = p.nextToken();
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
      throw new RequestException(INVALID_REQUEST, "missing field \"" + name + "\"");
    }
    return v;
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
