package com.hrt.sre.autohealer.run;

import com.hrt.sre.autohealer.config.AutoHealerProperties;
import com.hrt.sre.autohealer.config.KubernetesClients;
import com.hrt.sre.autohealer.detect.PodScanner;
import com.hrt.sre.autohealer.detect.RestartRecord;
import com.hrt.sre.autohealer.detect.RestartRule;
import com.hrt.sre.autohealer.detect.RestartingPod;
import com.hrt.sre.autohealer.detect.UnhealthyPod;
import com.hrt.sre.autohealer.heal.Action;
import com.hrt.sre.autohealer.heal.HealEvents;
import com.hrt.sre.autohealer.heal.HealPolicy;
import com.hrt.sre.autohealer.heal.Verdict;
import com.hrt.sre.autohealer.report.RunReport;
import com.hrt.sre.autohealer.report.WorkloadOutcome;
import com.hrt.sre.autohealer.workload.OwnerResolver;
import com.hrt.sre.autohealer.workload.RestartLedger;
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
 * One run of the healer: scan the pods in scope, group the restarting ones by owning workload,
 * judge their restarts against what earlier runs recorded on the workload, and decide and act per
 * workload with unhealthy pods (worst first). One failing workload does not stop the others.
 */
public final class HealRun {

  private static final Logger log = LoggerFactory.getLogger(HealRun.class);

  private final KubernetesClient client;
  private final AutoHealerProperties properties;
  private final Clock clock;
  private final RestartRule rule;
  private final WorkloadApi workloads;
  private final HealPolicy policy;
  private final HealEvents events;

  public HealRun(
      KubernetesClient client, AutoHealerProperties properties, Clock clock, String instance) {
    this.client = client;
    this.properties = properties;
    this.clock = clock;
    this.rule = new RestartRule(properties.restartThreshold(), properties.restartWindow(), clock);
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
                rule,
                properties.api().pageSize())
            .scan();

    OwnerResolver owners = new OwnerResolver(client);
    Map<WorkloadRef, List<RestartingPod>> byWorkload = new TreeMap<>();
    Map<UnhealthyPod, String> skippedPods = new LinkedHashMap<>();
    Map<String, String> failedLookups = new LinkedHashMap<>();
    for (RestartingPod pod : scan.restarting()) {
      try {
        OwnerResolver.Resolution resolution = owners.resolve(pod);
        resolution
            .workload()
            .ifPresentOrElse(
                ref -> byWorkload.computeIfAbsent(ref, key -> new ArrayList<>()).add(pod),
                () -> skipIfUnhealthy(skippedPods, pod, resolution.skipReason()));
      } catch (KubernetesClientException e) {
        // Not a skip: the owner may well be a crash-looping Deployment that nobody heals now.
        lookupFailed(failedLookups, pod, KubernetesClients.describe(e));
      }
    }

