package com.hrt.sre.mockslack.incident;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One matcher of an Alertmanager silence, in the API v2 shape ({@code name}, {@code value}, {@code
 * isRegex}, {@code isEqual}).
 */
record SilenceMatcher(
    String name,
    String value,
    @JsonProperty("isRegex") boolean isRegex,
    @JsonProperty("isEqual") Boolean isEqual) {

  static SilenceMatcher equal(String name, String value) {
    return new SilenceMatcher(name, value, false, true);
  }

  /** Alertmanager before 0.22 has no isEqual: absent means equal. */
  boolean equality() {
    return isEqual == null || isEqual;
  }

  /**
   * A test of label sets against this matcher, as Alertmanager decides it: an absent label is the
   * empty string, a regex is anchored at both ends. (Java's regex dialect stands in for Go's RE2;
   * they agree on what label matchers use.) A regex that does not compile matches nothing. Compiled
   * once, so the sync does not compile a regex per message.
   */
  Predicate<Map<String, String>> compile() {
    boolean equality = equality();
    if (!isRegex) {
      return labels -> labels.getOrDefault(name, "").equals(value) == equality;
    }
    Pattern pattern;
    try {
      pattern = Pattern.compile("^(?:" + value + ")$");
    } catch (PatternSyntaxException e) {
      return labels -> false;
    }
    return labels -> pattern.matcher(labels.getOrDefault(name, "")).matches() == equality;
  }

  boolean matches(Map<String, String> labels) {
    return compile().test(labels);
  }

  /** As amtool and the Alertmanager UI write it: {@code name="value"}, {@code =~}, {@code !=}. */
  @Override
  public String toString() {
    String op = (equality() ? "=" : "!") + (isRegex ? "~" : (equality() ? "" : "="));
    return name + op + "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
