package com.hrt.sre.gitops.sync;

import static com.hrt.sre.gitops.sync.TestRepository.configMap;
import static com.hrt.sre.gitops.sync.TestRepository.deployment;
import static com.hrt.sre.gitops.sync.TestRepository.kustomization;
import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.gitops.cluster.Change;
import com.hrt.sre.gitops.cluster.ClusterApplier;
import com.hrt.sre.gitops.config.GitopsProperties;
import com.hrt.sre.gitops.config.TestProperties;
import com.hrt.sre.gitops.render.KustomizeRenderer;
import com.hrt.sre.gitops.render.ManifestValidator;
import com.hrt.sre.gitops.source.GitSource;
import com.hrt.sre.testsupport.ExternalTool;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop on a real Git repository and the real {@code kubectl kustomize}: commit, detect,
 * render, validate, server-side apply to fabric8's mock API server, prune.
 */
class SyncServiceTest {

  private static final String OWNER = "hrt-sre-gitops";
  private static final Duration POLL = Duration.ofSeconds(1);

  @TempDir Path repoDir;
  @TempDir Path workDir;

  private ServerSideApplyMockServer server;
  private KubernetesClient client;
  private TestRepository repo;
  private Path kubectl;
  private final TestClock clock = new TestClock();
  private final MeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
  private final AtomicInteger renders = new AtomicInteger();

