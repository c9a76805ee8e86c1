package com.hrt.sre.autohealer.report;

import com.hrt.sre.autohealer.detect.UnhealthyPod;
import com.hrt.sre.autohealer.heal.Action;
import com.hrt.sre.autohealer.workload.WorkloadRef;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a run did about one unhealthy workload, and why.
 *
 * @param workload the workload
 * @param action the action taken
 * @param reason the reason, in words
 * @param pods its unhealthy pods, the evidence
 */
public record WorkloadOutcome(
    WorkloadRef workload, Action action, String reason, List<UnhealthyPod> pods) {

  public WorkloadOutcome {
    pods = List.copyOf(pods);
  }

  /**
   * The restart counts that triggered the decision, e.g. {@code portal-7d9-abc=5
   * (CrashLoopBackOff)}.
   */
  public String evidence() {
    return pods.stream()
        .map(pod -> pod.name() + "=" + pod.restarts() + " (" + pod.evidence() + ")")
        .collect(Collectors.joining(", "));
  }
}
