package com.hrt.sre.autohealer.detect;

import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.Optional;

/**
 * A pod the restart rule flagged.
 *
 * @param namespace the pod's namespace
 * @param name the pod's name
 * @param restarts restart count summed over its containers (init containers included)
 * @param evidence why the restarts count as current, e.g. {@code CrashLoopBackOff} or {@code last
 *     termination 2m ago}
 * @param controller the owner reference marked {@code controller: true}, if any
 */
public record UnhealthyPod(
    String namespace,
    String name,
    int restarts,
    String evidence,
    Optional<OwnerReference> controller) {}
