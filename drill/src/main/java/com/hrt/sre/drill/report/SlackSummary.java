package com.hrt.sre.drill.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * The report card as one Slack incoming-webhook message for {@code #gameday}: a summary line and
 * one attachment per scenario (green passed, red failed, grey not applicable), so mock-slack shows
 * it like any other message, as information rather than an alert.
 */
public final class SlackSummary {

  public static final String CHANNEL = "#gameday";

  private final JsonMapper mapper = JsonMapper.builder().build();

  public String payload(ReportCard card) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("channel", CHANNEL);
    payload.put("username", "drill");
    payload.put(
        "text",
        "Game day " + card.startedAt() + " (" + card.mode() + "): " + MarkdownReport.summary(card));
    List<Map<String, Object>> attachments = new ArrayList<>();
    for (ScenarioReport scenario : card.scenarios()) {
      Map<String, Object> attachment = new LinkedHashMap<>();
      attachment.put(
          "title", scenario.scenario() + ": " + MarkdownReport.label(scenario.verdict()));
      attachment.put("color", color(scenario.verdict()));
      attachment.put("text", text(scenario));
      attachments.add(attachment);
    }
    payload.put("attachments", attachments);
    return mapper.writeValueAsString(payload);
  }

  private static String text(ScenarioReport scenario) {
    if (scenario.verdict() == Verdict.NOT_APPLICABLE) {
      return "not applicable: " + scenario.reason();
    }
    return scenario.criteria().stream()
        .map(
            c ->
                Numbers.mark(c.passed())
                    + " "
                    + c.subject()
                    + " "
                    + c.name()
                    + ": "
                    + Numbers.besideLimit(c))
        .collect(Collectors.joining("\n"));
  }

  /**
   * Hex colours, never Slack's named "good"/"danger": mock-slack (like alert tooling) reads those
   * as an alert's resolved/firing status, and a report card is neither; the hex values are the ones
   * Slack draws for the named colours.
   */
  private static String color(Verdict verdict) {
    return switch (verdict) {
      case PASSED -> "#2eb886";
      case FAILED -> "#a30200";
      case NOT_APPLICABLE -> "#9e9e9e";
    };
  }
}
