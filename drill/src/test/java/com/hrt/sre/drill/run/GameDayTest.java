package com.hrt.sre.drill.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.drill.config.ExitCodes;
import com.hrt.sre.drill.observe.MockSlackClient;
import com.hrt.sre.drill.observe.PrometheusClient;
import com.hrt.sre.drill.report.Timeline;
import com.hrt.sre.drill.scenario.Mode;
import com.hrt.sre.drill.scenario.Scenario;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's loop on scripted timelines: a fake Prometheus and mock-slack over real HTTP whose
 * answers follow from when the recording executor injected and healed, on a clock the runner's
 * sleeps move (a 20-minute drill replays in well under a second).
 */
class GameDayTest {

  private static final String ERRORS = "PortalHighErrorRate";
  private static final String BURN = "PortalSLOBurn";
  private static final String CRITICAL = "#alerts-critical";

  @TempDir Path reports;
  private FakeStack stack;
  private final List<String> out = new ArrayList<>();
  private String player = "";

  @BeforeEach
  void start() throws IOException {
    stack = new FakeStack();
  }

  @AfterEach
  void stop() {
    stack.close();
  }

  /** The errors drill as the shipped configuration makes it go: both pages, both resolved. */
  private void healthyErrorsScript() {
    stack.alerts =
        m -> {
          List<FakeStack.Active> active = new ArrayList<>();
          if (m.after(m.injected(), Duration.ofSeconds(20))
              && !m.after(m.healed(), Duration.ofSeconds(60))) {
            Instant at = m.injected().plusSeconds(20);
            active.add(
                new FakeStack.Active(
                    ERRORS,
                    m.after(m.injected(), Duration.ofSeconds(140)) ? "firing" : "pending",
                    at));
          }
          if (m.after(m.injected(), Duration.ofSeconds(20))
              && !m.after(m.healed(), Duration.ofSeconds(290))) {
            active.add(new FakeStack.Active(BURN, "firing", m.injected().plusSeconds(20)));
          }
          return active;
        };
    stack.messages =
        m -> {
          List<FakeStack.Message> messages = new ArrayList<>();
          if (m.injected() != null) {
            messages.add(message(m.injected().plusSeconds(30), "firing", BURN));
            messages.add(message(m.injected().plusSeconds(150), "firing", ERRORS));
          }
          if (m.healed() != null) {
            messages.add(message(m.healed().plusSeconds(70), "resolved", ERRORS));
            messages.add(message(m.healed().plusSeconds(300), "resolved", BURN));
          }
          return messages;
        };
    stack.recovered = m -> m.after(m.healed(), Duration.ofSeconds(40));
  }

  private static FakeStack.Message message(Instant at, String status, String alert) {
    return new FakeStack.Message(at, CRITICAL, status, alert, null, null);
  }

  private RunSettings settings() {
    return new RunSettings(
        stack.url(),
        stack.url(),
        player,
        false,
        Duration.ofSeconds(5),
        Duration.ofMinutes(10),
        Duration.ofMinutes(30),
        Duration.ofMinutes(1),
        List.of("Watchdog"));
  }

  private DrillPlan plan(String scenario) {
    return DrillPlan.build(DrillPlanTest.shipped("local", scenario));
  }

  private ScenarioRunner runner(DrillPlan plan) {
    HttpClient http = HttpClient.newHttpClient();
    return new ScenarioRunner(
        new PrometheusClient(stack.url(), http),
        new MockSlackClient(stack.url(), http),
        stack,
        plan.floors(),
        settings(),
        stack.pacer(),
        out::add);
  }

  private int gameDay(String scenario) {
    DrillPlan plan = plan(scenario);
    HttpClient http = HttpClient.newHttpClient();
    return new GameDay(
            plan,
            new Preflight(
                new PrometheusClient(stack.url(), http),
                new MockSlackClient(stack.url(), http),
                settings(),
                stack.pacer(),
                out::add),
            runner(plan),
            new ReportFiles(reports),
            new MockSlackClient(stack.url(), http),
            stack.pacer(),
            out::add)
        .run();
  }

  private Timeline errorsTimeline() {
    DrillPlan plan = plan("errors");
    Scenario errors = plan.selected().getFirst();
    return runner(plan).run(errors, Mode.LOCAL);
  }

  @Test
  void scenariosThatSpendTheErrorBudgetRunLastOtherwiseInFileOrder() {
    List<Scenario> all = plan("").selected();

    assertThat(GameDay.inRunOrder(all))
        .extracting(Scenario::name)
        .containsExactly("batch", "crashloop", "healer-down", "latency", "target-down", "errors");
  }

