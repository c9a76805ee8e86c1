package com.hrt.sre.autohealer.report;

import com.hrt.sre.autohealer.detect.UnhealthyPod;
import com.hrt.sre.autohealer.heal.Action;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Everything one run saw and did: the source of the closing summary and of the pushed metrics.
 *
 * @param startedAt when the run started
 * @param duration how long it took
 * @param scope the namespaces it watched, as configured
 * @param dryRun whether DRY_RUN was on
 * @param podsScanned pods in scope
 * @param unhealthyPods pods the restart rule flagged
 * @param failedNamespaces namespaces that could not be listed, with the error
 * @param skippedPods unhealthy pods with no restartable owner, with the reason
 * @param failedLookups unhealthy pods ({@code namespace/name}) whose owner could not be read (an
 *     API error after retries), with the error: the run fails, since their workload goes unhealed
 * @param outcomes one per unhealthy workload
 */
public record RunReport(
    Instant startedAt,
    Duration duration,
    String scope,
    boolean dryRun,
    int podsScanned,
    int unhealthyPods,
    Map<String, String> failedNamespaces,
    Map<UnhealthyPod, String> skippedPods,
    Map<String, String> failedLookups,
    List<WorkloadOutcome> outcomes) {

  public RunReport {
    failedNamespaces = Map.copyOf(failedNamespaces);
    skippedPods = Map.copyOf(skippedPods);
    failedLookups = Map.copyOf(failedLookups);
    outcomes = List.copyOf(outcomes);
  }

  /**
   * A failed heal, an owner that could not be looked up or an unreadable namespace: the run exits
   * non-zero so the Job shows it.
   */
  public boolean hasFailures() {
    return !failedNamespaces.isEmpty() || !failedLookups.isEmpty() || count(Action.FAILED) > 0;
  }

  public long count(Action action) {
    return outcomes.stream().filter(outcome -> outcome.action() == action).count();
  }

  /** The closing summary, a few lines a human reads in {@code make heal}'s output. */
  public List<String> summary() {
    List<String> lines = new ArrayList<>();
    lines.add(
        String.format(
            "auto-healer run%s: scanned %d pods in %s, %d unhealthy, %d workload(s) to consider",
            dryRun ? " (DRY RUN: nothing written)" : "",
            podsScanned,
            scope,
            unhealthyPods,
            outcomes.size()));
    for (WorkloadOutcome outcome : outcomes) {
      lines.add(
          String.format(
              "  %-18s %s: %s [%s]",
              outcome.action().label(), outcome.workload(), outcome.reason(), outcome.evidence()));
    }
    skippedPods.forEach(
        (pod, reason) ->
            lines.add(
                String.format(
                    "  %-18s pod %s/%s (restarts=%d): %s",
                    "skipped_pod", pod.namespace(), pod.name(), pod.restarts(), reason)));
    failedLookups.forEach(
        (pod, error) ->
            lines.add(String.format("  %-18s pod %s: %s", "lookup_failed", pod, error)));
    failedNamespaces.forEach(
        (namespace, error) ->
            lines.add(String.format("  %-18s namespace %s: %s", "scan_failed", namespace, error)));
    Map<Action, Long> counts = new EnumMap<>(Action.class);
    outcomes.forEach(outcome -> counts.merge(outcome.action(), 1L, Long::sum));
    lines.add(
        String.format(
            "result: %s in %d ms, exit %d",
            counts.isEmpty()
                ? "nothing to do"
                : counts.entrySet().stream()
                    .map(entry -> entry.getKey().label() + "=" + entry.getValue())
                    .collect(Collectors.joining(" ")),
            duration.toMillis(),
            hasFailures() ? 1 : 0));
    return lines;
  }
}
