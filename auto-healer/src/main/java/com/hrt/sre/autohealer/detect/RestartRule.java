package com.hrt.sre.autohealer.detect;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The detection rule: a pod is unhealthy when at least RESTART_THRESHOLD of its restarts (summed
 * over its containers) happened within RESTART_WINDOW. A pod only tells its restart count and its
 * latest termination, so the rule dates restarts from what earlier runs observed ({@link
 * RestartRecord}) and, where nobody observed, by the earliest time they can have happened:
 *
 * <ul>
 *   <li>restarts new since the last observation are dated at that observation (on a first
 *       observation: at the pod's creation; unknown creation: never recent), except the newest,
 *       dated by the latest container termination when that is later;
 *   <li>so a pod created within the window counts all its restarts, and an older pod seen for the
 *       first time counts only its newest one: 4 restarts last week and one crash now is 1, not 5.
 * </ul>
 *
 * Every restart but the newest is therefore dated no later than it happened, so old restarts never
 * count as recent; restarts between two observations may be dated early and drop out of the window
 * a little before they should.
 */
public final class RestartRule {

  static final String CRASH_LOOP = "CrashLoopBackOff";

  private final int threshold;
  private final Duration window;
  private final Clock clock;

  public RestartRule(int threshold, Duration window, Clock clock) {
    this.threshold = threshold;
    this.window = window;
    this.clock = clock;
  }

  /**
   * The pod, when it has restarted and shows a current sign of it: a container in CrashLoopBackOff
   * now or a termination within the window. Pods without one cannot have a recent restart and are
   * not looked at further.
   */
  public Optional<RestartingPod> restarting(Pod pod) {
    PodStatus status = pod.getStatus();
    if (status == null || pod.getMetadata().getDeletionTimestamp() != null || isFinished(status)) {
      // A terminating pod is already being replaced; a finished one has nothing left to restart.
      return Optional.empty();
    }
    List<ContainerStatus> containers = containersOf(status);
    int restarts =
        containers.stream()
            .map(ContainerStatus::getRestartCount)
            .filter(Objects::nonNull)
            .mapToInt(Integer::intValue)
            .sum();
    if (restarts == 0) {
      return Optional.empty();
    }
    Optional<Instant> lastTermination =
        containers.stream()
            .map(RestartRule::lastTermination)
            .flatMap(Optional::stream)
            .max(Instant::compareTo);
    return currentEvidence(containers, lastTermination)
        .map(
            evidence ->
                new RestartingPod(
                    pod.getMetadata().getNamespace(),
                    pod.getMetadata().getName(),
                    parse(pod.getMetadata().getCreationTimestamp()),
                    restarts,
                    lastTermination,
                    evidence,
                    controllerOf(pod)));
  }

  /**
   * Dates the pod's restarts with {@code previous} (what an earlier run recorded, if anything) and
   * judges it.
   */
  public Judgement judge(RestartingPod pod, Optional<RestartRecord> previous) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant windowStart = now.minus(window);
    Optional<RestartRecord> known = previous.filter(record -> isOf(pod, record));
    Instant earliest =
        known.map(RestartRecord::observedAt).orElseGet(() -> pod.createdAt().orElse(Instant.EPOCH));
    int fresh = pod.restarts() - known.map(RestartRecord::restarts).orElse(0);
    List<Instant> dates = new ArrayList<>(known.map(RestartRecord::recent).orElse(List.of()));
    if (fresh > 0) {
      dates.addAll(Collections.nCopies(fresh - 1, earliest));
      dates.add(pod.lastTermination().filter(last -> last.isAfter(earliest)).orElse(earliest));
    }
    List<Instant> recent =
        dates.stream()
            .map(date -> date.truncatedTo(ChronoUnit.SECONDS))
            .filter(date -> !date.isBefore(windowStart))
            .sorted()
            .toList();
    int withinWindow = recent.size();
    RestartRecord record =
        new RestartRecord(
            pod.restarts(),
            now,
            recent.subList(Math.max(0, recent.size() - threshold), recent.size()));
    Optional<UnhealthyPod> unhealthy =
        withinWindow >= threshold
            ? Optional.of(
                new UnhealthyPod(
                    pod.namespace(),
                    pod.name(),
                    pod.restarts(),
                    withinWindow + " within " + describe(window) + ", " + pod.evidence(),
                    pod.controller()))
            : Optional.empty();
    return new Judgement(pod, withinWindow, record, unhealthy);
  }

  /**
   * A record belongs to this pod unless it predates the pod (an earlier pod of the same name, e.g.
   * a StatefulSet's replacement) or counts more restarts than the pod has.
   */
  private static boolean isOf(RestartingPod pod, RestartRecord record) {
    boolean predates = pod.createdAt().map(record.observedAt()::isBefore).orElse(false);
    return !predates && record.restarts() <= pod.restarts();
  }

  private Optional<String> currentEvidence(
      List<ContainerStatus> containers, Optional<Instant> lastTermination) {
    boolean crashLooping =
        containers.stream()
            .map(ContainerStatus::getState)
            .filter(Objects::nonNull)
            .map(ContainerState::getWaiting)
            .filter(Objects::nonNull)
            .anyMatch(waiting -> CRASH_LOOP.equals(waiting.getReason()));
    if (crashLooping) {
      return Optional.of(CRASH_LOOP);
    }
    Instant now = clock.instant();
    return lastTermination
        .filter(last -> !last.isBefore(now.minus(window)))
        .map(last -> "last termination " + Duration.between(last, now).toSeconds() + "s ago");
  }

  private static Optional<Instant> lastTermination(ContainerStatus container) {
    ContainerState last = container.getLastState();
    if (last == null || last.getTerminated() == null) {
      return Optional.empty();
    }
    return parse(last.getTerminated().getFinishedAt());
  }

  private static Optional<Instant> parse(String timestamp) {
    try {
      return Optional.ofNullable(timestamp).map(Instant::parse);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** {@code 15m} rather than {@code PT15M}: how RESTART_WINDOW is written. */
  private static String describe(Duration duration) {
    long seconds = duration.toSeconds();
    if (seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    return seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
  }

  private static boolean isFinished(PodStatus status) {
    return "Succeeded".equals(status.getPhase()) || "Failed".equals(status.getPhase());
  }

  private static List<ContainerStatus> containersOf(PodStatus status) {
    List<ContainerStatus> all = new ArrayList<>();
    Optional.ofNullable(status.getInitContainerStatuses()).ifPresent(all::addAll);
    Optional.ofNullable(status.getContainerStatuses()).ifPresent(all::addAll);
    return all;
  }

  private static Optional<OwnerReference> controllerOf(Pod pod) {
    return Optional.ofNullable(pod.getMetadata().getOwnerReferences()).stream()
        .flatMap(List::stream)
        .filter(owner -> Boolean.TRUE.equals(owner.getController()))
        .findFirst();
  }

  /**
   * The rule's verdict on one pod.
   *
   * @param pod the pod
   * @param withinWindow its restarts dated within the window
   * @param record what to keep for the next run
   * @param unhealthy present when {@code withinWindow} reaches the threshold
   */
  public record Judgement(
      RestartingPod pod,
      int withinWindow,
      RestartRecord record,
      Optional<UnhealthyPod> unhealthy) {}
}
