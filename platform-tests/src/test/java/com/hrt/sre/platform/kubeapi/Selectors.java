package com.hrt.sre.platform.kubeapi;

import java.util.Map;
import java.util.function.Predicate;

/**
 * Label and field selectors as the API server applies them to a list, for the forms kubectl sends:
 * {@code k=v}, {@code k==v}, {@code k!=v} and {@code k} (exists), comma-separated (all must hold).
 */
final class Selectors {

  private Selectors() {}

  static Predicate<Map<String, Object>> labels(String selector) {
    return object ->
        matches(
            selector,
            key -> {
              Object labels = Maps.at(object, "metadata.labels");
              return labels instanceof Map<?, ?> m ? (String) m.get(key) : null;
            });
  }

  static Predicate<Map<String, Object>> fields(String selector) {
    return object ->
        matches(
            selector,
            key -> {
              Object value = Maps.at(object, key);
              return value == null ? "" : value.toString();
            });
  }

  private static boolean matches(
      String selector, java.util.function.Function<String, String> value) {
    if (selector == null || selector.isBlank()) {
      return true;
    }
    for (String term : selector.split(",")) {
      String[] parts;
      if (term.contains("!=")) {
        parts = term.split("!=", 2);
        if (parts[1].equals(value.apply(parts[0].trim()))) {
          return false;
        }
      } else if (term.contains("=")) {
        parts = term.split("==?", 2);
        if (!parts[1].equals(value.apply(parts[0].trim()))) {
          return false;
        }
      } else if (value.apply(term.trim()) == null) {
        return false;
      }
    }
    return true;
  }
}
