/*
 * SPDX-License-Identifier: Apache-2.0
 */
package io.tr31.cli;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A minimal, strict option parser: {@code --name value}, {@code --name=value}, flags, repeatable
 * options and positional arguments. Unknown options are usage errors.
 */
final class Options {
  private final Map<String, List<String>> values = new HashMap<>();
  private final List<String> positional = new ArrayList<>();

  private Options() {}

  /**
   * Parses {@code args}.
   *
   * @param withValue options that take a value
   * @param flags options without a value
   * @param repeatable options (among {@code withValue}) that may occur more than once
   */
  static Options parse(
      List<String> args, Set<String> withValue, Set<String> flags, Set<String> repeatable)
      throws UsageException {
    Options o = new Options();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("--")) {
        o.positional.addAll(args.subList(i + 1, args.size()));
        break;
      }
      if (!a.startsWith("--") || a.length() == 2) {
        o.positional.add(a);
        continue;
      }
      String name = a;
      String value = null;
      int eq = a.indexOf('=');
      if (eq > 0) {
        name = a.substring(0, eq);
        value = a.substring(eq + 1);
      }
      if (flags.contains(name)) {
        if (value != null) {
          throw new UsageException(name + " takes no value");
        }
        o.add(name, "", repeatable);
      } else if (withValue.contains(name)) {
        if (value == null) {
          if (i + 1 >= args.size()) {
            throw new UsageException(name + " needs a value");
          }
          value = args.get(++i);
        }
        o.add(name, value, repeatable);
      } else {
        throw new UsageException("unknown option " + name);
      }
    }
    return o;
  }

  private void add(String name, String value, Set<String> repeatable) throws UsageException {
    List<String> list = values.computeIfAbsent(name, k -> new ArrayList<>());
    if (!list.isEmpty() && !repeatable.contains(name)) {
      throw new UsageException(name + " given more than once");
    }
    list.add(value);
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  String get(String name) {
    List<String> l = values.get(name);
    return l == null ? null : l.get(0);
  }

  String require(String name) throws UsageException {
    String v = get(name);
    if (v == null) {
      throw new UsageException("missing " + name);
    }
    return v;
  }

  List<String> all(String name) {
    return values.getOrDefault(name, Collections.emptyList());
  }

  List<String> positional() {
    return positional;
  }

  /** The single optional positional argument, or {@code null}. */
  String optionalPositional() throws UsageException {
    if (positional.size() > 1) {
      throw new UsageException("unexpected argument (position 2)");
    }
    return positional.isEmpty() ? null : positional.get(0);
  }
}
