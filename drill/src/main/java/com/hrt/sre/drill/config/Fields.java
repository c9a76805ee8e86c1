package com.hrt.sre.drill.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One YAML mapping read field by field, each failure naming the file and the field's path ({@code
 * inject.local.body.failureRate}). Unknown fields are errors: a typo in a scenario must not
 * silently turn a check off.
 */
public final class Fields {

  private final Path file;
  private final String path;
  private final Map<String, Object> values;

  private Fields(Path file, String path, Map<String, Object> values) {
    this.file = file;
    this.path = path;
    this.values = values;
  }

  /** The document's root, which must be a mapping. */
  public static Fields root(Path file, Object document) {
    return of(file, "", document);
  }

  private static Fields of(Path file, String path, Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new ConfigFileException(
          file,
          (path.isEmpty() ? "the document" : path)
              + ": must be a mapping of fields, got "
              + describe(value));
    }
    Map<String, Object> values = new LinkedHashMap<>();
    map.forEach((key, v) -> values.put(String.valueOf(key), v));
    return new Fields(file, path, values);
  }

  public Path file() {
    return file;
  }

  /** The path of {@code field} below this mapping, for messages. */
  public String pathOf(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  /** An error about {@code field}, naming the file and the field. */
  public ConfigFileException error(String field, String problem) {
    return new ConfigFileException(file, pathOf(field) + ": " + problem);
  }

  /** Fails when this mapping has a field outside {@code known}. */
  public Fields onlyKnown(Set<String> known) {
    for (String key : values.keySet()) {
      if (!known.contains(key)) {
        throw error(key, "unknown field; known fields here: " + String.join(", ", sorted(known)));
      }
    }
    return this;
  }

  public boolean has(String field) {
    return values.get(field) != null;
  }

  public Set<String> keys() {
    return values.keySet();
  }

  public String string(String field) {
    return optionalString(field).orElseThrow(() -> error(field, "is required"));
  }

  public Optional<String> optionalString(String field) {
    Object value = values.get(field);
    if (value == null) {
      return Optional.empty();
    }
    if (value instanceof Map || value instanceof List) {
      throw error(field, "must be a text value, got " + describe(value));
    }
    String text = String.valueOf(value).trim();
    if (text.isEmpty()) {
      throw error(field, "must not be empty");
    }
    return Optional.of(text);
  }

  public double number(String field) {
    Object value = values.get(field);
    if (!(value instanceof Number number)) {
      throw error(
          field, value == null ? "is required" : "must be a number, got " + describe(value));
    }
    return number.doubleValue();
  }

  public boolean bool(String field) {
    Object value = values.get(field);
    if (!(value instanceof Boolean b)) {
      throw error(
          field, value == null ? "is required" : "must be true or false, got " + describe(value));
    }
    return b;
  }

  public Duration duration(String field) {
    return optionalDuration(field).orElseThrow(() -> error(field, "is required"));
  }

  public Optional<Duration> optionalDuration(String field) {
    Optional<String> text = optionalString(field);
    try {
      return text.map(PromDuration::parse);
    } catch (IllegalArgumentException e) {
      throw error(field, e.getMessage());
    }
  }

  public Fields mapping(String field) {
    Object value = values.get(field);
    if (value == null) {
      throw error(field, "is required");
    }
    return of(file, pathOf(field), value);
  }

  public Optional<Fields> optionalMapping(String field) {
    return has(field) ? Optional.of(mapping(field)) : Optional.empty();
  }

  /** A list of mappings; empty when the field is absent. */
  public List<Fields> mappings(String field) {
    Object value = values.get(field);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw error(field, "must be a list, got " + describe(value));
    }
    List<Fields> items = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      items.add(of(file, pathOf(field) + "[" + i + "]", list.get(i)));
    }
    return items;
  }

  /** A list of text values; empty when the field is absent. */
  public List<String> strings(String field) {
    Object value = values.get(field);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw error(field, "must be a list, got " + describe(value));
    }
    List<String> items = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Object item = list.get(i);
      if (item == null || item instanceof Map || item instanceof List) {
        throw error(field + "[" + i + "]", "must be a text value, got " + describe(item));
      }
      items.add(String.valueOf(item).trim());
    }
    return items;
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }

  private static String describe(Object value) {
    if (value == null) {
      return "nothing";
    }
    if (value instanceof Map) {
      return "a mapping";
    }
    if (value instanceof List) {
      return "a list";
    }
    return "'" + value + "'";
  }
}
