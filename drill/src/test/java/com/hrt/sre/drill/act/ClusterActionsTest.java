package com.hrt.sre.drill.act;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hrt.sre.drill.scenario.Step;
import com.hrt.sre.testsupport.ExternalTool;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl against fabric8's API-server double in CRUD mode (plus the discovery a real
 * server serves, {@link KubeApi}). The double has no controllers: where the drill waits for one (a
 * Deployment's rollout, a Job's pod), the test plays it and checks the drill waited.
 */
@EnableKubernetesMockClient(crud = true)
class ClusterActionsTest {

  private static final Duration POLL = Duration.ofMillis(200);

  KubernetesMockServer server;
  KubernetesClient client;
  @TempDir Path dir;
  private ClusterActions actions;

  /**
   * The controller doubles' threads: not the common pool, whose one thread (on 2 CPUs) the client's
   * own callbacks need while a controller waits.
   */
  private final ExecutorService controllers = Executors.newVirtualThreadPerTaskExecutor();

  @AfterEach
  void stopControllers() {
    controllers.shutdownNow();
  }

  @BeforeEach
  void setUp() {
    String kubectl = ExternalTool.require("kubectl 1.32 (TOOLCHAIN.md)", "kubectl").toString();
    KubeApi.serveDiscovery(server);
    actions =
        new ClusterActions(
            kubectl,
            "double",
            KubeApi.kubeconfig(client, dir).toString(),
            HttpClient.newHttpClient(),
            // A stopped clock: every step in one second, as two quick batch runs can be. The
            // drill must still give each run's Job a name of its own.
            Clock.fixed(Instant.now(), ZoneOffset.UTC),
            new ClusterActions.Timing(
                POLL,
                Duration.ofSeconds(20),
                Duration.ofSeconds(20),
                Duration.ofSeconds(20),
                Duration.ofSeconds(10)));
  }

  @Test
  void scalingPatchesTheReplicasAndWaitsUntilTheControllerHasRolledOut() throws Exception {
    deployment("hrt-sre", "pushgateway", 1);
    AtomicLong rolledOutAt = new AtomicLong();
    CompletableFuture<Void> controller =
        CompletableFuture.runAsync(
            () -> {
              // The Deployment controller: rolls out only once it sees the patched spec.
              await("the patched replicas")
                  .atMost(Duration.ofSeconds(20))
                  .until(
                      () ->
                          Objects.equals(
                              deploymentNamed("pushgateway").getSpec().getReplicas(), 0));
              Deployment current = deploymentNamed("pushgateway");
              current.setStatus(
                  new DeploymentStatusBuilder()
                      .withObservedGeneration(current.getMetadata().getGeneration())
                      .build());
              rolledOutAt.set(System.nanoTime()); // before the write: kubectl may return at once
              client.apps().deployments().resource(current).updateStatus();
            },
            controllers);

    actions.execute(new Step.ScaleDeployment("hrt-sre", "pushgateway", 0));
    long returnedAt = System.nanoTime();

    controller.get(30, TimeUnit.SECONDS);
    assertThat(deploymentNamed("pushgateway").getSpec().getReplicas()).isZero();
    assertThat(returnedAt).as("returned after the rollout").isGreaterThan(rolledOutAt.get());
  }

  @Test
  void scalingAnUnknownDeploymentFailsWithKubectlsAnswer() {
    assertThatThrownBy(() -> actions.execute(new Step.ScaleDeployment("hrt-sre", "nope", 0)))
        .isInstanceOf(ActionFailedException.class)
        .hasMessageContaining("scale deployment hrt-sre/nope to 0")
        .hasMessageContaining("kubectl -n hrt-sre patch deployment nope")
        .hasMessageContaining("NotFound");
  }

  @Test
  void suspendingAndResumingACronJobChangesItsSpec() {
    cronJob("hrt-sre", "auto-healer", false);

    actions.execute(new Step.SuspendCronJob("hrt-sre", "auto-healer", true));
    assertThat(cronJobSuspended("auto-healer")).isTrue();

    actions.execute(new Step.SuspendCronJob("hrt-sre", "auto-healer", false));
    assertThat(cronJobSuspended("auto-healer")).isFalse();
  }