  @Test
  void recordsEachAlertsPathAndHealsAtTheFirstPollAfterTheLastArrival() {
    healthyErrorsScript();

    Timeline timeline = errorsTimeline();

    Instant injected = Instant.parse("2026-12-02T09:00:01Z");
    assertThat(stack.steps)
        .containsExactly(
            "PUT /admin/chaos {failureRate=0.5} at 2026-12-02T09:00:00Z",
            // The last page arrives at +150 s; the poll every 5 s from 09:00:01 sees it at once.
            "POST /admin/chaos/reset at 2026-12-02T09:02:31Z");
    Instant healed = Instant.parse("2026-12-02T09:02:32Z");
    assertThat(timeline.injectedAt()).isEqualTo(injected);
    assertThat(timeline.healedAt()).isEqualTo(healed);
    assertThat(timeline.of(ERRORS).orElseThrow())
        .isEqualTo(
            new Timeline.AlertTimes(
                ERRORS,
                injected.plusSeconds(20),
                injected.plusSeconds(140),
                injected.plusSeconds(150),
                CRITICAL,
                healed.plusSeconds(70)));
    assertThat(timeline.of(BURN).orElseThrow().resolvedNotifiedAt())
        .isEqualTo(healed.plusSeconds(300));
    // recoveredWhen first holds at +40 s; the poll after the heal sees it within 5 s.
    assertThat(Duration.between(healed.plusSeconds(40), timeline.recoveredAt()))
        .isBetween(Duration.ZERO, Duration.ofSeconds(5));
    assertThat(timeline.budgetRemainingBefore()).isEqualTo(0.99);
    assertThat(timeline.budgetRemainingAfter()).isEqualTo(0.97);
    assertThat(timeline.unexpected()).isEmpty();
    // It stops watching once the last resolved message is in, not at the limit.
    assertThat(stack.clock.instant()).isBefore(healed.plusSeconds(306));
  }

  @Test
  void aPassingDrillWritesTheCardPostsItToGamedayAndExitsZero() throws IOException {
    healthyErrorsScript();

    int exit = gameDay("errors");

    assertThat(exit).isEqualTo(ExitCodes.OK);
    Path directory = reports.resolve("20261202T090000Z");
    assertThat(Files.readString(directory.resolve("report.md")))
        .contains("PASSED: 1 passed, 0 failed, 0 not applicable.");
    assertThat(stack.posted).hasSize(1);
    assertThat(stack.posted.getFirst()).contains("\"channel\":\"#gameday\"");
    assertThat(out).contains("== errors: PASSED");
  }

  @Test
  void anAlertThatNeverArrivesIsWaitedForUntilItsLimitAndGraceThenTheDrillFails()
      throws IOException {
    healthyErrorsScript();
    var pages = stack.messages;
    // The error-rate page is lost on the way: only the burn alert reaches mock-slack.
    stack.messages =
        m -> pages.apply(m).stream().filter(msg -> !msg.alertname().equals(ERRORS)).toList();

    int exit = gameDay("errors");

    assertThat(exit).isEqualTo(ExitCodes.FAILED);
    // The limit is floor 150 s + slack 30 s after the injection (09:00:01), plus 1 min of grace.
    assertThat(stack.steps.get(1)).isEqualTo("POST /admin/chaos/reset at 2026-12-02T09:04:01Z");
    assertThat(Files.readString(reports.resolve("20261202T090000Z/report.md")))
        .contains("FAILED: 0 passed, 1 failed")
        .contains("no message arrived in mock-slack");
  }

  @Test
  void refusesWithExitTwoNamingTheAlertWhenTheStackStaysLoud() {
    healthyErrorsScript();
    var drill = stack.alerts;
    stack.alerts =
        m -> {
          List<FakeStack.Active> active = new ArrayList<>(drill.apply(m));
          active.add(
              new FakeStack.Active("TargetDown", "firing", Instant.parse("2026-12-02T08:50:00Z")));
          return active;
        };

    int exit = gameDay("errors");

    assertThat(exit).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(stack.steps).isEmpty();
    assertThat(String.join("\n", out))
        .contains(
            "reason=\"errors: the stack is not fit for a drill: alerts active: TargetDown (firing"
                + " since 2026-12-02T08:50:00Z)\"");
    // It waited the quiet wait (10 min) for the alert to clear before refusing.
    assertThat(stack.clock.instant()).isAfterOrEqualTo(Instant.parse("2026-12-02T09:10:00Z"));
    assertThat(reports).isEmptyDirectory();
  }

