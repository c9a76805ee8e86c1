package com.hrt.sre.platform.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.platform.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * k8s/components/gitops-watcher: it builds into the dev overlay, its pod meets the Pod Security
 * Standard "restricted", its RBAC grants every kind the overlay renders (and only in the watched
 * namespaces), and its settings use the repository's own conventions.
 */
class GitopsWatcherComponentTest {

  private static List<Map<String, Object>> rendered;

  @BeforeAll
  static void renderDevWithTheComponent() throws IOException {
    Path overlay = RepoFiles.resolve("platform-tests/target/dev-with-gitops-watcher");
    Files.createDirectories(overlay);
    Files.writeString(
        overlay.resolve("kustomization.yaml"),
        """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
          - ../../../k8s/overlays/dev
        components:
          - ../../../k8s/components/gitops-watcher
        """);
    rendered = Rendered.parse(Rendered.render(overlay));
  }

  @Test
  void theComponentAddsTheWatcherToAnOverlay() {
    assertThat(rendered.stream().map(Rendered::key))
        .contains(
            "Deployment hrt-sre/gitops-watcher",
            "ServiceAccount hrt-sre/gitops-watcher",
            "Service hrt-sre/gitops-watcher",
            "RoleBinding portal/gitops-watcher",
            "RoleBinding hrt-sre/gitops-watcher",
            "ClusterRoleBinding hrt-sre-gitops-watcher-cluster");
  }

