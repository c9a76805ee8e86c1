package com.hrt.sre.autohealer.workload;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the healer remembers about one workload, kept in the workload's own annotations so that the
 * next run (a new process) knows it: recent heal times, and when it last gave up.
 *
 * @param heals heal times within the last hour, oldest first (bounded: at most {@link
 *     #MAX_ENTRIES})
 * @param gaveUpAt when the healer last gave up on the workload, if ever
 */
public record HealHistory(List<Instant> heals, Optional<Instant> gaveUpAt) {

  /** Heal times, RFC 3339, comma-separated, oldest first. */
  public static final String HISTORY_ANNOTATION = "hrt-sre/auto-heal-history";

  /** The last give-up, RFC 3339: one AutoHealGaveUp Event per episode, not one per run. */
  public static final String GAVE_UP_ANNOTATION = "hrt-sre/auto-heal-gave-up-at";

  /** {@code "false"} opts a workload out of auto-healing. */
  public static final String OPT_OUT_ANNOTATION = "hrt-sre/auto-heal";

  static final Duration HOUR = Duration.ofHours(1);
  static final int MAX_ENTRIES = 20;

  public HealHistory {
    heals = List.copyOf(heals);
  }

  /** Reads the annotations; an unreadable entry is ignored rather than trusted. */
  public static HealHistory from(Map<String, String> annotations) {
    List<Instant> heals =
        Arrays.stream(annotations.getOrDefault(HISTORY_ANNOTATION, "").split(","))
            .map(HealHistory::parse)
            .flatMap(Optional::stream)
            .sorted()
            .toList();
    return new HealHistory(heals, parse(annotations.getOrDefault(GAVE_UP_ANNOTATION, "")));
  }

  /** The most recent heal, if any. */
  public Optional<Instant> lastHeal() {
    return heals.isEmpty() ? Optional.empty() : Optional.of(heals.get(heals.size() - 1));
  }

  /** Heals in the hour before {@code now}. */
  public long healsInLastHour(Instant now) {
    return heals.stream().filter(at -> at.isAfter(now.minus(HOUR))).count();
  }

  /** True when the healer already gave up since the last heal, i.e. in this episode. */
  public boolean gaveUpSinceLastHeal() {
    return gaveUpAt
        .filter(at -> lastHeal().map(heal -> !at.isBefore(heal)).orElse(true))
        .isPresent();
  }

  /**
   * The history annotation value after a heal at {@code now}: older than an hour dropped, bounded.
   */
  public String withHeal(Instant now) {
    List<Instant> kept =
        new ArrayList<>(heals.stream().filter(at -> at.isAfter(now.minus(HOUR))).toList());
    kept.add(now);
    List<Instant> bounded = kept.subList(Math.max(0, kept.size() - MAX_ENTRIES), kept.size());
    return bounded.stream().map(HealHistory::format).collect(Collectors.joining(","));
  }

  /** RFC 3339 in UTC with seconds, as kubectl writes {@code restartedAt}. */
  public static String format(Instant at) {
    return at.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static Optional<Instant> parse(String value) {
    String trimmed = Objects.requireNonNullElse(value, "").trim();
    if (trimmed.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(trimmed));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
