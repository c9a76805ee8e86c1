package com.hrt.sre.platform.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.platform.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
  void theRbacGrantsEveryKindTheOverlayRendersAndNamespacedOnesOnlyInTheWatchedNamespaces() {
    List<Map<String, Object>> cluster = rules(CLUSTER_ROLE);
    List<Map<String, Object>> namespaced = rules(NAMESPACED_ROLE);
    List<String> missing = new ArrayList<>();
    Set<String> namespaces = new TreeSet<>();
    for (Map<String, Object> object : rendered) {
      String resource = groupResource(object);
      String name = (String) Rendered.map(object, "metadata").get("name");
      Object namespace = Rendered.map(object, "metadata").get("namespace");
      List<Map<String, Object>> granted = namespace == null ? cluster : namespaced;
      Set<String> needed =
          namespace == null
              ? Set.of("get", "create", "patch")
              : Set.of("get", "list", "create", "patch", "delete");
      // create is checked without a name: RBAC cannot match a name on create.
      List<String> lacking =
          needed.stream()
              .filter(verb -> !allows(granted, resource, verb.equals("create") ? null : name, verb))
              .sorted()
              .toList();
      if (!lacking.isEmpty()) {
        missing.add(Rendered.key(object) + " needs " + lacking + " on " + resource + "/" + name);
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

  @Test
  void noWildcardsAndBindAndEscalateOnlyOnNamedRolesThatAreBoundInsideTheWatchedNamespaces() {
    List<Map<String, Object>> cluster = rules(CLUSTER_ROLE);
    List<Map<String, Object>> namespaced = rules(NAMESPACED_ROLE);
    Set<String> boundClusterWide = new TreeSet<>();
    rendered.stream()
        .filter(o -> "ClusterRoleBinding".equals(o.get("kind")))
        .forEach(o -> boundClusterWide.add((String) Rendered.map(o, "roleRef").get("name")));
    List<Map<String, Object>> all = new ArrayList<>(cluster);
    all.addAll(namespaced);

    assertThat(all)
        .as("no `*` in any rule of the watcher's roles")
        .allSatisfy(
            rule ->
                List.of("apiGroups", "resources", "verbs", "resourceNames")
                    .forEach(field -> assertThat(strings(rule, field)).doesNotContain("*")));
    assertThat(all)
        .filteredOn(rule -> strings(rule, "verbs").stream().anyMatch(BIND_ESCALATE::contains))
        .as("bind and escalate carry resourceNames")
        .isNotEmpty()
        .allSatisfy(rule -> assertThat(strings(rule, "resourceNames")).isNotEmpty());
    assertThat(cluster)
        .as("bind is granted only through the RoleBindings in the watched namespaces")
        .noneSatisfy(rule -> assertThat(strings(rule, "verbs")).contains("bind"));
    assertThat(names(cluster, "escalate"))
        .as("escalate only on roles no ClusterRoleBinding refers to")
        .isNotEmpty()
        .doesNotContainAnyElementsOf(boundClusterWide);
  }

  @Test
  void clusterScopedObjectsAreGrantedByNameExactlyThoseTheOverlayRenders() {
    List<Map<String, Object>> cluster = rules(CLUSTER_ROLE);
    Set<String> renderedClusterScoped = new TreeSet<>();
    rendered.stream()
        .filter(o -> Rendered.map(o, "metadata").get("namespace") == null)
        .forEach(
            o ->
                renderedClusterScoped.add(
                    groupResource(o) + "/" + Rendered.map(o, "metadata").get("name")));
    Set<String> grantedByName = new TreeSet<>();
    for (Map<String, Object> rule : cluster) {
      if (strings(rule, "verbs").contains("patch")) {
        for (String group : strings(rule, "apiGroups")) {
          for (String resource : strings(rule, "resources")) {
            assertThat(strings(rule, "resourceNames"))
                .as("patch on %s/%s is limited by name", group, resource)
                .isNotEmpty();
            strings(rule, "resourceNames")
                .forEach(name -> grantedByName.add(group + "/" + resource + "/" + name));
          }
        }
      }
    }

    assertThat(grantedByName).isEqualTo(renderedClusterScoped);
  }

  // --- helpers ---

  private static final String CLUSTER_ROLE = "hrt-sre-gitops-watcher-cluster";
  private static final String NAMESPACED_ROLE = "hrt-sre-gitops-watcher-namespaced";
  private static final Set<String> BIND_ESCALATE = Set.of("bind", "escalate");

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

  /** The rules of one ClusterRole. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rules(String clusterRole) {
    Map<String, Object> role =
        rendered.stream()
            .filter(o -> ("ClusterRole " + clusterRole).equals(Rendered.key(o)))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no ClusterRole " + clusterRole));
    return Rendered.list(role, "rules").stream().map(rule -> (Map<String, Object>) rule).toList();
  }

  /**
   * Whether some rule grants {@code verb} on {@code group/resource}, for the object {@code name}
   * (null: a request without a name, which only rules without resourceNames match), as RBAC's
   * authorizer decides it.
   */
  private static boolean allows(
      List<Map<String, Object>> rules, String groupResource, String name, String verb) {
    String group = groupResource.substring(0, groupResource.indexOf('/'));
    String resource = groupResource.substring(groupResource.indexOf('/') + 1);
    return rules.stream()
        .anyMatch(
            rule ->
                strings(rule, "apiGroups").contains(group)
                    && strings(rule, "resources").contains(resource)
                    && strings(rule, "verbs").contains(verb)
                    && (strings(rule, "resourceNames").isEmpty()
                        || (name != null && strings(rule, "resourceNames").contains(name))));
  }

  /** The resourceNames of the rules granting {@code verb}. */
  private static Set<String> names(List<Map<String, Object>> rules, String verb) {
    Set<String> names = new TreeSet<>();
    rules.stream()
        .filter(rule -> strings(rule, "verbs").contains(verb))
        .forEach(rule -> names.addAll(strings(rule, "resourceNames")));
    return names;
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Map<String, Object> rule, String field) {
    return (List<String>) Objects.requireNonNullElse(rule.get(field), List.of());
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
