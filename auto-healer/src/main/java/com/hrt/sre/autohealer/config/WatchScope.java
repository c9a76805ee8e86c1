package com.hrt.sre.autohealer.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The namespaces the healer may look at and act in: either an explicit list, or every namespace
 * except {@code kube-system} and the healer's own (WATCH_NAMESPACES={@code *}).
 *
 * @param allNamespaces true for {@code *}
 * @param namespaces the explicit list (empty for {@code *})
 * @param excluded namespaces never in scope
 */
public record WatchScope(boolean allNamespaces, List<String> namespaces, Set<String> excluded) {

  public static final String ALL = "*";
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

  public WatchScope {
    namespaces = List.copyOf(namespaces);
    excluded = Set.copyOf(excluded);
  }

  /** Parses WATCH_NAMESPACES; throws IllegalArgumentException with a message a user can act on. */
  public static WatchScope parse(String watchNamespaces, String ownNamespace) {
    if (ownNamespace == null || !DNS_LABEL.matcher(ownNamespace).matches()) {
      throw new IllegalArgumentException(
          "the healer's own namespace (POD_NAMESPACE) must be a namespace name, got '"
              + ownNamespace
              + "'");
    }
    Set<String> excluded = Set.of("kube-system", ownNamespace);
    String value = watchNamespaces == null ? "" : watchNamespaces.trim();
    if (ALL.equals(value)) {
      return new WatchScope(true, List.of(), excluded);
    }
    Set<String> names = new LinkedHashSet<>();
    for (String raw : value.split(",")) {
      String name = raw.trim();
      if (!DNS_LABEL.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "WATCH_NAMESPACES must be '*' or a comma-separated list of namespace names, got '"
                + watchNamespaces
                + "'");
      }
      if (excluded.contains(name)) {
        throw new IllegalArgumentException(
            "WATCH_NAMESPACES must not name "
                + name
                + ": the healer never acts on kube-system or on its own namespace");
      }
      names.add(name);
    }
    return new WatchScope(false, List.copyOf(names), excluded);
  }

  /** True when a pod or workload in {@code namespace} may be looked at and healed. */
  public boolean contains(String namespace) {
    return allNamespaces ? !excluded.contains(namespace) : namespaces.contains(namespace);
  }

  @Override
  public String toString() {
    return allNamespaces
        ? "* (all but " + String.join(",", excluded.stream().sorted().toList()) + ")"
        : String.join(",", namespaces);
  }
}
