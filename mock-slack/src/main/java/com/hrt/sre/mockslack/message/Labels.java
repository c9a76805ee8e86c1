package com.hrt.sre.mockslack.message;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** Label and annotation sets as Alertmanager shows them: sorted by name. */
final class Labels {

  private Labels() {}

  /** An immutable copy sorted by name; empty for null. */
  static Map<String, String> sorted(Map<String, String> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(map));
  }
}