  @BeforeEach
  void setUp() {
    kubectl = ExternalTool.require("kubectl with kustomize (TOOLCHAIN.md)", "kubectl");
    server = new ServerSideApplyMockServer();
    client = server.client();
    repo = TestRepository.create(repoDir);
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void aNewCommitIsRenderedAndAppliedWithTheOwnershipLabel() {
    repo.write("kustomization.yaml", kustomization("settings.yaml", "web.yaml"))
        .write("settings.yaml", configMap("settings", "one"))
        .write("web.yaml", deployment("web", 1));
    String commit = repo.commit("first");

    SyncResult result = watcher(false).sync();

    assertThat(result.outcome()).isEqualTo(SyncResult.Outcome.APPLIED);
    assertThat(result.commit()).isEqualTo(commit);
    ConfigMap settings = configMapNamed("settings");
    assertThat(settings.getData()).containsEntry("setting", "one");
    assertThat(settings.getMetadata().getLabels())
        .containsEntry(GitopsProperties.OWNER_LABEL, OWNER);
    assertThat(deploymentNamed("web").getMetadata().getLabels())
        .containsEntry(GitopsProperties.OWNER_LABEL, OWNER);
  }

  @Test
  void aChangedManifestInALaterCommitUpdatesTheLiveObject() {
    repo.write("kustomization.yaml", kustomization("settings.yaml", "web.yaml"))
        .write("settings.yaml", configMap("settings", "one"))
        .write("web.yaml", deployment("web", 1))
        .commit("first");
    SyncService watcher = watcher(false);
    watcher.sync();

    repo.write("web.yaml", deployment("web", 3)).commit("scale web to 3");
    SyncResult result = watcher.sync();

    assertThat(result.outcome()).isEqualTo(SyncResult.Outcome.APPLIED);
    assertThat(deploymentNamed("web").getSpec().getReplicas()).isEqualTo(3);
    assertThat(result.changes())
        .filteredOn(change -> change.action() == Change.Action.UPDATE)
        .singleElement()
        .satisfies(change -> assertThat(change.fields()).contains("spec.replicas"));
  }

  @Test
  void theSameCommitIsNotAppliedTwice() {
    repo.write("kustomization.yaml", kustomization("settings.yaml"))
        .write("settings.yaml", configMap("settings", "one"))
        .commit("first");
    SyncService watcher = watcher(false);
    watcher.sync();

    assertThat(watcher.sync().outcome()).isEqualTo(SyncResult.Outcome.UP_TO_DATE);
  }

  @Test
  void anObjectRemovedFromTheRenderIsPruned() {
    repo.write("kustomization.yaml", kustomization("settings.yaml", "web.yaml"))
        .write("settings.yaml", configMap("settings", "one"))
        .write("web.yaml", deployment("web", 1))
        .commit("first");
    SyncService watcher = watcher(false);
    watcher.sync();

    repo.write("kustomization.yaml", kustomization("settings.yaml"))
        .delete("web.yaml")
        .commit("remove web");
    SyncResult result = watcher.sync();

    assertThat(result.outcome()).isEqualTo(SyncResult.Outcome.APPLIED);
    assertThat(client.apps().deployments().inNamespace("portal").withName("web").get()).isNull();
    assertThat(configMapNamed("settings")).isNotNull();
  }

  @Test
  void aCommitThatFailsToRenderAppliesNothingAndKeepsThePreviousState() {
    repo.write("kustomization.yaml", kustomization("settings.yaml"))
        .write("settings.yaml", configMap("settings", "one"))
        .commit("good");
    SyncService watcher = watcher(false);
    String good = watcher.sync().commit();

    repo.write("kustomization.yaml", kustomization("settings.yaml", "missing-file.yaml"))
        .write("settings.yaml", configMap("settings", "two"))
        .commit("broken: references a file that does not exist");
    SyncResult result = watcher.sync();

    assertThat(result.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
    assertThat(result.error()).startsWith("render:").contains("missing-file.yaml");
    assertThat(configMapNamed("settings").getData()).containsEntry("setting", "one");
    assertThat(watcher.lastAppliedCommit()).contains(good);
  }

  @Test
  void aCommitWithOneInvalidObjectAppliesNoneOfItsObjects() {
    repo.write("kustomization.yaml", kustomization("settings.yaml"))
        .write("settings.yaml", configMap("settings", "one"))
        .commit("good");
    SyncService watcher = watcher(false);
    watcher.sync();

    // A valid change to an existing object and a new valid object, then one invalid object.
    repo.write("kustomization.yaml", kustomization("settings.yaml", "web.yaml", "bad.yaml"))
        .write("settings.yaml", configMap("settings", "two"))
        .write("web.yaml", deployment("web", 1))
        .write("bad.yaml", configMap("Not_A_Valid_Name", "x"))
        .commit("broken: an invalid object name");
    SyncResult result = watcher.sync();

    assertThat(result.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
    assertThat(result.error()).startsWith("validate:").contains("Not_A_Valid_Name");
    assertThat(configMapNamed("settings").getData()).containsEntry("setting", "one");
    assertThat(client.apps().deployments().inNamespace("portal").withName("web").get()).isNull();
    assertThat(server.dryRunRequests()).as("nothing even reached the API server's dry run").isOne();
  }

  @Test
  void anObjectOutsideTheWatchedNamespacesRejectsTheCommit() {
    repo.write(
            "kustomization.yaml",
            "resources:\n  - settings.yaml\n") // no namespace transformer: the manifest's own wins
        .write(
            "settings.yaml",
            configMap("settings", "one")
                .replace("name: settings", "name: settings\n  namespace: kube-system"))
        .commit("targets kube-system");

    SyncResult result = watcher(false).sync();

    assertThat(result.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
    assertThat(result.error()).contains("kube-system");
    assertThat(client.configMaps().inNamespace("kube-system").withName("settings").get()).isNull();
  }

  @Test
  void aCommitWithAForeignClusterScopedObjectAppliesNothing() {
    repo.write("kustomization.yaml", kustomization("settings.yaml", "takeover.yaml"))
        .write("settings.yaml", configMap("settings", "one"))
        .write(
            "takeover.yaml",
            """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata:
              name: takeover
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: ClusterRole
              name: cluster-admin
            subjects:
              - kind: ServiceAccount
                name: default
                namespace: portal
            """)
        .commit("bind cluster-admin to portal's default service account");

    SyncResult result = watcher(false).sync();

    assertThat(result.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
    assertThat(result.error())
        .startsWith("validate:")
        .contains("clusterrolebinding.rbac.authorization.k8s.io/takeover");
    assertThat(client.rbac().clusterRoleBindings().withName("takeover").get()).isNull();
    assertThat(configMapNamed("settings")).as("nothing of the commit is applied").isNull();
    assertThat(server.dryRunRequests()).isZero();
  }

  @Test
  void pruneNeverTouchesObjectsWithoutItsLabelOrOutsideItsNamespaces() {
    client.resource(unrelatedConfigMap("hand-made", "portal", Map.of())).create();
    client
        .resource(
            unrelatedConfigMap(
                "other-watcher", "portal", Map.of(GitopsProperties.OWNER_LABEL, "someone-else")))
        .create();
    client
        .resource(
            unrelatedConfigMap("elsewhere", "default", Map.of(GitopsProperties.OWNER_LABEL, OWNER)))
        .create();
    repo.write("kustomization.yaml", kustomization("settings.yaml"))
        .write("settings.yaml", configMap("settings", "one"))
        .commit("only settings");

    SyncResult result = watcher(false).sync();

    assertThat(result.outcome()).isEqualTo(SyncResult.Outcome.APPLIED);
    assertThat(client.configMaps().inNamespace("portal").withName("hand-made").get()).isNotNull();
    assertThat(client.configMaps().inNamespace("portal").withName("other-watcher").get())
        .isNotNull();
    assertThat(client.configMaps().inNamespace("default").withName("elsewhere").get()).isNotNull();
    assertThat(
            client
                .configMaps()
                .inNamespace("portal")
                .withName("hand-made")
                .get()
                .getMetadata()
                .getLabels())
        .doesNotContainKey(GitopsProperties.OWNER_LABEL);
  }

  @Test
  void reapplyingKeepsTheAutoHealersAnnotations() {
    repo.write("kustomization.yaml", kustomization("web.yaml"))
        .write("web.yaml", deployment("web", 1))
        .commit("first");
    SyncService watcher = watcher(false);
    watcher.sync();
    client.apps().deployments().inNamespace("portal").withName("web").rolling().restart();
    client
        .apps()
        .deployments()
        .inNamespace("portal")
        .withName("web")
        .edit(
            d -> {
              d.getMetadata()
                  .getAnnotations()
                  .put("hrt-sre/auto-heal-history", "2026-11-28T10:00:00Z");
              d.getMetadata()
                  .getAnnotations()
                  .put("hrt-sre/auto-heal-gave-up-at", "2026-11-28T11:00:00Z");
              return d;
            });

    repo.write("web.yaml", deployment("web", 2)).commit("scale");
    watcher.sync();

    Deployment web = deploymentNamed("web");
    assertThat(web.getSpec().getReplicas()).isEqualTo(2);
    assertThat(web.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsKey("kubectl.kubernetes.io/restartedAt")
        .containsEntry("prometheus.io/scrape", "true");
    assertThat(web.getMetadata().getAnnotations())
        .containsKeys("hrt-sre/auto-heal-history", "hrt-sre/auto-heal-gave-up-at");
  }

  @Test
  void dryRunReportsTheChangesAndChangesNothing() {
    repo.write("kustomization.yaml", kustomization("settings.yaml", "web.yaml"))
        .write("settings.yaml", configMap("settings", "one"))
        .write("web.yaml", deployment("web", 1))
        .commit("first");
    watcher(false).sync();
    repo.write("kustomization.yaml", kustomization("settings.yaml", "api.yaml"))
        .write("settings.yaml", configMap("settings", "two"))
        .delete("web.yaml")
        .write("api.yaml", deployment("api", 1))
        .commit("second");

    SyncResult result = watcher(true).sync();

    assertThat(result.outcome()).isEqualTo(SyncResult.Outcome.DRY_RUN);
    assertThat(result.changes())
        .extracting(change -> change.action() + " " + change.object().name())
        .containsExactlyInAnyOrder("UPDATE settings", "CREATE api", "PRUNE web");
    assertThat(configMapNamed("settings").getData()).containsEntry("setting", "one");
    assertThat(deploymentNamed("web")).isNotNull();
    assertThat(client.apps().deployments().inNamespace("portal").withName("api").get()).isNull();
  }

  @Test
  void aRejectedCommitKeepsFailingOnEveryPollUntilANewerCommitIsApplied() {
    repo.write("kustomization.yaml", kustomization("settings.yaml"))
        .write("settings.yaml", configMap("settings", "one"))
        .commit("good");
    SyncService watcher = watcher(false);
    String good = watcher.sync().commit();
    double appliedAt = lastSyncTimestamp();
    repo.write("kustomization.yaml", kustomization("settings.yaml", "missing-file.yaml"))
        .commit("broken: references a file that does not exist");

    clock.advance(Duration.ofMinutes(1));
    SyncResult rejected = watcher.sync();
    int rendersSoFar = renders.get();
    clock.advance(Duration.ofMinutes(1));
    SyncResult nextPoll = watcher.sync();
    clock.advance(Duration.ofMinutes(1));
    SyncResult pollAfterThat = watcher.sync();

    assertThat(List.of(rejected, nextPoll, pollAfterThat))
        .allSatisfy(
            result -> {
              assertThat(result.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
              assertThat(result.error()).startsWith("render:").contains("missing-file.yaml");
            });
    assertThat(watcher.lastResult()).get().extracting(SyncResult::failed).isEqualTo(true);
    assertThat(renders.get())
        .as("the rejected commit is not rendered again")
        .isEqualTo(rendersSoFar);
    assertThat(lastSyncTimestamp()).as("no sync left the cluster at the tip").isEqualTo(appliedAt);
    assertThat(registry.get("gitops.sync").tag("result", "failure").counter().count()).isEqualTo(3);
    assertThat(watcher.lastAppliedCommit()).contains(good);

    repo.write("kustomization.yaml", kustomization("settings.yaml"))
        .write("settings.yaml", configMap("settings", "three"))
        .commit("fixed");
    clock.advance(Duration.ofMinutes(1));

    assertThat(watcher.sync().outcome()).isEqualTo(SyncResult.Outcome.APPLIED);
    assertThat(lastSyncTimestamp()).isGreaterThan(appliedAt);
    assertThat(configMapNamed("settings").getData()).containsEntry("setting", "three");
  }

  @Test
  void aMissingKubectlIsRetriedAndTheCommitAppliedOnceItIsBack() throws Exception {
    repo.write("kustomization.yaml", kustomization("settings.yaml"))
        .write("settings.yaml", configMap("settings", "one"))
        .commit("good");
    Path bin = Files.createDirectories(workDir.resolve("bin"));
    SyncService watcher = watcher(settings -> settings.kubectl(bin.resolve("kubectl").toString()));

    SyncResult failed = watcher.sync();
    Files.createSymbolicLink(bin.resolve("kubectl"), kubectl);
    clock.advance(POLL);
    SyncResult retried = watcher.sync();

    assertThat(failed.outcome()).isEqualTo(SyncResult.Outcome.FAILED);
    assertThat(failed.retryable()).isTrue();
    assertThat(failed.error()).startsWith("render:").contains("cannot run");
    assertThat(retried.outcome()).isEqualTo(SyncResult.Outcome.APPLIED);
    assertThat(configMapNamed("settings").getData()).containsEntry("setting", "one");
  }

  @Test
  void aRenderTimeoutIsRetriedNotHeldAgainstTheCommit() throws Exception {
    // The real kubectl hangs: the commit's one resource is a remote file (kustomize fetches
    // http(s) resources) on a 127.0.0.1 server that holds the first request unanswered and serves
    // the file from then on, like a remote that was stuck and came back.
    try (HeldThenServed remote = new HeldThenServed(configMap("settings", "one"))) {
      repo.write("kustomization.yaml", kustomization(remote.url())).commit("remote resource");
      SyncService watcher = watcher(settings -> settings.renderTimeout(Duration.ofSeconds(10)));

      SyncResult timedOut = watcher.sync();
      remote.release();
      clock.advance(POLL);
      SyncResult retried = watcher.sync();

      assertThat(timedOut.retryable()).isTrue();
      assertThat(timedOut.error()).startsWith("render:").contains("took longer than");
      assertThat(retried.outcome()).isEqualTo(SyncResult.Outcome.APPLIED);
      assertThat(configMapNamed("settings").getData()).containsEntry("setting", "one");
    }
  }

  /** An HTTP server on 127.0.0.1 that leaves requests unanswered until released, then serves. */
  private static final class HeldThenServed implements AutoCloseable {
    private final CountDownLatch released = new CountDownLatch(1);
    private final HttpServer server;

    HeldThenServed(String body) throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setExecutor(Executors.newCachedThreadPool());
      server.createContext(
          "/",
          exchange -> {
            try (exchange) {
              if (!released.await(60, TimeUnit.SECONDS)) {
                return;
              }
              byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
              exchange.sendResponseHeaders(200, bytes.length);
              exchange.getResponseBody().write(bytes);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/settings.yaml";
    }

    void release() {
      released.countDown();
    }

    @Override
    public void close() {
      released.countDown();
      server.stop(0);
    }
  }

  @Test
  void retryableFailuresWaitOutABackoffThatDoublesUpToTheMaximum() throws Exception {
    repo.write("kustomization.yaml", kustomization("settings.yaml"))
        .write("settings.yaml", configMap("settings", "one"))
        .commit("good");
    SyncService watcher =
        watcher(
            settings ->
                settings
                    .kubectl(workDir.resolve("no-such-kubectl").toString())
                    .retryMaxBackoff(Duration.ofSeconds(3)));
    List<Duration> waits = new ArrayList<>();
    List<Integer> rendersPerAttempt = new ArrayList<>();

    for (int attempt = 0; attempt < 4; attempt++) {
      SyncResult result = watcher.sync();
      Duration wait = Duration.between(clock.instant(), watcher.retryAt().orElseThrow());
      waits.add(wait);
      clock.advance(wait.minusMillis(1));
      assertThat(watcher.sync())
          .as("a poll inside the backoff reports the failure")
          .isEqualTo(result);
      rendersPerAttempt.add(renders.getAndSet(0));
      clock.advance(Duration.ofMillis(1));
    }

    assertThat(waits)
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(3),
            Duration.ofSeconds(3));
    assertThat(rendersPerAttempt).as("one render per attempt, none while waiting").containsOnly(1);
    assertThat(watcher.lastResult()).get().extracting(SyncResult::failed).isEqualTo(true);
  }

  @Test
  void anApiServerErrorIsRetriedAfterTheBackoff() {
    repo.write("kustomization.yaml", kustomization("settings.yaml"))
        .write("settings.yaml", configMap("settings", "one"))
        .commit("good");
    SyncService watcher = watcher(false);
    server.failApplyRequests(503, 1);

    SyncResult failed = watcher.sync();
    SyncResult tooSoon = watcher.sync();
    clock.advance(POLL);
    SyncResult retried = watcher.sync();

    assertThat(failed.retryable()).isTrue();
    assertThat(failed.error()).startsWith("apply:").contains("HTTP 503");
    assertThat(tooSoon).isEqualTo(failed);
    assertThat(retried.outcome()).isEqualTo(SyncResult.Outcome.APPLIED);
    assertThat(configMapNamed("settings").getData()).containsEntry("setting", "one");
  }

  @Test
  void aCommitTheApiServerRefusesAsInvalidIsRejectedNotRetried() {
    repo.write("kustomization.yaml", kustomization("settings.yaml"))
        .write("settings.yaml", configMap("settings", "one"))
        .commit("refused by the API server");
    SyncService watcher = watcher(false);
    server.failApplyRequests(422, Integer.MAX_VALUE);

    SyncResult refused = watcher.sync();
    int dryRuns = server.dryRunRequests();
    clock.advance(Duration.ofHours(1));
    SyncResult nextPoll = watcher.sync();

    assertThat(refused.retryable()).isFalse();
    assertThat(refused.error()).startsWith("server-validate:").contains("HTTP 422");
    assertThat(nextPoll).isEqualTo(refused);
    assertThat(server.dryRunRequests()).as("not sent to the API server again").isEqualTo(dryRuns);
    assertThat(configMapNamed("settings")).isNull();
  }

  private double lastSyncTimestamp() {
    return registry.get("gitops.last.sync.timestamp.seconds").gauge().value();
  }

  private SyncService watcher(boolean dryRun) {
    return watcher(settings -> settings.dryRun(dryRun));
  }

  /** A watcher of the test repository, polling every second, with {@code settings} applied. */
  private SyncService watcher(UnaryOperator<TestProperties> settings) {
    TestProperties defaults =
        TestProperties.defaults()
            .repository(repo.root().toString())
            .path(TestRepository.OVERLAY)
            .pollInterval(POLL)
            .kubectl(kubectl.toString());
    TestProperties configured = settings.apply(defaults);
    configured.workDir(workDir.resolve(configured.build().dryRun() ? "dry-run" : "apply"));
    GitopsProperties properties = configured.build();
    return new SyncService(
        new GitSource(properties),
        new KustomizeRenderer(properties) {
          @Override
          public List<HasMetadata> render(Path overlay) {
            renders.incrementAndGet();
            return super.render(overlay);
          }
        },
        new ManifestValidator(properties),
        new ClusterApplier(() -> client, properties),
        new SyncMetrics(registry),
        clock,
        properties);
  }

  private ConfigMap configMapNamed(String name) {
    return client.configMaps().inNamespace("portal").withName(name).get();
  }

  private Deployment deploymentNamed(String name) {
    return client.apps().deployments().inNamespace("portal").withName(name).get();
  }

  private static ConfigMap unrelatedConfigMap(
      String name, String namespace, Map<String, String> labels) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withLabels(labels)
        .endMetadata()
        .addToData("owner", "not the watcher")
        .build();
  }
}
