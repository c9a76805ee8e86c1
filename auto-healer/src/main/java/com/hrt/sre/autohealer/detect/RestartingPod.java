package com.hrt.sre.autohealer.detect;

import io.fabric8.kubernetes.api.model.OwnerReference;
import java.time.Instant;
import java.util.Optional;

/**
 * A pod with a restart that may be recent: what the pod itself tells about its restarts. Whether
 * enough of them fall within RESTART_WINDOW is judged against what earlier runs saw ({@link
 * RestartRule#judge}).
 *
 * @param namespace the pod's namespace
 * @param name the pod's name
 * @param createdAt the pod's creationTimestamp, if readable: no restart of it is older
 * @param restarts restart count summed over its containers (init containers included)
 * @param lastTermination the latest {@code lastState.terminated.finishedAt} of its containers
 * @param evidence why its restarts may be current, e.g. {@code CrashLoopBackOff} or {@code last
 *     termination 2m ago}
 * @param controller the owner reference marked {@code controller: true}, if any
 */
public record RestartingPod(
    String namespace,
    String name,
    Optional<Instant> createdAt,
    int restarts,
    Optional<Instant> lastTermination,
    String evidence,
    Optional<OwnerReference> controller) {

  /** The pod as evidence before (or without) a judgement, e.g. for a failed workload. */
  public UnhealthyPod unjudged() {
    return new UnhealthyPod(namespace, name, restarts, evidence, controller);
  }
}
