/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the known-answer vectors from the test class path ({@code src/test/resources/vectors/},
 * provenance in {@code PROVENANCE.md} there). A missing file is a test FAILURE, never a skip: the
 * vectors are required evidence.
 */
public final class Vectors {
  /**
   * Valid blocks of {@code tr31_vectors.json} that the strict profile refuses although the file has
   * no {@code strict_header_validation} note for them: X9.143 rules this project enforces beyond
   * the file's strict decoder (CONFORMANCE.md 4.9, 9.5), each with the code and the reason. The
   * lenient profile reads them with a warning.
   */
  public static final Map<String, String> STRICTER_THAN_THE_FILE =
      Map.of(
          "TR31-049", "INVALID_OPTIONAL_BLOCK_DATA: KS of 16 hex digits (X9.143:2021 Table 16: 20)",
          "TR31-072", "OPTIONAL_BLOCK_ALGORITHM_MISMATCH: KS on an AES key (TDES DUKPT only)",
          "TR31-058",
          "DEGENERATE_TDES_KEY: a TDES key with K1 = K2 (single DES), refused once the MAC"
              + " verified (issue 12, F2; CONFORMANCE.md 9.5)");

  private Vectors() {}

  /** Whether the strict profile refuses this valid vector: the file's note or the list above. */
  public static boolean strictRefuses(Map<String, Object> v) {
    return v.containsKey("strict_header_validation")
        || STRICTER_THAN_THE_FILE.containsKey(v.get("id"));
  }

  /** Class-path folder of the vector files. */
  private static final String ROOT = "/vectors/";

  /** Parses {@code name} (relative to {@code /vectors/} on the class path) into maps, lists, etc. */
  public static Object load(String name) {
    try (InputStream in = Vectors.class.getResourceAsStream(ROOT + name)) {
      if (in == null) {
        throw new AssertionError("vector file missing from the test class path: " + ROOT + name);
      }
      try (JsonParser p = new JsonFactory().createParser(in)) {
        p.nextToken();
        return read(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses one JSON document from a string (used to read CLI output). */
  public static Object parseJson(String json) {
    try (JsonParser p = new JsonFactory().createParser(json)) {
      p.nextToken();
      return read(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Finds the entry of {@code tr31_vectors.json} with the given id. */
  public static Map<String, Object> keyBlockVector(String id) {
    for (Map<String, Object> v : loadList("tr31_vectors.json")) {
      if (id.equals(v.get("id"))) {
        return v;
      }
    }
    throw new AssertionError("no vector " + id);
  }

  /** Loads a file whose top level is an array of objects. */
  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> loadList(String name) {
    return (List<Map<String, Object>>) load(name);
  }

  /** Loads a file whose top level is an object. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> loadMap(String name) {
    return (Map<String, Object>) load(name);
  }

  private static Object read(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT:
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() != JsonToken.END_OBJECT) {
          String k = p.currentName();
          p.nextToken();
          m.put(k, read(p));
        }
        return m;
      case START_ARRAY:
        List<Object> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(read(p));
        }
        return l;
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return p.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw new IOException("unexpected token " + t);
    }
  }
}
