package com.hrt.sre.drill.floor;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * One Alertmanager label matcher ({@code severity="page"}, {@code alertname!="Watchdog"}, {@code
 * service=~"portal|batch-sync"}). Regular expressions are anchored, as Alertmanager anchors them.
 */
record Matcher(String label, String operator, String value) {

  private static final Pattern SYNTAX =
      Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"?(.*?)\"?\\s*");

  static Matcher parse(String text) {
    java.util.regex.Matcher m = SYNTAX.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a matcher like severity=\"page\"");
    }
    return new Matcher(m.group(1), m.group(2), m.group(3));
  }

  boolean matches(Map<String, String> labels) {
    String actual = labels.getOrDefault(label, "");
    return switch (operator) {
      case "=" -> actual.equals(value);
      case "!=" -> !actual.equals(value);
      case "=~" -> actual.matches(value);
      default -> !actual.matches(value);
    };
  }
}
