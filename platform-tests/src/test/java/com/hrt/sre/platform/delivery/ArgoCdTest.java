package com.hrt.sre.platform.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.platform.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * argo/: the AppProject and the app-of-apps render and agree on one repository and revision, every
 * child Application's path exists and builds, the waves follow the dependencies, the children
 * together deploy exactly the dev overlay, and ignoreDifferences covers exactly the auto-healer's
 * fields.
 */
class ArgoCdTest {

  /**
   * What the auto-healer writes to a workload (auto-healer/ WorkloadApi, HealHistory and
   * RestartLedger).
   */
  private static final List<String> HEALER_POINTERS =
      List.of(
          "/spec/template/metadata/annotations/kubectl.kubernetes.io~1restartedAt",
          "/metadata/annotations/hrt-sre~1auto-heal-history",
          "/metadata/annotations/hrt-sre~1auto-heal-gave-up-at",
          "/metadata/annotations/hrt-sre~1auto-heal-restarts");

  private static final List<String> HEALED_KINDS =
      List.of("Deployment", "StatefulSet", "DaemonSet");

  @Test
  void theProjectAndTheAppOfAppsRender() {
    assertThat(Rendered.objects("argo").stream().map(Rendered::key))
        .containsExactlyInAnyOrder(
            "AppProject argocd/hrt-sre-playground", "Application argocd/hrt-sre-playground");
    assertThat(children()).hasSize(3);
  }

  @Test
  void everyApplicationUsesTheOneRepositoryAndRevision() {
    Map<String, Object> source = Rendered.map(Rendered.file("argo/source/repository.yaml"), "data");
    List<Map<String, Object>> applications = new ArrayList<>(children());
    applications.add(parent());

    for (Map<String, Object> application : applications) {
      assertThat(Rendered.map(application, "spec", "source"))
          .as(Rendered.key(application))
          .containsEntry("repoURL", source.get("repoURL"))
          .containsEntry("targetRevision", source.get("targetRevision"));
    }
    assertThat(Rendered.list(Rendered.map(project(), "spec"), "sourceRepos"))
        .containsExactly(source.get("repoURL"));
  }

  @Test
  void theAppOfAppsSyncsTheChildApplicationsDirectory() {
    assertThat(Rendered.map(parent(), "spec", "source")).containsEntry("path", "argo/apps");
  }

  @Test
  void everyChildPathExistsAndBuildsWithKustomize() {
    for (Map<String, Object> child : children()) {
      String path = (String) Rendered.map(child, "spec", "source").get("path");
      assertThat(RepoFiles.resolve(path).resolve("kustomization.yaml"))
          .as("%s: spec.source.path %s", Rendered.key(child), path)
          .isRegularFile();
      assertThat(Rendered.objects(path)).as("render of %s", path).isNotEmpty();
    }
  }

  @Test
  void argoBuildsTheStacksWithTheFlagTheirFilePicksNeed() {
    Map<String, Object> settings =
        Rendered.map(Rendered.file("argo/install/argocd-cm-patch.yaml"), "data");

    assertThat(settings)
        .containsEntry("kustomize.buildOptions", String.join(" ", Rendered.ARGO_BUILD_FLAGS));
    assertThat(settings).containsKey("resource.customizations.health.argoproj.io_Application");
  }

  @Test
  void theChildrenTogetherDeployExactlyTheRegistryOverlayWithNoObjectInTwoApps() {
    Map<String, Map<String, Object>> union = new LinkedHashMap<>();
    List<String> duplicates = new ArrayList<>();
    for (Map<String, Object> child : children()) {
      for (Map<String, Object> object : Rendered.objects(path(child))) {
        if (union.put(Rendered.key(object), object) != null) {
          duplicates.add(Rendered.key(object));
        }
      }
    }
    Map<String, Map<String, Object>> dev = new LinkedHashMap<>();
    // dev-registry: the images bootstrap pushed to the k3d registry (overlay dev's hrt-sre/*:dev
    // exist only on nodes that imported them, never in registry mode).
    Rendered.objects("k8s/overlays/dev-registry")
        .forEach(object -> dev.put(Rendered.key(object), object));

    assertThat(duplicates).as("objects in two child Applications").isEmpty();
    assertThat(union.keySet())
        .as(
            "argo/stacks vs k8s/overlays/dev-registry: a file added to k8s/base needs adding to one"
                + " stack")
        .containsExactlyInAnyOrderElementsOf(dev.keySet());
    dev.forEach(
        (key, object) ->
            assertThat(union.get(key)).as("%s as Argo CD deploys it", key).isEqualTo(object));
  }

