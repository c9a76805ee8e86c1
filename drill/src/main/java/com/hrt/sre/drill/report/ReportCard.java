package com.hrt.sre.drill.report;

import java.time.Instant;
import java.util.List;

/**
 * A whole drill run: every scenario considered, in order.
 *
 * @param startedAt when the run started (it names the report's directory)
 * @param mode local or cluster
 * @param scenarios one report per scenario
 */
public record ReportCard(Instant startedAt, String mode, List<ScenarioReport> scenarios) {

  public ReportCard {
    scenarios = List.copyOf(scenarios);
  }

  public long count(Verdict verdict) {
    return scenarios.stream().filter(s -> s.verdict() == verdict).count();
  }

  /** Passed: nothing failed and at least one scenario actually ran. */
  public boolean passed() {
    return count(Verdict.FAILED) == 0 && count(Verdict.PASSED) > 0;
  }
}
