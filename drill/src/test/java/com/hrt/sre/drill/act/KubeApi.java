package com.hrt.sre.drill.act;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * fabric8's API-server double in CRUD mode, made usable by the real kubectl: a real API server also
 * answers discovery ({@code /api}, {@code /apis} and one resource list per group version), which
 * kubectl reads to map {@code deployment/x} or {@code cronjob/x} to a path; CRUD mode alone does
 * not. The discovery documents (src/test/resources/kubeapi/) list exactly the resources the drill's
 * kubectl calls touch, as a k3s 1.31 server lists them.
 */
final class KubeApi {

  private static final Map<String, String> DISCOVERY =
      Map.of(
          "/api", "api.json",
          "/api/v1", "api-v1.json",
          "/apis", "apis.json",
          "/apis/apps/v1", "apis-apps-v1.json",
          "/apis/batch/v1", "apis-batch-v1.json");

  private KubeApi() {}

  /** Adds the discovery answers to {@code server} (expectations win over CRUD mode). */
  static void serveDiscovery(KubernetesMockServer server) {
    DISCOVERY.forEach(
        (path, file) -> {
          String body = resource(file);
          for (String variant : new String[] {path, path + "?timeout=32s"}) {
            server.expect().get().withPath(variant).andReturn(200, body).always();
          }
        });
  }

  /** A kubeconfig whose only context points at the double (its self-signed TLS accepted). */
  static Path kubeconfig(KubernetesClient client, Path dir) {
    Path file = dir.resolve("kubeconfig");
    try {
      Files.writeString(
          file,
          """
          apiVersion: v1
          kind: Config
          clusters:
            - name: double
              cluster:
                server: %s
                insecure-skip-tls-verify: true
          users:
            - name: double
              user: {token: test}
          contexts:
            - name: double
              context: {cluster: double, user: double}
          current-context: double
          """
              .formatted(client.getMasterUrl().toString().replaceAll("/$", "")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  private static String resource(String file) {
    try (InputStream in = KubeApi.class.getResourceAsStream("/kubeapi/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
