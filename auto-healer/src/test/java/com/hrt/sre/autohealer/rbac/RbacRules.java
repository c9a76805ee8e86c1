package com.hrt.sre.autohealer.rbac;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a ServiceAccount may do according to an RBAC manifest, evaluated like the API server's
 * authorizer: a RoleBinding grants its role's rules in the binding's namespace, a
 * ClusterRoleBinding everywhere.
 */
final class RbacRules {

  private final List<Grant> grants;

  private RbacRules(List<Grant> grants) {
    this.grants = List.copyOf(grants);
  }

  /** The grants {@code manifest} gives to ServiceAccount {@code namespace/name}. */
  static RbacRules load(Path manifest, String namespace, String name) throws IOException {
    List<HasMetadata> objects;
    try (InputStream in = Files.newInputStream(manifest)) {
      objects = new KubernetesSerialization().unmarshal(in);
    }
    List<Grant> grants = new ArrayList<>();
    for (HasMetadata object : objects) {
      if (object instanceof RoleBinding binding
          && boundTo(binding.getSubjects(), namespace, name)) {
        String bindingNamespace = binding.getMetadata().getNamespace();
        rulesOf(objects, binding.getRoleRef(), bindingNamespace)
            .forEach(rule -> grants.add(new Grant(Optional.of(bindingNamespace), rule)));
      } else if (object instanceof ClusterRoleBinding binding
          && boundTo(binding.getSubjects(), namespace, name)) {
        rulesOf(objects, binding.getRoleRef(), null)
            .forEach(rule -> grants.add(new Grant(Optional.empty(), rule)));
      }
    }
    return new RbacRules(grants);
  }

  /** True when some grant allows {@code request}. */
  boolean allows(ApiRequest request) {
    return grants.stream().anyMatch(grant -> grant.allows(request));
  }

  List<PolicyRule> rules() {
    return grants.stream().map(Grant::rule).toList();
  }

  private static List<PolicyRule> rulesOf(
      List<HasMetadata> objects, RoleRef ref, String namespace) {
    return objects.stream()
        .filter(
            object ->
                object.getKind().equals(ref.getKind())
                    && object.getMetadata().getName().equals(ref.getName())
                    && (object instanceof ClusterRole
                        || Objects.equals(object.getMetadata().getNamespace(), namespace)))
        .flatMap(
            object ->
                object instanceof ClusterRole role
                    ? role.getRules().stream()
                    : ((Role) object).getRules().stream())
        .toList();
  }

  private static boolean boundTo(List<Subject> subjects, String namespace, String name) {
    return subjects.stream()
        .anyMatch(
            subject ->
                "ServiceAccount".equals(subject.getKind())
                    && name.equals(subject.getName())
                    && namespace.equals(subject.getNamespace()));
  }

  /** One rule, granted in one namespace or (empty) cluster-wide. */
  record Grant(Optional<String> namespace, PolicyRule rule) {

    boolean allows(ApiRequest request) {
      boolean inScope =
          namespace.isEmpty()
              || request.namespace().map(ns -> ns.equals(namespace.get())).orElse(false);
      return inScope
          && matches(rule.getApiGroups(), request.apiGroup())
          && matches(rule.getResources(), request.resource())
          && matches(rule.getVerbs(), request.verb())
          && (rule.getResourceNames() == null
              || rule.getResourceNames().isEmpty()
              || request.name().map(rule.getResourceNames()::contains).orElse(false));
    }

    private static boolean matches(List<String> allowed, String value) {
      return allowed != null && (allowed.contains("*") || allowed.contains(value));
    }
  }
}
