package com.hrt.sre.drill.report;

import java.util.List;

/**
 * One scenario's part of the report card.
 *
 * @param scenario its name
 * @param description what it breaks
 * @param verdict passed only when every criterion passed
 * @param criteria every criterion, in the order they were measured
 * @param noise alerts that fired without being expected
 * @param budgetConsumed share of the 30-day error budget spent (before minus after); null when not
 *     measured
 * @param healerActions what the auto-healer did
 * @param reason why it was not applicable; null otherwise
 */
public record ScenarioReport(
    String scenario,
    String description,
    Verdict verdict,
    List<Criterion> criteria,
    List<Timeline.NoiseAlert> noise,
    Double budgetConsumed,
    List<String> healerActions,
    String reason) {

  public ScenarioReport {
    criteria = List.copyOf(criteria);
    noise = List.copyOf(noise);
    healerActions = List.copyOf(healerActions);
  }
}
