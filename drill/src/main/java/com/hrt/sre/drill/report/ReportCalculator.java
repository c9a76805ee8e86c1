package com.hrt.sre.drill.report;

import com.hrt.sre.drill.floor.DetectionFloor;
import com.hrt.sre.drill.floor.FloorCalculator;
import com.hrt.sre.drill.scenario.ExpectedAlert;
import com.hrt.sre.drill.scenario.Limits;
import com.hrt.sre.drill.scenario.Mode;
import com.hrt.sre.drill.scenario.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a recorded timeline into a scenario's report: each criterion measured, compared with its
 * limit, passed or failed. Pure arithmetic: no clock, no I/O.
 *
 * <ul>
 *   <li>detect: break to firing, limit = firing floor (for + scrape + evaluation) + the fault's
 *       buildup + slack;
 *   <li>notify: break to the message in mock-slack, limit = floor (+ group_wait) + buildup + slack;
 *   <li>channel: the message arrived where the scenario expects it;
 *   <li>resolve: heal to the resolved message, limit from the scenario;
 *   <li>recover: heal to the recovery condition holding, limit from the scenario;
 *   <li>noise: alerts that fired unexpected, limit 0;
 *   <li>budget: error budget share spent (before minus after), limit from the scenario if it has
 *       one.
 * </ul>
 */
public final class ReportCalculator {

  private final FloorCalculator floors;

  public ReportCalculator(FloorCalculator floors) {
    this.floors = floors;
  }

  /** The report of a scenario that cannot run in {@code mode}: not applicable, never passed. */
  public ScenarioReport notApplicable(Scenario scenario, Mode mode) {
    return new ScenarioReport(
        scenario.name(),
        scenario.description(),
        Verdict.NOT_APPLICABLE,
        List.of(),
        List.of(),
        null,
        List.of(),
        "runs in "
            + scenario.modes().stream().map(Mode::label).sorted().toList()
            + " only, not in "
            + mode.label());
  }

  public ScenarioReport report(Scenario scenario, Timeline timeline) {
    Limits limits = scenario.limits();
    double slack = seconds(limits.slack());
    List<Criterion> criteria = new ArrayList<>();
    Instant latestResolved = null;
    for (ExpectedAlert expected : scenario.expect()) {
      String alert = expected.alert();
      DetectionFloor floor = floors.floorOf(alert);
      Timeline.AlertTimes seen =
          timeline.of(alert).orElse(new Timeline.AlertTimes(alert, null, null, null, null, null));

      double buildup = seconds(expected.buildup());
      String plus =
          buildup > 0 ? " (limit = floor + " + (long) buildup + " s buildup + slack)" : "";
      double firingFloor = seconds(floor.firing());
      criteria.add(
          within(
              alert,
              "detect",
              between(timeline.injectedAt(), seen.firingAt()),
              firingFloor + buildup + slack,
              firingFloor,
              "break to firing" + plus,
              "never fired"));
      double total = seconds(floor.total());
      criteria.add(
          within(
              alert,
              "notify",
              between(timeline.injectedAt(), seen.notifiedAt()),
              total + buildup + slack,
              total,
              "break to the message in " + expected.channel() + plus,
              "no message arrived in mock-slack"));
      boolean rightChannel = expected.channel().equals(seen.notifiedChannel());
      criteria.add(
          new Criterion(
              alert,
              "channel",
              null,
              null,
              null,
              "",
              rightChannel,
              seen.notifiedChannel() == null
                  ? "expected in " + expected.channel() + ", arrived nowhere"
                  : "expected in "
                      + expected.channel()
                      + ", arrived in "
                      + seen.notifiedChannel()));
      criteria.add(
          within(
              alert,
              "resolve",
              between(timeline.healedAt(), seen.resolvedNotifiedAt()),
              seconds(limits.resolve()),
              null,
              "heal to the resolved message",
              "no resolved message arrived"));
      if (seen.resolvedNotifiedAt() != null
          && (latestResolved == null || seen.resolvedNotifiedAt().isAfter(latestResolved))) {
        latestResolved = seen.resolvedNotifiedAt();
      }
    }
    criteria.add(
        within(
            "scenario",
            "recover",
            between(timeline.healedAt(), timeline.recoveredAt()),
            seconds(limits.recover()),
            null,
            "heal to recoveredWhen holding",
            "never recovered"));
    int noise = timeline.unexpected().size();
    criteria.add(
        new Criterion(
            "scenario",
            "noise",
            (double) noise,
            0.0,
            null,
            "alerts",
            noise == 0,
            noise == 0
                ? "no unexpected alert"
                : "unexpected: "
                    + timeline.unexpected().stream().map(Timeline.NoiseAlert::alert).toList()));
    Double consumed = budgetConsumed(timeline);
    limits
        .budget()
        .ifPresent(
            limit ->
                criteria.add(
                    new Criterion(
                        "scenario",
                        "budget",
                        consumed,
                        limit,
                        null,
                        "budget",
                        consumed != null && consumed <= limit,
                        consumed == null
                            ? "error budget not measured"
                            : "share of the 30-day error budget spent")));
    boolean passed = criteria.stream().allMatch(Criterion::passed);
    return new ScenarioReport(
        scenario.name(),
        scenario.description(),
        passed ? Verdict.PASSED : Verdict.FAILED,
        criteria,
        timeline.unexpected(),
        consumed,
        timeline.healerActions(),
        null);
  }

  /** Before minus after: the budget remaining fell by that share. */
  private static Double budgetConsumed(Timeline timeline) {
    if (timeline.budgetRemainingBefore() == null || timeline.budgetRemainingAfter() == null) {
      return null;
    }
    // Rounded to a millionth: the difference of two ratios carries float noise.
    double consumed = timeline.budgetRemainingBefore() - timeline.budgetRemainingAfter();
    return Math.round(consumed * 1e6) / 1e6;
  }

  private static Criterion within(
      String subject,
      String name,
      Double measured,
      double limit,
      Double floor,
      String what,
      String missing) {
    boolean passed = measured != null && measured <= limit;
    String note;
    if (measured == null) {
      note = missing;
    } else if (measured < 0) {
      // A clock or recording error, not a fast drill: fail it rather than report a record time.
      passed = false;
      note = what + ": happened before its start, the timeline is wrong";
    } else {
      note = what;
    }
    return new Criterion(subject, name, measured, limit, floor, "s", passed, note);
  }

  private static Double between(Instant from, Instant to) {
    if (from == null || to == null) {
      return null;
    }
    return Duration.between(from, to).toMillis() / 1000.0;
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }
}
