package com.hrt.sre.autohealer.run;

import com.hrt.sre.autohealer.config.AutoHealerProperties;
import com.hrt.sre.autohealer.config.KubernetesClients;
import com.hrt.sre.autohealer.detect.PodScanner;
import com.hrt.sre.autohealer.detect.RestartRule;
import com.hrt.sre.autohealer.detect.UnhealthyPod;
import com.hrt.sre.autohealer.heal.Action;
import com.hrt.sre.autohealer.heal.HealEvents;
import com.hrt.sre.autohealer.heal.HealPolicy;
import com.hrt.sre.autohealer.heal.Verdict;
import com.hrt.sre.autohealer.report.RunReport;
import com.hrt.sre.autohealer.report.WorkloadOutcome;
import com.hrt.sre.autohealer.workload.OwnerResolver;
import com.hrt.sre.autohealer.workload.Workload;
import com.hrt.sre.autohealer.workload.WorkloadApi;
import com.hrt.sre.autohealer.workload.WorkloadRef;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the healer: scan the pods in scope, group the unhealthy ones by owning workload, and
 * decide and act per workload (worst first). One failing workload does not stop the others.
 */
public final class HealRun {

  private static final Logger log = LoggerFactory.getLogger(HealRun.class);

  private final KubernetesClient client;
  private final AutoHealerProperties properties;
  private final Clock clock;
  private final WorkloadApi workloads;
  private final HealPolicy policy;
  private final HealEvents events;

  public HealRun(
      KubernetesClient client, AutoHealerProperties properties, Clock clock, String instance) {
    this.client = client;
    this.properties = properties;
    this.clock = clock;
    this.workloads = new WorkloadApi(client);
    this.policy =
        new HealPolicy(
            properties.cooldown(),
            properties.maxHealsPerHour(),
            properties.maxHealsPerRun(),
            properties.dryRun());
    this.events = new HealEvents(client, instance);
  }

  /** Scans and heals once; the report says what happened. */
  public RunReport run() {
    Instant startedAt = clock.instant();
    long startNanos = System.nanoTime();
    PodScanner.Scan scan =
        new PodScanner(
                client,
                properties.scope(),
                properties.labelSelector(),
                new RestartRule(properties.restartThreshold(), properties.restartWindow(), clock),
                properties.api().pageSize())
            .scan();

    OwnerResolver owners = new OwnerResolver(client);
    Map<WorkloadRef, List<UnhealthyPod>> byWorkload = new TreeMap<>();
    Map<UnhealthyPod, String> skippedPods = new LinkedHashMap<>();
    Map<String, String> failedLookups = new LinkedHashMap<>();
    for (UnhealthyPod pod : scan.unhealthy()) {
      try {
        OwnerResolver.Resolution resolution = owners.resolve(pod);
        resolution
            .workload()
            .ifPresentOrElse(
                ref -> byWorkload.computeIfAbsent(ref, key -> new ArrayList<>()).add(pod),
                () -> skip(skippedPods, pod, resolution.skipReason()));
      } catch (KubernetesClientException e) {
        // Not a skip: the owner may well be a crash-looping Deployment that nobody heals now.
        lookupFailed(failedLookups, pod, KubernetesClients.describe(e));
      }
    }

    List<WorkloadOutcome> outcomes = new ArrayList<>();
    int healsThisRun = 0;
    for (Map.Entry<WorkloadRef, List<UnhealthyPod>> entry : worstFirst(byWorkload)) {
      Optional<WorkloadOutcome> outcome =
          decideAndAct(entry.getKey(), entry.getValue(), healsThisRun);
      if (outcome.isEmpty()) {
        entry.getValue().forEach(pod -> skip(skippedPods, pod, "its workload is gone"));
        continue;
      }
      WorkloadOutcome done = outcome.get();
      logDecision(done);
      outcomes.add(done);
      if (done.action().countsAsHeal()) {
        healsThisRun++;
      }
    }
    return new RunReport(
        startedAt,
        Duration.ofNanos(System.nanoTime() - startNanos),
        properties.scope().toString(),
        properties.dryRun(),
        scan.podsScanned(),
        scan.unhealthy().size(),
        scan.failedNamespaces(),
        skippedPods,
        failedLookups,
        outcomes);
  }

