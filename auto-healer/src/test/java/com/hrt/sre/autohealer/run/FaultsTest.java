package com.hrt.sre.autohealer.run;

import static com.hrt.sre.autohealer.ClusterFixture.NOW;
import static com.hrt.sre.autohealer.ClusterFixture.crashLooping;
import static com.hrt.sre.autohealer.TestSettings.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.autohealer.ClusterFixture;
import com.hrt.sre.autohealer.RecordedRequests;
import com.hrt.sre.autohealer.TestSettings;
import com.hrt.sre.autohealer.config.AutoHealerProperties;
import com.hrt.sre.autohealer.heal.Action;
import com.hrt.sre.autohealer.report.RunReport;
import com.hrt.sre.autohealer.report.WorkloadOutcome;
import com.hrt.sre.autohealer.workload.WorkloadApi;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.time.ZoneOffset;
import org.assertj.core.api.Condition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * API faults: the mock server answers from expectations first (the injected faults), from its CRUD
 * store otherwise, so everything not faulted behaves like an API server.
 */
@EnableKubernetesMockClient(crud = true)
class FaultsTest {

  private static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/portal/deployments/";
  private static final String REPLICA_SETS = "/apis/apps/v1/namespaces/portal/replicasets/";

  KubernetesMockServer server;
  KubernetesClient client;
  ClusterFixture cluster;

  @BeforeEach
  void setUp() {
    cluster = new ClusterFixture(client);
    for (String name : new String[] {"alpha", "bravo", "charlie"}) {
      cluster.pod(
          "portal", name + "-7d9f8c6b5-a1", cluster.deployment("portal", name), crashLooping(5));
    }
  }

  @Test
  void serverErrorOnOnePatchFailsThatWorkloadOnlyAfterBoundedRetries() {
    server
        .expect()
        .patch()
        .withPath(DEPLOYMENTS + "bravo")
        .andReturn(500, status(500, "etcdserver: request timed out"))
        .always();
    RecordedRequests.drain(server);

    RunReport report = run(settings("autohealer.api.retries", "2"));

    assertThat(report.outcomes())
        .extracting(o -> o.workload().name() + ":" + o.action().label())
        .containsExactlyInAnyOrder("alpha:restarted", "bravo:failed", "charlie:restarted");
    assertThat(report.hasFailures()).as("the job exits non-zero").isTrue();
    assertThat(report.unhealthyPods())
        .as("the failed workload's pod is unhealthy too")
        .isEqualTo(3);
    assertThat(RecordedRequests.drain(server))
        .filteredOn(r -> r.getMethod().equals("PATCH") && r.getPath().endsWith("/bravo"))
        .as("first attempt and 2 retries")
        .hasSize(3);
    assertThat(restartedAt("alpha")).isNotNull();
    assertThat(restartedAt("bravo")).isNull();
  }

  @Test
  void transientServerErrorsAreRetriedAndTheHealSucceeds() {
    server
        .expect()
        .patch()
        .withPath(DEPLOYMENTS + "alpha")
        .andReturn(503, status(503, "unavailable"))
        .times(2);

    RunReport report = run(settings("autohealer.api.retries", "3"));

    assertThat(report.outcomes())
        .extracting(WorkloadOutcome::action)
        .containsOnly(Action.RESTARTED);
    assertThat(report.hasFailures()).isFalse();
    assertThat(restartedAt("alpha")).isEqualTo("2026-11-28T12:00:00Z");
  }

  @Test
  void conflictReReadsTheWorkloadAndRetries() {
    server
        .expect()
        .patch()
        .withPath(DEPLOYMENTS + "alpha")
        .andReturn(409, status(409, "the object has been modified"))
        .once();
    RecordedRequests.drain(server);

    RunReport report = run(settings());

    assertThat(report.outcomes())
        .filteredOn(o -> o.workload().name().equals("alpha"))
        .extracting(WorkloadOutcome::action)
        .containsExactly(Action.RESTARTED);
    assertThat(restartedAt("alpha")).isEqualTo("2026-11-28T12:00:00Z");
    assertThat(RecordedRequests.drain(server))
        .filteredOn(r -> r.getMethod().equals("PATCH") && r.getPath().endsWith("/alpha"))
        .hasSize(2);
  }

  @Test
  void conflictsBeyondTheBoundFailTheWorkload() {
    server
        .expect()
        .patch()
        .withPath(DEPLOYMENTS + "alpha")
        .andReturn(409, status(409, "the object has been modified"))
        .always();

    RunReport report = run(settings("autohealer.api.conflict-retries", "2"));

    assertThat(report.outcomes())
        .filteredOn(o -> o.workload().name().equals("alpha"))
        .singleElement()
        .satisfies(
            o -> {
              assertThat(o.action()).isEqualTo(Action.FAILED);
              assertThat(o.reason()).contains("409");
            });
  }

  @Test
  void aNamespaceThatCannotBeListedFailsTheRunButOthersAreHealed() {
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/shop/pods?limit=500")
        .andReturn(500, status(500, "boom"))
        .always();

    RunReport report =
        run(settings("autohealer.watch-namespaces", "shop,portal", "autohealer.api.retries", "1"));

    assertThat(report.failedNamespaces()).containsKey("shop");
    assertThat(report.count(Action.RESTARTED)).isEqualTo(3);
    assertThat(report.hasFailures()).isTrue();
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {403, 500})
  void aFailedOwnerLookupFailsTheRunInsteadOfSkippingThePod(int code) {
    server
        .expect()
        .get()
        .withPath(REPLICA_SETS + "bravo-7d9f8c6b5")
        .andReturn(code, status(code, "replicasets.apps \"bravo-7d9f8c6b5\" is forbidden"))
        .always();
    RecordedRequests.drain(server);

    RunReport report = run(settings("autohealer.api.retries", "2"));

    assertThat(report.failedLookups())
        .containsOnlyKeys("portal/bravo-7d9f8c6b5-a1")
        .hasValueSatisfying(
            new Condition<>(reason -> reason.startsWith("HTTP " + code), "the API's answer"));
    assertThat(report.skippedPods()).as("a lookup error is no skip").isEmpty();
    assertThat(report.hasFailures()).as("exit 1, autohealer_last_run_success 0").isTrue();
    assertThat(report.summary()).anyMatch(line -> line.contains("lookup_failed"));
    assertThat(report.outcomes())
        .extracting(o -> o.workload().name() + ":" + o.action().label())
        .as("the other workloads are still healed")
        .containsExactlyInAnyOrder("alpha:restarted", "charlie:restarted");
    assertThat(RecordedRequests.drain(server))
        .filteredOn(r -> r.getPath().endsWith("/replicasets/bravo-7d9f8c6b5"))
        .as("a 5xx is retried (first attempt and 2 retries), a 403 is not")
        .hasSize(code >= 500 ? 3 : 1);
  }

  private RunReport run(AutoHealerProperties settings) {
    KubernetesClient healer = TestSettings.healerClient(client, settings);
    return new HealRun(healer, settings, Clock.fixed(NOW, ZoneOffset.UTC), "test").run();
  }

  private String restartedAt(String name) {
    return client
        .apps()
        .deployments()
        .inNamespace("portal")
        .withName(name)
        .get()
        .getSpec()
        .getTemplate()
        .getMetadata()
        .getAnnotations()
        .get(WorkloadApi.RESTARTED_AT_ANNOTATION);
  }

  private static Status status(int code, String message) {
    return new StatusBuilder().withStatus("Failure").withCode(code).withMessage(message).build();
  }
}
