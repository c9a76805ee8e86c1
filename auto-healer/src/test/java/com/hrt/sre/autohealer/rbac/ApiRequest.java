package com.hrt.sre.autohealer.rbac;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An HTTP request to the API server as RBAC sees it: verb, API group, resource, namespace, name.
 *
 * @param verb get, list, watch, create, update, patch, delete, deletecollection
 * @param apiGroup "" for the core group
 * @param resource plural resource, with a subresource as {@code pods/status}
 * @param namespace empty for a cluster-wide request
 * @param name empty for a collection
 */
record ApiRequest(
    String verb,
    String apiGroup,
    String resource,
    Optional<String> namespace,
    Optional<String> name) {

  /** Parses {@code METHOD /api/v1/...} or {@code METHOD /apis/group/version/...}. */
  static ApiRequest of(String method, String pathAndQuery) {
    String path = pathAndQuery.split("\\?", 2)[0];
    String query = pathAndQuery.contains("?") ? pathAndQuery.split("\\?", 2)[1] : "";
    List<String> parts = Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toList();
    int index;
    String group;
    if (parts.get(0).equals("api")) {
      group = "";
      index = 2;
    } else if (parts.get(0).equals("apis")) {
      group = parts.get(1);
      index = 3;
    } else {
      throw new IllegalArgumentException("not a resource request: " + pathAndQuery);
    }
    Optional<String> namespace = Optional.empty();
    if (parts.size() > index + 1 && parts.get(index).equals("namespaces")) {
      namespace = Optional.of(parts.get(index + 1));
      index += 2;
    }
    String resource = parts.get(index);
    Optional<String> name =
        parts.size() > index + 1 ? Optional.of(parts.get(index + 1)) : Optional.empty();
    if (parts.size() > index + 2) {
      resource = resource + "/" + parts.get(index + 2);
    }
    return new ApiRequest(
        verbOf(method, name.isPresent(), query), group, resource, namespace, name);
  }

  private static String verbOf(String method, boolean named, String query) {
    return switch (method) {
      case "GET" -> named ? "get" : (query.contains("watch=true") ? "watch" : "list");
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> named ? "delete" : "deletecollection";
      default -> throw new IllegalArgumentException("unexpected method " + method);
    };
  }

  @Override
  public String toString() {
    return verb
        + " "
        + (apiGroup.isEmpty() ? "core" : apiGroup)
        + "/"
        + resource
        + namespace.map(ns -> " in " + ns).orElse(" cluster-wide");
  }
}
