package com.hrt.sre.autohealer.detect;

import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.Optional;

/**
 * A pod with at least RESTART_THRESHOLD restarts within RESTART_WINDOW.
 *
 * @param namespace the pod's namespace
 * @param name the pod's name
 * @param restarts restart count summed over its containers (init containers included)
 * @param evidence why it counts, e.g. {@code 4 within 15m, CrashLoopBackOff}
 * @param controller the owner reference marked {@code controller: true}, if any
 */
public record UnhealthyPod(
    String namespace,
    String name,
    int restarts,
    String evidence,
    Optional<OwnerReference> controller) {}
