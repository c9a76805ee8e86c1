package com.hrt.sre.autohealer.run;

import static com.hrt.sre.autohealer.ClusterFixture.NOW;
import static com.hrt.sre.autohealer.ClusterFixture.crashLooping;
import static com.hrt.sre.autohealer.TestSettings.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.autohealer.ClusterFixture;
import com.hrt.sre.autohealer.TestSettings;
import com.hrt.sre.autohealer.config.AutoHealerProperties;
import com.hrt.sre.autohealer.heal.Action;
import com.hrt.sre.autohealer.report.RunReport;
import com.hrt.sre.autohealer.report.WorkloadOutcome;
import com.hrt.sre.autohealer.workload.RestartLedger;
import com.hrt.sre.autohealer.workload.WorkloadApi;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RESTART_WINDOW limits which restarts count: RESTART_THRESHOLD restarts must fall within it. The
 * pods are served by expectations, one list per run, because their creationTimestamp matters and
 * the mock server's CRUD store stamps its own; the Deployment, its ReplicaSet and the restart
 * ledger annotation live in the CRUD store across runs, as on a cluster.
 */
@EnableKubernetesMockClient(crud = true)
class RestartWindowTest {

  private static final String POD = "portal-7d9f8c6b5-a1";
  private static final Instant LAST_WEEK = NOW.minus(Duration.ofDays(7));

  KubernetesMockServer server;
  KubernetesClient client;
  ReplicaSet rs;

  @BeforeEach
  void setUp() {
    rs = new ClusterFixture(client).deployment("portal", "portal");
  }

  @Test
  void oldRestartsAndOneNewCrashDoNotHeal() {
    // Created last week, 4 restarts back then; one crash now makes 5.
    RunReport report = runAt(NOW, LAST_WEEK, crashLooping(5, NOW.minusSeconds(20)));

    assertThat(report.unhealthyPods()).isZero();
    assertThat(report.outcomes()).isEmpty();
    Deployment portal = deployment();
    assertThat(portal.getSpec().getTemplate().getMetadata().getAnnotations())
        .doesNotContainKey(WorkloadApi.RESTARTED_AT_ANNOTATION);
    assertThat(portal.getMetadata().getAnnotations())
        .as("the observation is kept for the next run")
        .containsEntry(
            RestartLedger.ANNOTATION,
            "{\""
                + POD
                + "\":{\"restarts\":5,\"observedAt\":\"2026-11-28T12:00:00Z\","
                + "\"recent\":[\"2026-11-28T11:59:40Z\"]}}");
  }

  @Test
  void thresholdRestartsWithinTheWindowHealAsTheyHappenAcrossRuns() {
    RunReport first = runAt(NOW, LAST_WEEK, crashLooping(5, NOW.minusSeconds(20)));
    Instant second = NOW.plus(Duration.ofMinutes(2));
    RunReport secondRun = runAt(second, LAST_WEEK, crashLooping(6, second.minusSeconds(20)));
    Instant third = NOW.plus(Duration.ofMinutes(4));
    RunReport thirdRun = runAt(third, LAST_WEEK, crashLooping(7, third.minusSeconds(20)));

    assertThat(first.outcomes()).as("1 restart within the window").isEmpty();
    assertThat(secondRun.outcomes()).as("2 restarts within the window").isEmpty();
    assertThat(thirdRun.outcomes())
        .singleElement()
        .satisfies(
            outcome -> {
              assertThat(outcome.action()).isEqualTo(Action.RESTARTED);
              assertThat(outcome.evidence()).contains(POD + "=7 (3 within 15m, CrashLoopBackOff)");
            });
    assertThat(deployment().getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry(WorkloadApi.RESTARTED_AT_ANNOTATION, "2026-11-28T12:04:00Z");
  }

  @Test
  void aPodCreatedWithinTheWindowCountsAllItsRestarts() {
    RunReport report =
        runAt(NOW, NOW.minus(Duration.ofMinutes(10)), crashLooping(3, NOW.minusSeconds(20)));

    assertThat(report.outcomes())
        .extracting(WorkloadOutcome::action)
        .containsExactly(Action.RESTARTED);
  }

  @Test
  void restartsOlderThanTheWindowDropOut() {
    runAt(NOW, NOW.minus(Duration.ofMinutes(10)), crashLooping(2, NOW.minusSeconds(20)));
    Instant later = NOW.plus(Duration.ofMinutes(20));

    RunReport report = runAt(later, NOW.minus(Duration.ofMinutes(10)), crashLooping(3, later));

    assertThat(report.outcomes())
        .as("the first two restarts are over 15m old: 1 within the window")
        .isEmpty();
  }

  /** One run at {@code now} that lists the portal pod with {@code status}. */
  private RunReport runAt(Instant now, Instant podCreated, ContainerStatus status) {
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/portal/pods?limit=500")
        .andReturn(
            200,
            new PodListBuilder()
                .withNewMetadata()
                .withResourceVersion("1")
                .endMetadata()
                .withItems(ClusterFixture.podObject("portal", POD, rs, status, podCreated))
                .build())
        .once();
    AutoHealerProperties settings = settings();
    KubernetesClient healer = TestSettings.healerClient(client, settings);
    return new HealRun(healer, settings, Clock.fixed(now, ZoneOffset.UTC), "test").run();
  }

  private Deployment deployment() {
    return client.apps().deployments().inNamespace("portal").withName("portal").get();
  }
}
