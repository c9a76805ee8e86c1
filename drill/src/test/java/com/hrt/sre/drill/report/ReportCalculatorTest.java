package com.hrt.sre.drill.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.hrt.sre.drill.RepoFiles;
import com.hrt.sre.drill.floor.FloorCalculator;
import com.hrt.sre.drill.scenario.Mode;
import com.hrt.sre.drill.scenario.Scenario;
import com.hrt.sre.drill.scenario.ScenarioCatalog;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Report arithmetic on recorded timelines (src/test/resources/timelines/) and shipped config. */
class ReportCalculatorTest {

  static final ScenarioCatalog SCENARIOS = ScenarioCatalog.load(RepoFiles.drills());
  static final ReportCalculator CALCULATOR =
      new ReportCalculator(
          FloorCalculator.load(RepoFiles.prometheusYml(), RepoFiles.alertmanagerYml()));

  static ScenarioReport reportOf(String scenario, String fixture) {
    return CALCULATOR.report(SCENARIOS.named(scenario).orElseThrow(), Timelines.read(fixture));
  }

  @Test
  void aGoodErrorsDrillPassesEveryCriterionWithItsNumbersBesideTheLimits() {
    ScenarioReport report = reportOf("errors", "errors-passed.json");

    assertThat(report.verdict()).isEqualTo(Verdict.PASSED);
    assertThat(report.criteria())
        .extracting(
            Criterion::subject,
            Criterion::name,
            Criterion::measured,
            Criterion::limit,
            Criterion::floor,
            Criterion::passed)
        .containsExactly(
            // floor firing 140 s (for 2m + scrape 10 s + evaluation 10 s), + slack 30 s
            tuple("PortalHighErrorRate", "detect", 132.0, 170.0, 140.0, true),
            // floor 150 s (+ group_wait 10 s), + slack 30 s
            tuple("PortalHighErrorRate", "notify", 133.5, 180.0, 150.0, true),
            tuple("PortalHighErrorRate", "channel", null, null, null, true),
            tuple("PortalHighErrorRate", "resolve", 60.0, 480.0, null, true),
            // no `for`: floor firing 20 s, notify floor 30 s
            tuple("PortalSLOBurn", "detect", 20.0, 154.0, 20.0, true),
            tuple("PortalSLOBurn", "notify", 31.0, 164.0, 30.0, true),
            tuple("PortalSLOBurn", "channel", null, null, null, true),
            tuple("PortalSLOBurn", "resolve", 310.0, 480.0, null, true),
            tuple("scenario", "recover", 50.0, 120.0, null, true),
            tuple("scenario", "noise", 0.0, 0.0, null, true),
            // 0.999 - 0.957 of the budget, limit 10%
            tuple("scenario", "budget", 0.042, 0.10, null, true));
    assertThat(report.budgetConsumed()).isEqualTo(0.042);
  }

  @Test
  void aBadErrorsDrillFailsExactlyTheCriteriaItMissed() {
    ScenarioReport report = reportOf("errors", "errors-failed.json");

    assertThat(report.verdict()).isEqualTo(Verdict.FAILED);
    assertThat(report.criteria())
        .filteredOn(c -> !c.passed())
        .extracting(Criterion::subject, Criterion::name, Criterion::measured, Criterion::note)
        .containsExactly(
            tuple("PortalHighErrorRate", "detect", 210.0, "break to firing"),
            tuple(
                "PortalHighErrorRate", "notify", 211.0, "break to the message in #alerts-critical"),
            tuple(
                "PortalHighErrorRate",
                "channel",
                null,
                "expected in #alerts-critical, arrived in #alerts"),
            tuple("PortalSLOBurn", "notify", null, "no message arrived in mock-slack"),
            tuple(
                "PortalSLOBurn", "channel", null, "expected in #alerts-critical, arrived nowhere"),
            tuple("PortalSLOBurn", "resolve", null, "no resolved message arrived"),
            tuple("scenario", "recover", null, "never recovered"),
            tuple("scenario", "noise", 1.0, "unexpected: [TargetDown]"),
            tuple("scenario", "budget", 0.149, "share of the 30-day error budget spent"));
    assertThat(report.noise())
        .containsExactly(
            new Timeline.NoiseAlert(
                "TargetDown", "#alerts", Instant.parse("2026-12-02T10:02:40Z")));
  }

