package com.hrt.sre.autohealer.report;

import com.hrt.sre.autohealer.detect.UnhealthyPod;
import com.hrt.sre.autohealer.heal.Action;
import com.hrt.sre.autohealer.workload.WorkloadRef;
import java.util.Comparator;
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

  /** Pods named in the evidence; the rest are counted, so a log line or an Event stays short. */
  static final int EVIDENCE_PODS = 3;

  /**
   * The restart counts that triggered the decision, worst first, e.g. {@code portal-7d9-abc=5
   * (CrashLoopBackOff), ... and 4 more pods}.
   */
  public String evidence() {
    return evidence(pods);
  }

  /** The evidence line for {@code pods}, as {@link #evidence()}. */
  public static String evidence(List<UnhealthyPod> pods) {
    String named =
        pods.stream()
            .sorted(Comparator.comparingInt(UnhealthyPod::restarts).reversed())
            .limit(EVIDENCE_PODS)
            .map(pod -> pod.name() + "=" + pod.restarts() + " (" + pod.evidence() + ")")
            .collect(Collectors.joining(", "));
    return pods.size() > EVIDENCE_PODS
        ? named + " and " + (pods.size() - EVIDENCE_PODS) + " more pods"
        : named;
  }
}