  @Test
  void syncWavesPutNamespacesFirstAndTheMonitoringStackBeforeTheWorkloads() {
    assertThat(children().stream().map(ArgoCdTest::wave).distinct())
        .as("one wave per layer")
        .hasSize(3);
    Map<String, Integer> waveOfObject = new HashMap<>();
    Map<String, Integer> waveOfApp = new HashMap<>();
    for (Map<String, Object> child : children()) {
      int wave = wave(child);
      waveOfApp.put((String) Rendered.map(child, "metadata").get("name"), wave);
      Rendered.objects(path(child)).forEach(object -> waveOfObject.put(Rendered.key(object), wave));
    }

    waveOfObject.forEach(
        (key, wave) -> {
          String namespace =
              key.contains("/") ? key.substring(key.indexOf(' ') + 1, key.indexOf('/')) : null;
          if (namespace != null) {
            // Within one wave Argo CD applies Namespaces before every other kind.
            assertThat(waveOfObject.get("Namespace " + namespace))
                .as("the Namespace of %s syncs in the same or an earlier wave", key)
                .isLessThanOrEqualTo(wave);
          }
        });
    assertThat(waveOfApp.get("hrt-sre-monitoring"))
        .as(
            "Prometheus and the Pushgateway are up before the services they scrape or that push to them")
        .isLessThan(waveOfApp.get("hrt-sre-workloads"));
  }

