package com.hrt.sre.platform.kubeapi;

import java.util.LinkedHashMap;
import java.util.Map;

/** Kubernetes objects as JSON maps: typed access and the API path of an object. */
final class Maps {

  private Maps() {}

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  /** The child map at {@code key}, created (and stored) if absent. */
  static Map<String, Object> child(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    if (value == null) {
      Map<String, Object> created = new LinkedHashMap<>();
      parent.put(key, created);
      return created;
    }
    return map(value);
  }

  /** The value at a dotted path ({@code status.phase}), or null. */
  static Object at(Map<String, Object> object, String dotted) {
    Object current = object;
    for (String key : dotted.split("\\.")) {
      if (!(current instanceof Map<?, ?> m)) {
        return null;
      }
      current = m.get(key);
    }
    return current;
  }

  /** {@code /api/v1/namespaces/portal/pods/portal-a}: where the API serves this object. */
  static String path(Map<String, Object> object) {
    String apiVersion = (String) object.get("apiVersion");
    String kind = (String) object.get("kind");
    Map<String, Object> metadata = map(object.get("metadata"));
    for (ApiResources api : ApiResources.ALL) {
      if (api.groupVersion().equals(apiVersion)) {
        for (ApiResources.Type type : api.types()) {
          if (type.kind().equals(kind)) {
            String namespace = type.namespaced() ? "/namespaces/" + metadata.get("namespace") : "";
            return api.root() + namespace + "/" + type.plural() + "/" + metadata.get("name");
          }
        }
      }
    }
    throw new IllegalArgumentException("the double serves no " + apiVersion + " " + kind);
  }
}
