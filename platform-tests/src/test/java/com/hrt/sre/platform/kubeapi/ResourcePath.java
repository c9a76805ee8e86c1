package com.hrt.sre.platform.kubeapi;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A request path of a resource the double serves: collection, object, or object subresource. */
record ResourcePath(
    ApiResources api, ApiResources.Type type, String namespace, String name, String subresource) {

  private static final Pattern PATH =
      Pattern.compile(
          "^(/api/v1|/apis/[^/]+/[^/]+)(?:/namespaces/([^/]+))?/([^/]+)(?:/([^/]+))?(?:/([^/]+))?$");

  static Optional<ResourcePath> parse(String path) {
    Matcher m = PATH.matcher(path);
    if (!m.matches()) {
      return Optional.empty();
    }
    Optional<ApiResources> api = ApiResources.byRoot(m.group(1));
    Optional<ApiResources.Type> type = api.flatMap(a -> a.type(m.group(3)));
    if (type.isEmpty() || type.get().namespaced() != (m.group(2) != null)) {
      return Optional.empty();
    }
    return Optional.of(new ResourcePath(api.get(), type.get(), m.group(2), m.group(4), m.group(5)));
  }

  String plural() {
    return type.plural();
  }

  String kind() {
    return type.kind();
  }

  String group() {
    return api.group();
  }

  String apiVersion() {
    return api.groupVersion();
  }

  /** {@code jobs.batch} or {@code pods}: how the API server names the resource in messages. */
  String qualifiedResource() {
    return group().isEmpty() ? plural() : plural() + "." + group();
  }

  String collectionPath() {
    return api.root() + (namespace == null ? "" : "/namespaces/" + namespace) + "/" + plural();
  }

  String objectPath() {
    return collectionPath() + "/" + name;
  }
}
