package com.hrt.sre.gitops.sync;

import static com.hrt.sre.gitops.sync.TestRepository.configMap;
import static com.hrt.sre.gitops.sync.TestRepository.deployment;
import static com.hrt.sre.gitops.sync.TestRepository.kustomization;
import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.gitops.cluster.Change;
import com.hrt.sre.gitops.cluster.ClusterApplier;
import com.hrt.sre.gitops.config.GitopsProperties;
import com.hrt.sre.gitops.render.KustomizeRenderer;
import com.hrt.sre.gitops.render.ManifestValidator;
import com.hrt.sre.gitops.source.GitSource;
import com.hrt.sre.testsupport.ExternalTool;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

  @TempDir Path repoDir;
  @TempDir Path workDir;

  private ServerSideApplyMockServer server;
  private KubernetesClient client;
  private TestRepository repo;
  private Path kubectl;

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

  private SyncService watcher(boolean dryRun) {
    GitopsProperties properties =
        new GitopsProperties(
            repo.root().toString(),
            "main",
            TestRepository.OVERLAY,
            Duration.ofSeconds(1),
            workDir.resolve(dryRun ? "dry-run" : "apply"),
            kubectl.toString(),
            List.of(),
            "hrt-sre-gitops",
            OWNER,
            List.of("portal", "hrt-sre"),
            dryRun,
            true,
            Duration.ofMinutes(1));
    return new SyncService(
        new GitSource(properties),
        new KustomizeRenderer(properties),
        new ManifestValidator(properties),
        new ClusterApplier(() -> client, properties),
        new SyncMetrics(new SimpleMeterRegistry()),
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
