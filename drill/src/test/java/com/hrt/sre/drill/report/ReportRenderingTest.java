package com.hrt.sre.drill.report;

import static com.hrt.sre.drill.report.ReportCalculatorTest.CALCULATOR;
import static com.hrt.sre.drill.report.ReportCalculatorTest.SCENARIOS;
import static com.hrt.sre.drill.report.ReportCalculatorTest.reportOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.drill.scenario.Mode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ReportRenderingTest {

  private static final ReportCard CARD =
      new ReportCard(
          Instant.parse("2026-12-02T09:00:00Z"),
          "local",
          List.of(
              reportOf("errors", "errors-failed.json"),
              reportOf("crashloop", "crashloop-healed.json"),
              CALCULATOR.notApplicable(SCENARIOS.named("healer-down").orElseThrow(), Mode.LOCAL)));

  @Test
  void markdownShowsEachNumberBesideItsLimitAndFloor() {
    String markdown = new MarkdownReport().render(CARD);

    assertThat(markdown)
        .startsWith("# Game day 2026-12-02T09:00:00Z (local mode)\n\n")
        .contains("FAILED: 1 passed, 1 failed, 1 not applicable.")
        .contains("## errors: FAILED")
        .contains(
            "| PortalHighErrorRate | detect | 210.0 s | 170.0 s | 140.0 s | FAIL | break to firing |")
        .contains("| scenario | budget | 14.90% | 10.00% |  | FAIL |")
        .contains("- TargetDown in #alerts at 2026-12-02T10:02:40Z")
        .contains("Error budget consumed: 14.90% of the 30-day budget.")
        .contains("## crashloop: passed")
        .contains("- restarted portal/Deployment/portal")
        .contains("## healer-down: not applicable")
        .contains("Not applicable: runs in [cluster] only, not in local.");
  }

  @Test
  void jsonCarriesEveryCriterionAndReadsBackToTheSameCard() {
    JsonReport json = new JsonReport();
    String text = json.render(CARD);

    JsonNode tree = JsonMapper.builder().build().readTree(text);
    assertThat(tree.get("mode").asString()).isEqualTo("local");
    JsonNode detect = tree.get("scenarios").get(0).get("criteria").get(0);
    assertThat(detect.get("name").asString()).isEqualTo("detect");
    assertThat(detect.get("measured").asDouble()).isEqualTo(210.0);
    assertThat(detect.get("limit").asDouble()).isEqualTo(170.0);
    assertThat(detect.get("passed").asBoolean()).isFalse();
    assertThat(tree.get("scenarios").get(2).get("verdict").asString()).isEqualTo("NOT_APPLICABLE");
    assertThat(json.read(text)).isEqualTo(CARD);
  }

  @Test
  void slackSummaryIsOneIncomingWebhookMessageForGameday() {
    JsonNode payload = JsonMapper.builder().build().readTree(new SlackSummary().payload(CARD));

    assertThat(payload.get("channel").asString()).isEqualTo("#gameday");
    assertThat(payload.get("username").asString()).isEqualTo("drill");
    assertThat(payload.get("text").asString())
        .isEqualTo(
            "Game day 2026-12-02T09:00:00Z (local): FAILED: 1 passed, 1 failed, 1 not applicable.");
    JsonNode attachments = payload.get("attachments");
    assertThat(attachments).hasSize(3);
    assertThat(attachments.get(0).get("title").asString()).isEqualTo("errors: FAILED");
    assertThat(attachments.get(0).get("color").asString()).isEqualTo("#a30200");
    assertThat(attachments.get(0).get("text").asString())
        .contains("FAIL PortalHighErrorRate detect: 210.0 s (limit 170.0 s)")
        .contains("pass PortalHighErrorRate resolve: 60.0 s (limit 480.0 s)")
        .contains(
            "FAIL PortalHighErrorRate channel: expected in #alerts-critical, arrived in #alerts");
    assertThat(attachments.get(1).get("color").asString()).isEqualTo("#2eb886");
    assertThat(attachments.get(2).get("text").asString())
        .isEqualTo("not applicable: runs in [cluster] only, not in local");
  }
}
