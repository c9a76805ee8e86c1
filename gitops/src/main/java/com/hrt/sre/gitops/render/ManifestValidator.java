package com.hrt.sre.gitops.render;

import com.hrt.sre.gitops.config.GitopsProperties;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Checks the whole render before anything is applied: one bad object rejects the commit. The API
 * server's own schema check follows as a server-side dry run (see {@code ClusterApplier}).
 */
@Component
public class ManifestValidator {

  // RFC 1123 subdomain: what Kubernetes accepts as most object names.
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private final Set<String> namespaces;

  public ManifestValidator(GitopsProperties properties) {
    this.namespaces = Set.copyOf(properties.namespaces());
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
    String namespace = object.getMetadata() == null ? null : object.getMetadata().getNamespace();
    if (!isBlank(namespace) && !namespaces.contains(namespace)) {
      problems.add("namespace '" + namespace + "' is outside the watched namespaces " + namespaces);
    }
    if (isBlank(namespace) && mustHaveNamespace(object)) {
      problems.add("a namespaced object needs metadata.namespace (one of " + namespaces + ")");
    }
    return problems;
  }

  /** Typed namespaced kinds, and custom resources whose scope cannot be known without the API. */
  private static boolean mustHaveNamespace(HasMetadata object) {
    return object instanceof Namespaced || object instanceof GenericKubernetesResource;
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
