package com.hrt.sre.gitops.render;

import com.hrt.sre.gitops.config.GitopsProperties;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Checks the whole render before anything is applied: one bad object rejects the commit. The API
 * server's own schema check follows as a server-side dry run (see {@code ClusterApplier}).
 *
 * <p>Whoever can push to the watched branch decides what the watcher applies, so what it may apply
 * is bounded here, not by the commit: namespaced objects only in the watched namespaces, and
 * cluster-scoped objects only when named in the allow-list ({@code GITOPS_CLUSTER_SCOPED}, the
 * Namespaces and cluster RBAC the playground's overlays render). Anything else, including a kind
 * whose scope the watcher cannot know (a custom resource), is refused.
 */
@Component
public class ManifestValidator {

  // RFC 1123 subdomain: what Kubernetes accepts as most object names.
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private final Set<String> namespaces;
  private final Set<String> clusterScoped;

  public ManifestValidator(GitopsProperties properties) {
    this.namespaces = Set.copyOf(properties.namespaces());
    this.clusterScoped = Set.copyOf(properties.clusterScoped());
  }

  /** Throws {@link InvalidManifestsException} naming every problem, or returns quietly. */
  public void validate(List<HasMetadata> objects) {
    List<String> problems = new ArrayList<>();
    if (objects.isEmpty()) {
      problems.add("the render is empty: refusing to prune everything the watcher owns");
    }
    Set<String> seen = new HashSet<>();
    for (int index = 0; index < objects.size(); index++) {
      HasMetadata object = objects.get(index);
      String where = "object #" + (index + 1) + " (" + describe(object) + ")";
      problems.addAll(problemsOf(object).stream().map(problem -> where + ": " + problem).toList());
      if (!seen.add(describe(object))) {
        problems.add(where + ": appears twice in the render");
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidManifestsException(problems);
    }
  }

  /**
   * How the allow-list names a cluster-scoped object, as kubectl does: {@code namespace/portal},
   * {@code clusterrole.rbac.authorization.k8s.io/auto-healer}.
   */
  public static String clusterScopedKey(HasMetadata object) {
    String apiVersion = object.getApiVersion() == null ? "" : object.getApiVersion();
    String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
    String kind = String.valueOf(object.getKind()).toLowerCase(Locale.ROOT);
    String name = object.getMetadata() == null ? null : object.getMetadata().getName();
    return kind + (group.isEmpty() ? "" : "." + group) + "/" + name;
  }

  /** A kind fabric8 knows to be cluster-scoped (a typed, non-namespaced model). */
  public static boolean isClusterScoped(HasMetadata object) {
    return !(object instanceof Namespaced) && !(object instanceof GenericKubernetesResource);
  }

  private List<String> problemsOf(HasMetadata object) {
    List<String> problems = new ArrayList<>();
    if (isBlank(object.getApiVersion())) {
      problems.add("apiVersion is missing");
    }
    if (isBlank(object.getKind())) {
      problems.add("kind is missing");
    }
    String name = object.getMetadata() == null ? null : object.getMetadata().getName();
    if (isBlank(name)) {
      problems.add("metadata.name is missing");
    } else if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
      problems.add("metadata.name '" + name + "' is not a valid DNS-1123 name");
    }
    if (object instanceof GenericKubernetesResource) {
      // Its scope is unknown without the API server: a cluster-scoped custom resource with a
      // metadata.namespace would pass a namespace check and land cluster-wide.
      problems.add(
          "kind "
              + object.getKind()
              + " ("
              + object.getApiVersion()
              + ") is not a built-in"
              + " kind: the watcher cannot tell whether it is namespaced, and applies none");
      return problems;
    }
    if (isClusterScoped(object)) {
      // Checked whatever metadata.namespace says: the API server ignores it on these kinds.
      if (!clusterScoped.contains(clusterScopedKey(object))) {
        problems.add(
            "cluster-scoped "
                + clusterScopedKey(object)
                + " is not in the allow-list of cluster-scoped objects (GITOPS_CLUSTER_SCOPED)");
      }
      return problems;
    }
    String namespace = object.getMetadata() == null ? null : object.getMetadata().getNamespace();
    if (isBlank(namespace)) {
      problems.add("a namespaced object needs metadata.namespace (one of " + namespaces + ")");
    } else if (!namespaces.contains(namespace)) {
      problems.add("namespace '" + namespace + "' is outside the watched namespaces " + namespaces);
    }
    return problems;
  }

  static String describe(HasMetadata object) {
    String namespace = object.getMetadata() == null ? null : object.getMetadata().getNamespace();
    String name = object.getMetadata() == null ? null : object.getMetadata().getName();
    return object.getKind() + " " + (isBlank(namespace) ? "" : namespace + "/") + name;
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }
}