  @Test
  void aBatchRunIsAJobFromTheCronJobWithTheOverridesAndHoldsTheScheduleUntilARunSucceeds()
      throws Exception {
    cronJob("hrt-sre", "batch-sync", false);
    CompletableFuture<Job> failing = jobController(1);

    actions.execute(new Step.RunBatch(Map.of("BATCH_FAILURE_RATE", "1.0")));

    Job job = failing.get(5, TimeUnit.SECONDS);
    List<EnvVar> env = job.getSpec().getTemplate().getSpec().getContainers().getFirst().getEnv();
    assertThat(env)
        .extracting(EnvVar::getName, EnvVar::getValue)
        .contains(
            org.assertj.core.groups.Tuple.tuple("BATCH_FAILURE_RATE", "1.0"),
            org.assertj.core.groups.Tuple.tuple("PUSHGATEWAY_URL", "http://pushgateway:9091"))
        .filteredOn(t -> "BATCH_FAILURE_RATE".equals(t.toList().getFirst()))
        .hasSize(1);
    assertThat(job.getMetadata().getOwnerReferences().getFirst().getName()).isEqualTo("batch-sync");
    assertThat(cronJobSuspended("batch-sync")).as("held after the failed run").isTrue();

    CompletableFuture<Job> healing = jobController(0);
    actions.execute(new Step.RunBatch(Map.of("BATCH_FAILURE_RATE", "0.0")));
    healing.get(5, TimeUnit.SECONDS);
    assertThat(cronJobSuspended("batch-sync")).as("released after a good run").isFalse();
  }

  @Test
  void aBatchRunWhoseSettingsAreRefusedFailsTheStep() {
    cronJob("hrt-sre", "batch-sync", false);
    jobController(2);

    assertThatThrownBy(() -> actions.execute(new Step.RunBatch(Map.of("BATCH_SIZE", "9999"))))
        .isInstanceOf(ActionFailedException.class)
        .hasMessageContaining("batch-sync exited 2")
        .hasMessageContaining("logs job/batch-sync-drill-");
    actions.close();
    assertThat(cronJobSuspended("batch-sync")).as("close() releases the hold").isFalse();
  }

  @Test
  void theAutoHealersEventsSinceAnInstantAreItsActions() {
    Instant start = Instant.parse("2026-12-02T10:00:00Z");
    event("portal", "portal.1", "AutoHealed", "auto-healer", start.minusSeconds(60), "old");
    event("portal", "portal.2", "AutoHealed", "auto-healer", start.plusSeconds(90), "restarted");
    event("portal", "portal.3", "ScalingReplicaSet", "deployment-controller", start, "other");

    assertThat(actions.autoHealerActions(start))
        .containsExactly("2026-12-02T10:01:30Z AutoHealed Deployment portal/portal: restarted");
  }

  @Test
  void awaitingTheAutoHealerEndsAtItsEventAndFailsWhenItGaveUp() {
    deployment("hrt-sre", "pushgateway", 1);
    cronJob("hrt-sre", "auto-healer", false);
    actions.execute(new Step.SuspendCronJob("hrt-sre", "auto-healer", true));
    event("portal", "portal.4", "AutoHealGaveUp", "auto-healer", Instant.now(), "3 restarts max");

    assertThatThrownBy(() -> actions.execute(new Step.AwaitAutoHealer()))
        .isInstanceOf(ActionFailedException.class)
        .hasMessageContaining("the auto-healer gave up: 3 restarts max");
  }

  @Test
  void localStepsAreRefused() {
    assertThatThrownBy(() -> actions.execute(new Step.StopProcess("portal")))
        .isInstanceOf(ActionFailedException.class)
        .hasMessageContaining("a local-mode step");
  }

