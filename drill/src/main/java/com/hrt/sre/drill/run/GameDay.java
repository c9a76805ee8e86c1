package com.hrt.sre.drill.run;

import com.hrt.sre.drill.config.ExitCodes;
import com.hrt.sre.drill.observe.MockSlackClient;
import com.hrt.sre.drill.observe.ObserveException;
import com.hrt.sre.drill.report.MarkdownReport;
import com.hrt.sre.drill.report.ReportCalculator;
import com.hrt.sre.drill.report.ReportCard;
import com.hrt.sre.drill.report.ScenarioReport;
import com.hrt.sre.drill.report.SlackSummary;
import com.hrt.sre.drill.report.Verdict;
import com.hrt.sre.drill.scenario.Scenario;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A whole run: every selected scenario in turn (preflight, drill, report), then the card written,
 * printed and posted to #gameday. Exit 0 when every scenario that ran passed (and one did), 1 when
 * one failed, 2 when the stack was not fit to drill on.
 */
final class GameDay {

  private final DrillPlan plan;
  private final Preflight preflight;
  private final ScenarioRunner runner;
  private final ReportFiles files;
  private final MockSlackClient mockSlack;
  private final Pacer pacer;
  private final Consumer<String> out;

  GameDay(
      DrillPlan plan,
      Preflight preflight,
      ScenarioRunner runner,
      ReportFiles files,
      MockSlackClient mockSlack,
      Pacer pacer,
      Consumer<String> out) {
    this.plan = plan;
    this.preflight = preflight;
    this.runner = runner;
    this.files = files;
    this.mockSlack = mockSlack;
    this.pacer = pacer;
    this.out = out;
  }

  /**
   * File-name order, except that scenarios which spend the error budget (those with a budget limit)
   * run last: the SLO's long windows keep their errors for hours, so on a young stack (fewer hours
   * of history than the windows) the slow-burn alert follows any fast burn and stays firing, and
   * every later scenario's preflight would find the stack loud.
   */
  static List<Scenario> inRunOrder(List<Scenario> selected) {
    return selected.stream()
        .sorted(Comparator.comparing(s -> s.limits().budget().isPresent()))
        .toList();
  }

  int run() {
    Instant startedAt = pacer.now();
    ReportCalculator calculator = new ReportCalculator(plan.floors());
    List<ScenarioReport> reports = new ArrayList<>();
    String refusal = null;
    for (Scenario scenario : inRunOrder(plan.selected())) {
      if (!scenario.appliesTo(plan.mode())) {
        reports.add(calculator.notApplicable(scenario, plan.mode()));
        continue;
      }
      out.accept("== " + scenario.name() + ": preflight");
      Optional<String> problem = preflight.await();
      if (problem.isPresent()) {
        refusal = scenario.name() + ": the stack is not fit for a drill: " + problem.get();
        break;
      }
      out.accept("== " + scenario.name() + ": " + scenario.description());
      ScenarioReport report = calculator.report(scenario, runner.run(scenario, plan.mode()));
      out.accept("== " + scenario.name() + ": " + report.verdict());
      reports.add(report);
    }
    if (refusal != null) {
      out.accept("event=drill_refused exit=" + ExitCodes.BAD_INPUT + " reason=\"" + refusal + "\"");
      if (reports.stream().allMatch(r -> r.verdict() == Verdict.NOT_APPLICABLE)) {
        return ExitCodes.BAD_INPUT; // nothing ran: no card to write
      }
    }
    ReportCard card = new ReportCard(startedAt, plan.mode().label(), reports);
    Path directory = files.write(card);
    new MarkdownReport().render(card).lines().forEach(out);
    out.accept("report: " + directory.resolve("report.md"));
    try {
      mockSlack.post(new SlackSummary().payload(card));
      out.accept("posted the summary to " + SlackSummary.CHANNEL);
    } catch (ObserveException e) {
      out.accept(
          "the summary could not be posted to " + SlackSummary.CHANNEL + ": " + e.getMessage());
    }
    if (refusal != null) {
      return ExitCodes.BAD_INPUT;
    }
    return card.passed() ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
