package com.hrt.sre.autohealer.heal;

import com.hrt.sre.autohealer.workload.Workload;
import com.hrt.sre.autohealer.workload.WorkloadKind;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Kubernetes Events (core v1, what {@code kubectl get events} and {@code kubectl describe} show) on
 * the healed workload: reason {@code AutoHealed} or {@code AutoHealGaveUp}.
 */
public final class HealEvents {

  public static final String HEALED = "AutoHealed";
  public static final String GAVE_UP = "AutoHealGaveUp";
  static final String COMPONENT = "auto-healer";

  private final KubernetesClient client;
  private final String instance;

  public HealEvents(KubernetesClient client, String instance) {
    this.client = client;
    this.instance = instance;
  }

  public void healed(Workload workload, String message, Instant now) {
    create(workload, HEALED, "Normal", message, now);
  }

  public void gaveUp(Workload workload, String message, Instant now) {
    create(workload, GAVE_UP, "Warning", message, now);
  }

  private void create(Workload workload, String reason, String type, String message, Instant now) {
    String timestamp = now.truncatedTo(ChronoUnit.SECONDS).toString();
    Event event =
        new EventBuilder()
            .withNewMetadata()
            // The naming scheme kubectl and client-go use: <object>.<unique hex>.
            .withName(workload.ref().name() + "." + Long.toHexString(epochNanos(now)))
            .withNamespace(workload.ref().namespace())
            .endMetadata()
            .withNewInvolvedObject()
            .withApiVersion(WorkloadKind.API_VERSION)
            .withKind(workload.ref().kind().kind())
            .withNamespace(workload.ref().namespace())
            .withName(workload.ref().name())
            .withUid(workload.uid())
            .endInvolvedObject()
            .withReason(reason)
            .withType(type)
            .withMessage(message)
            .withNewSource()
            .withComponent(COMPONENT)
            .endSource()
            .withReportingComponent("hrt-sre/" + COMPONENT)
            .withReportingInstance(instance)
            .withFirstTimestamp(timestamp)
            .withLastTimestamp(timestamp)
            .withCount(1)
            .build();
    client.v1().events().inNamespace(workload.ref().namespace()).resource(event).create();
  }

  private static long epochNanos(Instant at) {
    return at.getEpochSecond() * 1_000_000_000L + at.getNano();
  }
}
