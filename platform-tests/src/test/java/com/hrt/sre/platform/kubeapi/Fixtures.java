package com.hrt.sre.platform.kubeapi;

/** Objects shaped as a cluster has them after the overlay is applied, for the double. */
public final class Fixtures {

  private Fixtures() {}

  /** Namespaces: kubectl checks the namespace exists when an object in it is not found. */
  public static void namespaces(KubeApiDouble api, String... names) {
    for (String name : names) {
      api.put(
          """
          {"apiVersion":"v1","kind":"Namespace","metadata":{"name":"%s"},
           "status":{"phase":"Active"}}
          """
              .formatted(name));
    }
  }

  /**
   * A ClusterIP Service selecting {@code app.kubernetes.io/name=<name>}, port to named port http.
   */
  public static void service(KubeApiDouble api, String namespace, String name, int port) {
    api.put(
        """
        {"apiVersion":"v1","kind":"Service","metadata":{"name":"%s","namespace":"%s"},
         "spec":{"type":"ClusterIP","clusterIP":"10.43.0.10",
                 "selector":{"app.kubernetes.io/name":"%s"},
                 "ports":[{"name":"http","port":%d,"targetPort":"http","protocol":"TCP"}]}}
        """
            .formatted(name, namespace, name, port));
  }

  /** A Running, Ready pod labelled {@code app.kubernetes.io/name=<app>} with port http. */
  public static void runningPod(
      KubeApiDouble api, String namespace, String pod, String app, int containerPort) {
    api.put(
        """
        {"apiVersion":"v1","kind":"Pod",
         "metadata":{"name":"%s","namespace":"%s","labels":{"app.kubernetes.io/name":"%s"},
                     "creationTimestamp":"2026-01-01T00:00:00Z"},
         "spec":{"containers":[{"name":"%s","image":"x",
                 "ports":[{"name":"http","containerPort":%d,"protocol":"TCP"}]}]},
         "status":{"phase":"Running",
                   "conditions":[{"type":"Ready","status":"True"}],
                   "containerStatuses":[{"name":"%s","ready":true,"restartCount":0,
                                         "image":"x","imageID":"","started":true,
                                         "state":{"running":{"startedAt":"2026-01-01T00:00:00Z"}}}]}}
        """
            .formatted(pod, namespace, app, app, containerPort, app));
  }
}
