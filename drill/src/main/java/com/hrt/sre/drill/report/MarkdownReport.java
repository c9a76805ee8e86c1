package com.hrt.sre.drill.report;

import java.util.Locale;

/** The report card as Markdown: one table per scenario, each number beside its limit. */
public final class MarkdownReport {

  public String render(ReportCard card) {
    StringBuilder out = new StringBuilder();
    out.append("# Game day ")
        .append(card.startedAt())
        .append(" (")
        .append(card.mode())
        .append(" mode)\n\n")
        .append(summary(card))
        .append("\n");
    for (ScenarioReport scenario : card.scenarios()) {
      out.append("\n## ")
          .append(scenario.scenario())
          .append(": ")
          .append(label(scenario.verdict()))
          .append("\n\n")
          .append(scenario.description())
          .append("\n");
      if (scenario.verdict() == Verdict.NOT_APPLICABLE) {
        out.append("\nNot applicable: ").append(scenario.reason()).append(".\n");
        continue;
      }
      out.append("\n| subject | criterion | measured | limit | floor | result | note |\n")
          .append("| --- | --- | --- | --- | --- | --- | --- |\n");
      for (Criterion c : scenario.criteria()) {
        out.append("| ")
            .append(c.subject())
            .append(" | ")
            .append(c.name())
            .append(" | ")
            .append(Numbers.value(c.measured(), c.unit()))
            .append(" | ")
            .append(c.limit() == null ? "" : Numbers.value(c.limit(), c.unit()))
            .append(" | ")
            .append(c.floor() == null ? "" : Numbers.value(c.floor(), c.unit()))
            .append(" | ")
            .append(Numbers.mark(c.passed()))
            .append(" | ")
            .append(c.note().replace("|", "\\|"))
            .append(" |\n");
      }
      if (!scenario.noise().isEmpty()) {
        out.append("\nNoise (fired, not expected):\n\n");
        scenario
            .noise()
            .forEach(
                n ->
                    out.append("- ")
                        .append(n.alert())
                        .append(" in ")
                        .append(n.channel())
                        .append(" at ")
                        .append(n.at())
                        .append("\n"));
      }
      if (scenario.budgetConsumed() != null) {
        out.append("\nError budget consumed: ")
            .append(Numbers.value(scenario.budgetConsumed(), "budget"))
            .append(" of the 30-day budget.\n");
      }
      if (!scenario.healerActions().isEmpty()) {
        out.append("\nNotes (the auto-healer's Events, the player, consequences):\n\n");
        scenario.healerActions().forEach(a -> out.append("- ").append(a).append("\n"));
      }
    }
    return out.toString();
  }

  static String summary(ReportCard card) {
    return String.format(
        Locale.ROOT,
        "%s: %d passed, %d failed, %d not applicable.",
        card.passed() ? "PASSED" : "FAILED",
        card.count(Verdict.PASSED),
        card.count(Verdict.FAILED),
        card.count(Verdict.NOT_APPLICABLE));
  }

  static String label(Verdict verdict) {
    return switch (verdict) {
      case PASSED -> "passed";
      case FAILED -> "FAILED";
      case NOT_APPLICABLE -> "not applicable";
    };
  }
}
