package com.hrt.sre.platform.kubeapi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resource types the double serves, with the discovery documents a real API server (1.31)
 * publishes for them: kubectl maps {@code svc}, {@code job/x} or {@code cronjob/x} to a path only
 * through discovery, so these must be right for kubectl to make the real requests.
 */
record ApiResources(String group, String version, List<Type> types) {

  /** One resource type: plural name, kind, namespaced, short names, verbs. */
  record Type(
      String plural, String singular, String kind, boolean namespaced, List<String> shortNames) {}

  static final List<ApiResources> ALL =
      List.of(
          new ApiResources(
              "",
              "v1",
              List.of(
                  new Type("namespaces", "namespace", "Namespace", false, List.of("ns")),
                  new Type("pods", "pod", "Pod", true, List.of("po")),
                  new Type("services", "service", "Service", true, List.of("svc")),
                  new Type("secrets", "secret", "Secret", true, List.of()),
                  new Type("configmaps", "configmap", "ConfigMap", true, List.of("cm")),
                  new Type("events", "event", "Event", true, List.of("ev")))),
          new ApiResources(
              "apps",
              "v1",
              List.of(
                  new Type("deployments", "deployment", "Deployment", true, List.of("deploy")))),
          new ApiResources(
              "batch",
              "v1",
              List.of(
                  new Type("jobs", "job", "Job", true, List.of()),
                  new Type("cronjobs", "cronjob", "CronJob", true, List.of("cj")))));

  private static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** {@code /api/v1} or {@code /apis/apps/v1}. */
  String root() {
    return group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version;
  }

  static Optional<ApiResources> byRoot(String root) {
    return ALL.stream().filter(r -> r.root().equals(root)).findFirst();
  }

  Optional<Type> type(String plural) {
    return types.stream().filter(t -> t.plural().equals(plural)).findFirst();
  }

  /** The APIResourceList of this group version (with the pod subresources kubectl uses). */
  Map<String, Object> resourceList() {
    List<Map<String, Object>> resources = new java.util.ArrayList<>();
    for (Type type : types) {
      resources.add(
          Map.of(
              "name", type.plural(),
              "singularName", type.singular(),
              "namespaced", type.namespaced(),
              "kind", type.kind(),
              "verbs", VERBS,
              "shortNames", type.shortNames()));
      if (type.plural().equals("pods")) {
        resources.add(subresource("pods/log", "Pod", List.of("get")));
        resources.add(
            subresource("pods/portforward", "PodPortForwardOptions", List.of("create", "get")));
      }
    }
    return Map.of(
        "kind",
        "APIResourceList",
        "apiVersion",
        "v1",
        "groupVersion",
        groupVersion(),
        "resources",
        resources);
  }

  private static Map<String, Object> subresource(String name, String kind, List<String> verbs) {
    return Map.of(
        "name", name, "singularName", "", "namespaced", true, "kind", kind, "verbs", verbs);
  }

  /** {@code GET /api}. */
  static Map<String, Object> coreVersions(String serverAddress) {
    return Map.of(
        "kind",
        "APIVersions",
        "versions",
        List.of("v1"),
        "serverAddressByClientCIDRs",
        List.of(Map.of("clientCIDR", "0.0.0.0/0", "serverAddress", serverAddress)));
  }

  /** {@code GET /apis}. */
  static Map<String, Object> groupList() {
    List<Map<String, Object>> groups = new java.util.ArrayList<>();
    for (ApiResources api : ALL) {
      if (!api.group().isEmpty()) {
        Map<String, Object> version =
            Map.of("groupVersion", api.groupVersion(), "version", api.version());
        groups.add(
            Map.of("name", api.group(), "versions", List.of(version), "preferredVersion", version));
      }
    }
    return Map.of("kind", "APIGroupList", "apiVersion", "v1", "groups", groups);
  }
}