  @Test
  void aCrashLoopsLimitIncludesTheBuildupOfItsRestartsAndTheHealersActionsAreKept() {
    ScenarioReport report = reportOf("crashloop", "crashloop-healed.json");

    assertThat(report.verdict()).isEqualTo(Verdict.PASSED);
    assertThat(report.criteria())
        .filteredOn(c -> c.name().equals("detect") || c.name().equals("notify"))
        .extracting(Criterion::measured, Criterion::limit, Criterion::floor)
        // no `for`: floor 20 s firing / 30 s delivered, + 300 s buildup + 30 s slack
        .containsExactly(tuple(270.0, 350.0, 20.0), tuple(280.0, 360.0, 30.0));
    assertThat(report.healerActions()).singleElement().asString().startsWith("restarted portal/");
    // No budget limit in this scenario, and none measured: no budget criterion at all.
    assertThat(report.criteria()).extracting(Criterion::name).doesNotContain("budget");
  }

  @Test
  void aMissingBudgetMeasurementFailsAScenarioThatHasABudgetLimit() {
    Timeline recorded = Timelines.read("errors-passed.json");
    Timeline unmeasured =
        new Timeline(
            recorded.scenario(),
            recorded.injectedAt(),
            recorded.healedAt(),
            recorded.recoveredAt(),
            recorded.alerts(),
            recorded.unexpected(),
            null,
            null,
            recorded.healerActions());

    ScenarioReport report = CALCULATOR.report(SCENARIOS.named("errors").orElseThrow(), unmeasured);

    assertThat(report.verdict()).isEqualTo(Verdict.FAILED);
    assertThat(report.criteria())
        .filteredOn(c -> !c.passed())
        .extracting(Criterion::name, Criterion::note)
        .containsExactly(tuple("budget", "error budget not measured"));
  }

  @Test
  void anEventRecordedBeforeTheInjectionFailsInsteadOfLookingFast() {
    Timeline recorded = Timelines.read("errors-passed.json");
    Timeline skewed =
        new Timeline(
            recorded.scenario(),
            recorded.injectedAt(),
            recorded.healedAt(),
            recorded.healedAt().minusSeconds(5),
            recorded.alerts(),
            List.of(),
            recorded.budgetRemainingBefore(),
            recorded.budgetRemainingAfter(),
            List.of());

    ScenarioReport report = CALCULATOR.report(SCENARIOS.named("errors").orElseThrow(), skewed);

    assertThat(report.criteria())
        .filteredOn(c -> c.name().equals("recover"))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.passed()).isFalse();
              assertThat(c.measured()).isEqualTo(-5.0);
              assertThat(c.note()).contains("the timeline is wrong");
            });
  }

  @Test
  void aScenarioOutsideItsModesIsNotApplicableAndNeverPassed() {
    Scenario crashloop = SCENARIOS.named("crashloop").orElseThrow();

    ScenarioReport report = CALCULATOR.notApplicable(crashloop, Mode.LOCAL);

    assertThat(report.verdict()).isEqualTo(Verdict.NOT_APPLICABLE);
    assertThat(report.reason()).isEqualTo("runs in [cluster] only, not in local");
    assertThat(report.criteria()).isEmpty();
  }

  @Test
  void aCardWithOnlyNotApplicableScenariosHasNotPassed() {
    ReportCard card =
        new ReportCard(
            Instant.parse("2026-12-02T09:00:00Z"),
            "local",
            List.of(
                CALCULATOR.notApplicable(SCENARIOS.named("crashloop").orElseThrow(), Mode.LOCAL)));

    assertThat(card.passed()).isFalse();
  }
}
