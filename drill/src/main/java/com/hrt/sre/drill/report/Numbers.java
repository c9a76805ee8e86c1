package com.hrt.sre.drill.report;

import java.util.Locale;

/** How a criterion's numbers read in Markdown and Slack: seconds, counts, budget percentages. */
final class Numbers {

  private Numbers() {}

  static String value(Double value, String unit) {
    if (value == null) {
      return "—";
    }
    return switch (unit) {
      case "s" -> String.format(Locale.ROOT, "%.1f s", value);
      case "budget" -> String.format(Locale.ROOT, "%.2f%%", value * 100);
      case "" -> "";
      default -> String.format(Locale.ROOT, "%.0f", value);
    };
  }

  /** "148.5 s (limit 170.0 s)", or the note alone for criteria without a number. */
  static String besideLimit(Criterion c) {
    if (c.limit() == null) {
      return c.note();
    }
    return value(c.measured(), c.unit()) + " (limit " + value(c.limit(), c.unit()) + ")";
  }

  static String mark(boolean passed) {
    return passed ? "pass" : "FAIL";
  }
}