  @Test
  void everyApplicationSyncsAutomaticallyWithPruneAndSelfHeal() {
    List<Map<String, Object>> applications = new ArrayList<>(children());
    applications.add(parent());

    for (Map<String, Object> application : applications) {
      assertThat(Rendered.map(application, "spec", "syncPolicy", "automated"))
          .as(Rendered.key(application))
          .containsEntry("prune", true)
          .containsEntry("selfHeal", true);
      assertThat(Rendered.map(application, "spec")).containsEntry("project", "hrt-sre-playground");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theProjectAllowsExactlyTheKindsAndNamespacesTheChildrenDeploy() {
    Map<String, Object> spec = Rendered.map(project(), "spec");
    Set<String> clusterKinds = groupKinds(Rendered.list(spec, "clusterResourceWhitelist"));
    Set<String> namespacedKinds = groupKinds(Rendered.list(spec, "namespaceResourceWhitelist"));
    Set<String> destinations = new HashSet<>();
    Rendered.list(spec, "destinations")
        .forEach(d -> destinations.add((String) ((Map<String, Object>) d).get("namespace")));
    Set<String> deployedCluster = new HashSet<>();
    Set<String> deployedNamespaced = new HashSet<>(Set.of("argoproj.io/Application"));
    for (Map<String, Object> child : children()) {
      for (Map<String, Object> object : Rendered.objects(path(child))) {
        String apiVersion = (String) object.get("apiVersion");
        String groupKind =
            (apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "")
                + "/"
                + object.get("kind");
        Object namespace = Rendered.map(object, "metadata").get("namespace");
        if (namespace == null) {
          deployedCluster.add(groupKind);
        } else {
          deployedNamespaced.add(groupKind);
          assertThat(destinations)
              .as("destination for %s", Rendered.key(object))
              .contains((String) namespace);
        }
      }
    }

    assertThat(clusterKinds).isEqualTo(deployedCluster);
    assertThat(namespacedKinds).isEqualTo(deployedNamespaced);
  }

  @Test
  void everyApplicationsDestinationIsOneTheProjectPermitsAsArgoCdDecidesIt() {
    ArgoDestinationRules rules = projectRules();
    List<Map<String, Object>> applications = new ArrayList<>(children());
    applications.add(parent());

    for (Map<String, Object> application : applications) {
      Map<String, Object> destination = Rendered.map(application, "spec", "destination");
      assertThat(
              rules.permits(
                  (String) destination.get("server"),
                  (String) destination.get("name"),
                  (String) destination.get("namespace")))
          .as(
              "%s destination %s against AppProject spec.destinations",
              Rendered.key(application), destination)
          .isTrue();
    }
  }

  @Test
  void everyNamespacedObjectOfAChildGoesWhereTheProjectPermitsIt() {
    ArgoDestinationRules rules = projectRules();
    for (Map<String, Object> child : children()) {
      Map<String, Object> destination = Rendered.map(child, "spec", "destination");
      for (Map<String, Object> object : Rendered.objects(path(child))) {
        Object namespace = Rendered.map(object, "metadata").get("namespace");
        if (namespace != null) {
          assertThat(
                  rules.permits(
                      (String) destination.get("server"),
                      (String) destination.get("name"),
                      (String) namespace))
              .as("%s of %s", Rendered.key(object), Rendered.key(child))
              .isTrue();
        }
      }
    }
  }

  @Test
  void argoCdsRuleRefusesAnEmptyNamespaceUnlessTheProjectListsStar() {
    String server = "https://kubernetes.default.svc";
    ArgoDestinationRules named =
        new ArgoDestinationRules(List.of(Map.of("server", server, "namespace", "portal")));
    ArgoDestinationRules star =
        new ArgoDestinationRules(List.of(Map.of("server", server, "namespace", "*")));
    ArgoDestinationRules prefix =
        new ArgoDestinationRules(List.of(Map.of("server", "*", "namespace", "team-*")));
    ArgoDestinationRules deny =
        new ArgoDestinationRules(
            List.of(
                Map.of("server", server, "namespace", "*"),
                Map.of("server", server, "namespace", "!kube-system")));

    assertThat(named.permits(server, null, null)).isFalse();
    assertThat(named.permits(server, null, "portal")).isTrue();
    assertThat(named.permits("https://other", null, "portal")).isFalse();
    assertThat(named.permits(null, "in-cluster", "portal")).as("no name in the entry").isFalse();
    assertThat(star.permits(server, null, null)).isTrue();
    assertThat(prefix.permits(server, null, "team-a")).isTrue();
    assertThat(prefix.permits(server, null, "")).isFalse();
    assertThat(deny.permits(server, null, "portal")).isTrue();
    assertThat(deny.permits(server, null, "kube-system")).isFalse();
  }

  @Test
  @SuppressWarnings("unchecked")
  void ignoreDifferencesCoverExactlyTheFieldsTheAutoHealerOwns() throws IOException {
    Map<String, Set<String>> ignored = new HashMap<>();
    List<Map<String, Object>> applications = new ArrayList<>(children());
    applications.add(parent());
    for (Map<String, Object> application : applications) {
      for (Object entry : Rendered.list(Rendered.map(application, "spec"), "ignoreDifferences")) {
        Map<String, Object> rule = (Map<String, Object>) entry;
        ignored
            .computeIfAbsent((String) rule.get("kind"), k -> new HashSet<>())
            .addAll((List<String>) rule.get("jsonPointers"));
      }
    }
    Map<String, Set<String>> expected = new HashMap<>();
    HEALED_KINDS.forEach(kind -> expected.put(kind, Set.copyOf(HEALER_POINTERS)));

    assertThat(ignored).isEqualTo(expected);
    assertThat(Rendered.list(Rendered.map(workloads(), "spec", "syncPolicy"), "syncOptions"))
        .contains("RespectIgnoreDifferences=true", "ServerSideApply=true");
    // The keys are the healer's own: renaming one there without here fails this test.
    String healerSource = healerSource();
    for (String pointer : HEALER_POINTERS) {
      String key =
          pointer
              .substring(pointer.lastIndexOf("annotations/") + "annotations/".length())
              .replace("~1", "/");
      assertThat(healerSource)
          .as("auto-healer/src/main writes %s", key)
          .contains("\"" + key + "\"");
    }
  }

  // --- helpers ---

  private static Map<String, Object> project() {
    return Rendered.objects("argo").stream()
        .filter(o -> "AppProject".equals(o.get("kind")))
        .findFirst()
        .orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static ArgoDestinationRules projectRules() {
    return new ArgoDestinationRules(
        Rendered.list(Rendered.map(project(), "spec"), "destinations").stream()
            .map(d -> (Map<String, Object>) d)
            .toList());
  }

  private static Map<String, Object> parent() {
    return Rendered.objects("argo").stream()
        .filter(o -> "Application".equals(o.get("kind")))
        .findFirst()
        .orElseThrow();
  }

  private static List<Map<String, Object>> children() {
    return Rendered.objects("argo/apps").stream()
        .filter(o -> "Application".equals(o.get("kind")))
        .sorted(Comparator.comparingInt(ArgoCdTest::wave))
        .toList();
  }

  private static Map<String, Object> workloads() {
    return children().stream()
        .filter(app -> "hrt-sre-workloads".equals(Rendered.map(app, "metadata").get("name")))
        .findFirst()
        .orElseThrow();
  }

  private static String path(Map<String, Object> application) {
    return (String) Rendered.map(application, "spec", "source").get("path");
  }

  private static int wave(Map<String, Object> application) {
    return Integer.parseInt(
        (String)
            Rendered.map(application, "metadata", "annotations")
                .getOrDefault("argocd.argoproj.io/sync-wave", "0"));
  }

  @SuppressWarnings("unchecked")
  private static Set<String> groupKinds(List<Object> entries) {
    Set<String> result = new HashSet<>();
    entries.forEach(
        e ->
            result.add(
                ((Map<String, Object>) e).get("group")
                    + "/"
                    + ((Map<String, Object>) e).get("kind")));
    return result;
  }

  private static String healerSource() throws IOException {
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(RepoFiles.resolve("auto-healer/src/main/java"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        all.append(Files.readString(file));
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return all.toString();
  }
}
