package com.hrt.sre.drill.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations written the way Prometheus and Alertmanager write them ({@code 10s}, {@code 2m}, {@code
 * 1h30m}, {@code 500ms}, {@code 3d}), so a scenario's limits read like the rules they are compared
 * with.
 */
public final class PromDuration {

  private static final Pattern WHOLE = Pattern.compile("((\\d+)(ms|s|m|h|d|w|y))+");
  private static final Pattern TERM = Pattern.compile("(\\d+)(ms|s|m|h|d|w|y)");

  private PromDuration() {}

  /**
   * Parses {@code text}; an {@link IllegalArgumentException} says what is wrong with it.
   *
   * @throws IllegalArgumentException when {@code text} is not a Prometheus duration
   */
  public static Duration parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    if (!WHOLE.matcher(trimmed).matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration like 30s, 2m, 1h30m or 500ms");
    }
    Duration total = Duration.ZERO;
    Matcher term = TERM.matcher(trimmed);
    while (term.find()) {
      long amount = Long.parseLong(term.group(1));
      total =
          total.plus(
              switch (term.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                case "w" -> Duration.ofDays(7 * amount);
                default -> Duration.ofDays(365 * amount);
              });
    }
    return total;
  }

  /** Whole hours or minutes as such, else seconds ({@code 150s}), else milliseconds. */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 1000 != 0) {
      return millis + "ms";
    }
    long seconds = millis / 1000;
    if (seconds != 0 && seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    if (seconds != 0 && seconds % 60 == 0 && seconds < 3600) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }
}