    List<WorkloadOutcome> outcomes = new ArrayList<>();
    int unhealthyPods = skippedPods.size();
    int healsThisRun = 0;
    for (Map.Entry<WorkloadRef, List<RestartingPod>> entry : worstFirst(byWorkload)) {
      WorkloadResult result = judgeAndAct(entry.getKey(), entry.getValue(), healsThisRun);
      unhealthyPods += result.unhealthyPods();
      if (result.gone()) {
        entry.getValue().forEach(pod -> skipIfUnhealthy(skippedPods, pod, "its workload is gone"));
      }
      result
          .outcome()
          .ifPresent(
              done -> {
                logDecision(done);
                outcomes.add(done);
              });
      if (result.outcome().filter(done -> done.action().countsAsHeal()).isPresent()) {
        healsThisRun++;
      }
    }
    return new RunReport(
        startedAt,
        Duration.ofNanos(System.nanoTime() - startNanos),
        properties.scope().toString(),
        properties.dryRun(),
        scan.podsScanned(),
        unhealthyPods,
        scan.failedNamespaces(),
        skippedPods,
        failedLookups,
        outcomes);
  }

  /**
   * Reads the workload, judges its pods' restarts with the ledger it carries, and decides and
   * writes when any pod is unhealthy. A 409 means someone changed the workload between our read and
   * our patch (which carries the resourceVersion read): read again and judge again, since that
   * someone may have been another healer run that just healed it.
   */
  private WorkloadResult judgeAndAct(WorkloadRef ref, List<RestartingPod> pods, int healsThisRun) {
    Instant now = clock.instant();
    // Until judged, a failure names every restarting pod as its evidence and counts none unhealthy.
    List<UnhealthyPod> evidence = pods.stream().map(RestartingPod::unjudged).toList();
    int unhealthyPods = 0;
    for (int attempt = 0; ; attempt++) {
      try {
        Optional<Workload> current = workloads.get(ref);
        if (current.isEmpty()) {
          return WorkloadResult.GONE;
        }
        Workload workload = current.get();
        RestartLedger ledger = workload.restartLedger();
        List<RestartRule.Judgement> judged =
            pods.stream().map(pod -> rule.judge(pod, ledger.get(pod.name()))).toList();
        List<UnhealthyPod> unhealthy =
            judged.stream().flatMap(j -> j.unhealthy().stream()).toList();
        if (!unhealthy.isEmpty()) {
          evidence = unhealthy;
          unhealthyPods = unhealthy.size();
        }
        Map<String, String> bookkeeping = bookkeeping(workload, ledger, judged, now);
        if (unhealthy.isEmpty()) {
          judged.forEach(this::logBelowThreshold);
          if (!bookkeeping.isEmpty()) {
            workloads.annotate(workload, bookkeeping);
          }
          return WorkloadResult.HEALTHY;
        }
        Verdict verdict = policy.decide(workload, now, healsThisRun);
        act(workload, verdict, unhealthy, now, bookkeeping);
        return new WorkloadResult(
            unhealthy.size(),
            Optional.of(new WorkloadOutcome(ref, verdict.action(), verdict.reason(), unhealthy)),
            false);
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
        return new WorkloadResult(
            unhealthyPods,
            Optional.of(new WorkloadOutcome(ref, Action.FAILED, reason, evidence)),
            false);
      }
    }
  }

  /**
   * The restart ledger to write with this run's observations: nothing when they add nothing new, in
   * a dry run, or for a workload the healer must leave alone (opted out, paused).
   */
  private Map<String, String> bookkeeping(
      Workload workload, RestartLedger ledger, List<RestartRule.Judgement> judged, Instant now) {
    Map<String, RestartRecord> observed = new LinkedHashMap<>();
    judged.forEach(j -> observed.put(j.pod().name(), j.record()));
    if (properties.dryRun()
        || workload.optedOut()
        || workload.paused()
        || !ledger.changedBy(observed)) {
      return Map.of();
    }
    return Map.of(
        RestartLedger.ANNOTATION, ledger.with(observed, now.minus(properties.restartWindow())));
  }

  private void act(
      Workload workload,
      Verdict verdict,
      List<UnhealthyPod> pods,
      Instant now,
      Map<String, String> bookkeeping) {
    String evidence = WorkloadOutcome.evidence(pods);
    if (verdict.action() == Action.RESTARTED) {
      workloads.restart(workload, now, bookkeeping);
      announce(
          () ->
              events.healed(
                  workload,
                  "Rolled out a restart: pods with at least "
                      + properties.restartThreshold()
                      + " restarts within RESTART_WINDOW: "
                      + evidence,
                  now),
          workload.ref());
    } else if (verdict.action() == Action.GAVE_UP
        && !properties.dryRun()
        && !workload.history().gaveUpSinceLastHeal()) {
      workloads.recordGiveUp(workload, now, bookkeeping);
      announce(
          () -> events.gaveUp(workload, verdict.reason() + "; pods: " + evidence, now),
          workload.ref());
    } else if (!bookkeeping.isEmpty()) {
      workloads.annotate(workload, bookkeeping);
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

  private static List<Map.Entry<WorkloadRef, List<RestartingPod>>> worstFirst(
      Map<WorkloadRef, List<RestartingPod>> byWorkload) {
    Comparator<Map.Entry<WorkloadRef, List<RestartingPod>>> byRestarts =
        Comparator.comparingInt(
            entry -> entry.getValue().stream().mapToInt(RestartingPod::restarts).sum());
    return byWorkload.entrySet().stream()
        .sorted(byRestarts.reversed().thenComparing(Map.Entry::getKey))
        .toList();
  }

  /**
   * A pod without a workload to keep its ledger on is judged as seen for the first time, and
   * reported only if that makes it unhealthy.
   */
  private void skipIfUnhealthy(Map<UnhealthyPod, String> skipped, RestartingPod pod, String why) {
    rule.judge(pod, Optional.empty())
        .unhealthy()
        .ifPresent(
            unhealthy -> {
              log.info(
                  "event=decision namespace={} pod={} restarts={} action=skipped_pod"
                      + " reason=\"{}\"",
                  pod.namespace(),
                  pod.name(),
                  pod.restarts(),
                  why);
              skipped.put(unhealthy, why);
            });
  }

  private void logBelowThreshold(RestartRule.Judgement judged) {
    log.info(
        "event=below_threshold namespace={} pod={} restarts={} withinWindow={} threshold={}"
            + " window={} evidence=\"{}\"",
        judged.pod().namespace(),
        judged.pod().name(),
        judged.pod().restarts(),
        judged.withinWindow(),
        properties.restartThreshold(),
        properties.restartWindow(),
        judged.pod().evidence());
  }

  private static void lookupFailed(Map<String, String> failed, RestartingPod pod, String reason) {
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

  /**
   * What judging one workload came to.
   *
   * @param unhealthyPods its pods over the threshold
   * @param outcome the decision, when a pod was unhealthy or an API call failed
   * @param gone the workload no longer exists
   */
  private record WorkloadResult(
      int unhealthyPods, Optional<WorkloadOutcome> outcome, boolean gone) {

    static final WorkloadResult HEALTHY = new WorkloadResult(0, Optional.empty(), false);
    static final WorkloadResult GONE = new WorkloadResult(0, Optional.empty(), true);
  }
}
