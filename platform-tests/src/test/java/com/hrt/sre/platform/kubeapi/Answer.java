package com.hrt.sre.platform.kubeapi;

import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP answer of the double: status code, content type, body. */
record Answer(int code, String contentType, String body) {

  static Answer json(int code, Object body) {
    return new Answer(code, "application/json", KubeApiDouble.JSON.writeValueAsString(body));
  }

  /** A {@code metav1.Status} failure, the body a real API server sends with every error. */
  static Answer status(int code, String reason, String message, Map<String, Object> details) {
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.put("metadata", Map.of());
    status.put("status", "Failure");
    status.put("message", message);
    status.put("reason", reason);
    status.put("details", details);
    status.put("code", code);
    return json(code, status);
  }

  static Answer notFound(ResourcePath target) {
    return status(
        404,
        "NotFound",
        "%s \"%s\" not found".formatted(target.qualifiedResource(), target.name()),
        Map.of("name", target.name(), "group", target.group(), "kind", target.plural()));
  }

  static Answer methodNotAllowed() {
    return status(
        405,
        "MethodNotAllowed",
        "the server does not allow this method on the requested resource",
        Map.of());
  }
}
