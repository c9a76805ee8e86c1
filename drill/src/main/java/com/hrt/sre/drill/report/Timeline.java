package com.hrt.sre.drill.report;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one drill recorded, as instants (absent: it never happened). The runner fills it in; tests
 * read recorded ones from JSON fixtures.
 *
 * @param scenario the scenario's name
 * @param injectedAt when the injection step completed
 * @param healedAt when the heal step completed (or the auto-healer acted)
 * @param recoveredAt when the scenario's recovery condition first held after the heal
 * @param alerts per expected alert, what was seen of it
 * @param unexpected alerts that fired during the drill but were not expected: the noise
 * @param budgetRemainingBefore {@code slo:error_budget_remaining:ratio} before the injection
 * @param budgetRemainingAfter the same after recovery
 * @param healerActions what the auto-healer reported doing (its Events), in order, then the
 *     runner's notes (a player's Acknowledge, consequences that arrived)
 */
public record Timeline(
    String scenario,
    Instant injectedAt,
    Instant healedAt,
    Instant recoveredAt,
    List<AlertTimes> alerts,
    List<NoiseAlert> unexpected,
    Double budgetRemainingBefore,
    Double budgetRemainingAfter,
    List<String> healerActions) {

  public Timeline {
    alerts = alerts == null ? List.of() : List.copyOf(alerts);
    unexpected = unexpected == null ? List.of() : List.copyOf(unexpected);
    healerActions = healerActions == null ? List.of() : List.copyOf(healerActions);
  }

  /** What was seen of one expected alert; empty instants were never seen. */
  public Optional<AlertTimes> of(String alert) {
    return alerts.stream().filter(a -> a.alert().equals(alert)).findFirst();
  }

  /**
   * One alert's path: pending and firing in Prometheus, the firing message's arrival in mock-slack
   * (and in which channel), the resolved message's arrival.
   */
  public record AlertTimes(
      String alert,
      Instant pendingAt,
      Instant firingAt,
      Instant notifiedAt,
      String notifiedChannel,
      Instant resolvedNotifiedAt) {}

  /** An alert nobody expected, where and when it arrived. */
  public record NoiseAlert(String alert, String channel, Instant at) {}
}