  /**
   * Reads the workload, decides, and writes. A 409 means someone changed the workload between our
   * read and our patch (which carries the resourceVersion read): read again and decide again, since
   * that someone may have been another healer run that just healed it.
   */
  private Optional<WorkloadOutcome> decideAndAct(
      WorkloadRef ref, List<UnhealthyPod> pods, int healsThisRun) {
    Instant now = clock.instant();
    for (int attempt = 0; ; attempt++) {
      try {
        Optional<Workload> current = workloads.get(ref);
        if (current.isEmpty()) {
          return Optional.empty();
        }
        Verdict verdict = policy.decide(current.get(), now, healsThisRun);
        act(current.get(), verdict, pods, now);
        return Optional.of(new WorkloadOutcome(ref, verdict.action(), verdict.reason(), pods));
      } catch (KubernetesClientException e) {
        if (e.getCode() == 409 && attempt < properties.api().conflictRetries()) {
          log.info(
              "event=conflict namespace={} workload={} attempt={} reason=\"workload changed since"
                  + " read; reading again\"",
              ref.namespace(),
              ref.label(),
              attempt + 1);
          continue;
        }
        String reason = "API call failed after retries: " + KubernetesClients.describe(e);
        return Optional.of(new WorkloadOutcome(ref, Action.FAILED, reason, pods));
      }
    }
  }

  private void act(Workload workload, Verdict verdict, List<UnhealthyPod> pods, Instant now) {
    String evidence = WorkloadOutcome.evidence(pods);
    if (verdict.action() == Action.RESTARTED) {
      workloads.restart(workload, now);
      announce(
          () ->
              events.healed(
                  workload,
                  "Rolled out a restart: pods over "
                      + properties.restartThreshold()
                      + " recent restarts: "
                      + evidence,
                  now),
          workload.ref());
    } else if (verdict.action() == Action.GAVE_UP
        && !properties.dryRun()
        && !workload.history().gaveUpSinceLastHeal()) {
      workloads.recordGiveUp(workload, now);
      announce(
          () -> events.gaveUp(workload, verdict.reason() + "; pods: " + evidence, now),
          workload.ref());
    }
  }

  /**
   * The restart is done whatever happens to its Event: a lost Event is logged, not a failed heal.
   */
  private void announce(Runnable createEvent, WorkloadRef ref) {
    try {
      createEvent.run();
    } catch (KubernetesClientException e) {
      log.warn(
          "event=k8s_event_failed namespace={} workload={} reason=\"{}\"",
          ref.namespace(),
          ref.label(),
          KubernetesClients.describe(e));
    }
  }

  private static List<Map.Entry<WorkloadRef, List<UnhealthyPod>>> worstFirst(
      Map<WorkloadRef, List<UnhealthyPod>> byWorkload) {
    Comparator<Map.Entry<WorkloadRef, List<UnhealthyPod>>> byRestarts =
        Comparator.comparingInt(
            entry -> entry.getValue().stream().mapToInt(UnhealthyPod::restarts).sum());
    return byWorkload.entrySet().stream()
        .sorted(byRestarts.reversed().thenComparing(Map.Entry::getKey))
        .toList();
  }

  private static void skip(Map<UnhealthyPod, String> skipped, UnhealthyPod pod, String reason) {
    log.info(
        "event=decision namespace={} pod={} restarts={} action=skipped_pod reason=\"{}\"",
        pod.namespace(),
        pod.name(),
        pod.restarts(),
        reason);
    skipped.put(pod, reason);
  }

  private static void lookupFailed(Map<String, String> failed, UnhealthyPod pod, String reason) {
    log.error(
        "event=owner_lookup_failed namespace={} pod={} restarts={} reason=\"{}\"",
        pod.namespace(),
        pod.name(),
        pod.restarts(),
        reason);
    failed.put(pod.namespace() + "/" + pod.name(), reason);
  }

  private static void logDecision(WorkloadOutcome outcome) {
    log.info(
        "event=decision namespace={} workload={} action={} reason=\"{}\" pods=\"{}\"",
        outcome.workload().namespace(),
        outcome.workload().label(),
        outcome.action().label(),
        outcome.reason(),
        outcome.evidence());
  }
}