  @Test
  @SuppressWarnings("unchecked")
  void everyContainerOfTheWatcherMeetsPodSecurityRestricted() {
    Map<String, Object> pod = Rendered.map(watcher(), "spec", "template", "spec");
    List<Object> containers = new ArrayList<>(Rendered.list(pod, "containers"));
    containers.addAll(Rendered.list(pod, "initContainers"));

    assertThat(Rendered.map(pod, "securityContext"))
        .containsEntry("runAsNonRoot", true)
        .containsEntry("seccompProfile", Map.of("type", "RuntimeDefault"));
    assertThat(containers).hasSize(2);
    for (Object entry : containers) {
      Map<String, Object> container = (Map<String, Object>) entry;
      assertThat(Rendered.map(container, "securityContext"))
          .as("container %s", container.get("name"))
          .containsEntry("allowPrivilegeEscalation", false)
          .containsEntry("readOnlyRootFilesystem", true)
          .containsEntry("capabilities", Map.of("drop", List.of("ALL")));
      assertThat(Rendered.map(container, "resources")).containsKeys("requests", "limits");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theRbacGrantsEveryKindTheOverlayRendersAndNamespacedOnesOnlyInTheWatchedNamespaces() {
    Map<String, Set<String>> cluster = rules("hrt-sre-gitops-watcher-cluster");
    Map<String, Set<String>> namespaced = rules("hrt-sre-gitops-watcher-namespaced");
    List<String> missing = new ArrayList<>();
    Set<String> namespaces = new TreeSet<>();
    for (Map<String, Object> object : rendered) {
      String resource = groupResource(object);
      Object namespace = Rendered.map(object, "metadata").get("namespace");
      Map<String, Set<String>> granted = namespace == null ? cluster : namespaced;
      Set<String> needed =
          namespace == null
              ? Set.of("get", "create", "patch")
              : Set.of("get", "list", "create", "patch", "delete");
      if (!granted.getOrDefault(resource, Set.of()).containsAll(needed)) {
        missing.add(Rendered.key(object) + " needs " + needed + " on " + resource);
      }
      if (namespace != null) {
        namespaces.add((String) namespace);
      }
    }
    Set<String> boundIn = new TreeSet<>();
    rendered.stream()
        .filter(o -> "RoleBinding".equals(o.get("kind")))
        .filter(
            o -> "hrt-sre-gitops-watcher-namespaced".equals(Rendered.map(o, "roleRef").get("name")))
        .forEach(o -> boundIn.add((String) Rendered.map(o, "metadata").get("namespace")));

    assertThat(missing).isEmpty();
    assertThat(boundIn).isEqualTo(namespaces);
    assertThat(rendered)
        .filteredOn(o -> "ClusterRoleBinding".equals(o.get("kind")))
        .filteredOn(
            o -> "hrt-sre-gitops-watcher-namespaced".equals(Rendered.map(o, "roleRef").get("name")))
        .as("namespaced rights are never bound cluster-wide")
        .isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theWatchersJvmHasAWritableHomeForJgit() {
    Map<String, Object> container =
        (Map<String, Object>)
            Rendered.list(Rendered.map(watcher(), "spec", "template", "spec"), "containers")
                .stream()
                .filter(c -> "gitops-watcher".equals(((Map<String, Object>) c).get("name")))
                .findFirst()
                .orElseThrow();
    List<String> mounts =
        Rendered.list(container, "volumeMounts").stream()
            .map(m -> (String) ((Map<String, Object>) m).get("mountPath"))
            .toList();

    assertThat(env().get("HOME")).as("HOME (user.home)").isNotNull();
    assertThat(mounts)
        .as("writable mounts (the root filesystem is read-only)")
        .contains(env().get("HOME"));
  }

  @Test
  void theWatcherDeploysTheOverlayWhoseImagesBootstrapPushedToTheRegistry() {
    assertThat(env().get("GITOPS_PATH")).isEqualTo("k8s/overlays/dev-registry");
    assertThat(
            Rendered.objects("k8s/overlays/dev-registry").stream()
                .filter(o -> "Deployment".equals(o.get("kind")) || "CronJob".equals(o.get("kind")))
                .map(Object::toString)
                .filter(o -> o.contains("hrt-sre/portal:") || o.contains("hrt-sre/auto-healer:")))
        .allMatch(o -> o.contains("k3d-hrt-registry.localhost:5111/hrt-sre/"));
  }

  @Test
  void theWatcherFollowsTheRepositorysOwnBuildFlagOverlayAndNamespaces() {
    Map<String, String> env = env();
    Set<String> namespaces = new TreeSet<>();
    rendered.stream()
        .filter(o -> "Namespace".equals(o.get("kind")))
        .forEach(o -> namespaces.add((String) Rendered.map(o, "metadata").get("name")));

    assertThat(env.get("GITOPS_KUSTOMIZE_FLAGS"))
        .as("every overlay builds with kustomize's defaults: the watcher needs no flag")
        .isNull();
    assertThat(RepoFiles.resolve(env.get("GITOPS_PATH")).resolve("kustomization.yaml"))
        .isRegularFile();
    assertThat(new TreeSet<>(List.of(env.get("GITOPS_NAMESPACES").split(","))))
        .isEqualTo(namespaces);
    assertThat(env.get("SERVER_PORT")).isEqualTo("8083");
  }

  // --- helpers ---

  private static Map<String, Object> watcher() {
    return rendered.stream()
        .filter(o -> "Deployment hrt-sre/gitops-watcher".equals(Rendered.key(o)))
        .findFirst()
        .orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> env() {
    Map<String, Object> container =
        (Map<String, Object>)
            Rendered.list(Rendered.map(watcher(), "spec", "template", "spec"), "containers").get(0);
    Map<String, String> env = new java.util.HashMap<>();
    Rendered.list(container, "env")
        .forEach(
            e ->
                env.put(
                    (String) ((Map<String, Object>) e).get("name"),
                    String.valueOf(((Map<String, Object>) e).get("value"))));
    return env;
  }

  /** group/resource -> verbs of one ClusterRole. */
  @SuppressWarnings("unchecked")
  private static Map<String, Set<String>> rules(String clusterRole) {
    Map<String, Object> role =
        rendered.stream()
            .filter(o -> ("ClusterRole " + clusterRole).equals(Rendered.key(o)))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no ClusterRole " + clusterRole));
    Map<String, Set<String>> verbs = new java.util.HashMap<>();
    for (Object entry : Rendered.list(role, "rules")) {
      Map<String, Object> rule = (Map<String, Object>) entry;
      for (Object group : (List<Object>) rule.get("apiGroups")) {
        for (Object resource : (List<Object>) rule.get("resources")) {
          verbs
              .computeIfAbsent(group + "/" + resource, k -> new HashSet<>())
              .addAll((List<String>) rule.get("verbs"));
        }
      }
    }
    return verbs;
  }

  /** apps/v1 Deployment -> apps/deployments (the plural the API and RBAC use). */
  private static String groupResource(Map<String, Object> object) {
    String apiVersion = (String) object.get("apiVersion");
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String kind = ((String) object.get("kind")).toLowerCase();
    String plural =
        kind.endsWith("y")
            ? kind.substring(0, kind.length() - 1) + "ies"
            : kind.endsWith("s") ? kind + "es" : kind + "s";
    return group + "/" + plural;
  }
}