  @Test
  void waitsForADownTargetToComeBackBeforeInjecting() {
    healthyErrorsScript();
    stack.targetsDown =
        m ->
            m.now().isBefore(Instant.parse("2026-12-02T09:03:00Z")) ? List.of("portal") : List.of();

    int exit = gameDay("errors");

    assertThat(exit).isEqualTo(ExitCodes.OK);
    assertThat(out.getFirst()).isEqualTo("== errors: preflight");
    assertThat(out.get(1))
        .contains("scrape targets not up: portal (127.0.0.1:1: down, connection refused)");
    assertThat(stack.steps.getFirst()).endsWith("at 2026-12-02T09:03:00Z");
  }

  @Test
  void waitsForMockSlackToHearTheWatchdogBeforeInjecting() {
    healthyErrorsScript();
    stack.pipeline =
        m -> m.now().isBefore(Instant.parse("2026-12-02T09:01:30Z")) ? "waiting" : "healthy";

    int exit = gameDay("errors");

    assertThat(exit).isEqualTo(ExitCodes.OK);
    assertThat(out.get(1)).contains("mock-slack's alerting pipeline is waiting");
    assertThat(stack.steps.getFirst()).endsWith("at 2026-12-02T09:01:30Z");
  }

  @Test
  void aPlayerHealsInsteadOfTheDrillAndTheirAcknowledgeStartsTheRecoveryClock() {
    healthyErrorsScript();
    player = "ann";
    Instant injected = Instant.parse("2026-12-02T09:00:01Z");
    Instant ack = injected.plusSeconds(200);
    Instant fixed = injected.plusSeconds(260);
    var pages = stack.messages;
    stack.messages =
        m ->
            pages.apply(new FakeStack.Moment(m.now(), m.injected(), fixed)).stream()
                .map(
                    msg ->
                        msg.alertname().equals(ERRORS) && msg.status().equals("firing")
                            ? new FakeStack.Message(
                                msg.receivedAt(), CRITICAL, "firing", ERRORS, "ann", ack)
                            : msg)
                .toList();
    stack.recovered = m -> !m.now().isBefore(fixed.plusSeconds(40));

    Timeline timeline = errorsTimeline();

    assertThat(stack.steps).hasSize(1); // the injection only: the player heals
    // The cue is the first page (PortalSLOBurn, +30 s); ann acknowledged at +200 s.
    assertThat(timeline.healedAt()).isEqualTo(ack);
    assertThat(timeline.healerActions())
        .contains(
            "player ann acknowledged PortalHighErrorRate at " + ack + " (170 s after the page)");
    assertThat(out).anyMatch(line -> line.contains("ann: the page in mock-slack"));
  }

  @Test
  void aFailedInjectionStillHealsAndFailsTheDrillWithoutWaitingForAlerts() {
    healthyErrorsScript();
    stack.failStep = "PUT /admin/chaos";

    int exit = gameDay("errors");

    assertThat(exit).isEqualTo(ExitCodes.FAILED);
    assertThat(stack.steps)
        .containsExactly(
            "PUT /admin/chaos {failureRate=0.5} at 2026-12-02T09:00:00Z",
            "POST /admin/chaos/reset at 2026-12-02T09:00:00Z");
    assertThat(out).anyMatch(line -> line.startsWith("  inject FAILED: PUT /admin/chaos"));
  }

  @Test
  void anAlertNobodyExpectedIsNoise() {
    healthyErrorsScript();
    var pages = stack.messages;
    stack.messages =
        m -> {
          List<FakeStack.Message> all = new ArrayList<>(pages.apply(m));
          if (m.injected() != null) {
            all.add(
                new FakeStack.Message(
                    m.injected().plusSeconds(60), "#alerts", "firing", "TargetDown", null, null));
          }
          return all;
        };

    Timeline timeline = errorsTimeline();

    assertThat(timeline.unexpected())
        .containsExactly(
            new Timeline.NoiseAlert(
                "TargetDown", "#alerts", Instant.parse("2026-12-02T09:01:01Z")));
  }

  @Test
  void aListedConsequenceIsNotedNotCountedAsNoise() {
    healthyErrorsScript();
    var pages = stack.messages;
    stack.messages =
        m -> {
          List<FakeStack.Message> all = new ArrayList<>(pages.apply(m));
          if (m.injected() != null) {
            all.add(
                new FakeStack.Message(
                    m.injected().plusSeconds(60),
                    "#alerts",
                    "firing",
                    "BatchSyncFailed",
                    null,
                    null));
          }
          return all;
        };

    Timeline timeline = errorsTimeline();

    assertThat(timeline.unexpected()).isEmpty();
    assertThat(timeline.healerActions())
        .contains(
            "consequence (not noise): BatchSyncFailed arrived in #alerts at 2026-12-02T09:01:01Z");
  }
}