  /** Plays the Job controller for the next Job: its pod ends with {@code exit}. */
  private CompletableFuture<Job> jobController(int exit) {
    return CompletableFuture.supplyAsync(
        () -> {
          // A client of its own: one shared across threads was found closed under the test.
          KubernetesClient client = server.createClient();
          Job job =
              await("a Job to play")
                  .atMost(Duration.ofSeconds(20))
                  .until(() -> unplayedJob(client), Objects::nonNull);
          String name = job.getMetadata().getName();
          client
              .pods()
              .inNamespace("hrt-sre")
              .resource(
                  new PodBuilder()
                      .withNewMetadata()
                      .withName(name + "-x1")
                      .addToLabels("job-name", name)
                      .endMetadata()
                      .withNewStatus()
                      .addNewContainerStatus()
                      .withName("batch-sync")
                      .withNewState()
                      .withNewTerminated()
                      .withExitCode(exit)
                      .endTerminated()
                      .endState()
                      .endContainerStatus()
                      .endStatus()
                      .build())
              .create();
          job.setStatus(
              new JobStatusBuilder()
                  .addNewCondition()
                  .withType(exit == 0 ? "Complete" : "Failed")
                  .withStatus("True")
                  .endCondition()
                  .build());
          return client.batch().v1().jobs().resource(job).updateStatus();
        },
        controllers);
  }

  private static Job unplayedJob(KubernetesClient client) {
    return client.batch().v1().jobs().inNamespace("hrt-sre").list().getItems().stream()
        .filter(job -> job.getStatus() == null || job.getStatus().getConditions().isEmpty())
        .findFirst()
        .orElse(null);
  }

  private void deployment(String ns, String name, int replicas) {
    client
        .apps()
        .deployments()
        .inNamespace(ns)
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .addToMatchLabels("app", name)
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", name)
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName(name)
                .withImage(name + ":1")
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .withNewStatus()
                .withObservedGeneration(1L)
                .withReplicas(replicas)
                .withUpdatedReplicas(replicas)
                .withAvailableReplicas(replicas)
                .endStatus()
                .build())
        .createOr(NonDeletingOperation::update);
  }

  private Deployment deploymentNamed(String name) {
    return client.apps().deployments().inNamespace("hrt-sre").withName(name).get();
  }

  private void cronJob(String ns, String name, boolean suspended) {
    client
        .batch()
        .v1()
        .cronjobs()
        .inNamespace(ns)
        .resource(
            new CronJobBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withSchedule("*/5 * * * *")
                .withSuspend(suspended)
                .withNewJobTemplate()
                .withNewSpec()
                .withBackoffLimit(0)
                .withNewTemplate()
                .withNewSpec()
                .withRestartPolicy("Never")
                .addNewContainer()
                .withName(name)
                .withImage("hrt-sre/" + name + ":dev")
                .addNewEnv()
                .withName("PUSHGATEWAY_URL")
                .withValue("http://pushgateway:9091")
                .endEnv()
                .addNewEnv()
                .withName("BATCH_FAILURE_RATE")
                .withValue("0.0")
                .endEnv()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .endJobTemplate()
                .endSpec()
                .build())
        .createOr(NonDeletingOperation::update);
  }

  private boolean cronJobSuspended(String name) {
    return Boolean.TRUE.equals(
        client
            .batch()
            .v1()
            .cronjobs()
            .inNamespace("hrt-sre")
            .withName(name)
            .get()
            .getSpec()
            .getSuspend());
  }

  private void event(
      String ns, String name, String reason, String component, Instant at, String message) {
    client
        .v1()
        .events()
        .inNamespace(ns)
        .resource(
            new EventBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewInvolvedObject()
                .withApiVersion("apps/v1")
                .withKind("Deployment")
                .withNamespace(ns)
                .withName("portal")
                .endInvolvedObject()
                .withReason(reason)
                .withMessage(message)
                .withNewSource()
                .withComponent(component)
                .endSource()
                .withLastTimestamp(at.toString())
                .build())
        .create();
  }
}
