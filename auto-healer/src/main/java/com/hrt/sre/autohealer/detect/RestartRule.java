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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The detection rule, after the descheduler's RemovePodsHavingTooManyRestarts: a pod is unhealthy
 * when the restarts summed over its containers reach the threshold AND they are current — a
 * container is in CrashLoopBackOff now, or one terminated within the window. Old restarts of a pod
 * that has been stable since do not count.
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

  /** The verdict on one pod: present when it is unhealthy. */
  public Optional<UnhealthyPod> evaluate(Pod pod) {
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
    if (restarts < threshold) {
      return Optional.empty();
    }
    return currentEvidence(containers)
        .map(
            evidence ->
                new UnhealthyPod(
                    pod.getMetadata().getNamespace(),
                    pod.getMetadata().getName(),
                    restarts,
                    evidence,
                    controllerOf(pod)));
  }

  private Optional<String> currentEvidence(List<ContainerStatus> containers) {
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
    return containers.stream()
        .map(RestartRule::lastTermination)
        .flatMap(Optional::stream)
        .max(Instant::compareTo)
        .filter(last -> !last.isBefore(now.minus(window)))
        .map(last -> "last termination " + Duration.between(last, now).toSeconds() + "s ago");
  }

  private static Optional<Instant> lastTermination(ContainerStatus container) {
    ContainerState last = container.getLastState();
    if (last == null || last.getTerminated() == null) {
      return Optional.empty();
    }
    String finishedAt = last.getTerminated().getFinishedAt();
    try {
      return Optional.ofNullable(finishedAt).map(Instant::parse);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
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
}
