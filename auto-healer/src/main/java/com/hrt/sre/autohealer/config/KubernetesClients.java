package com.hrt.sre.autohealer.config;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Builds the fabric8 client with the healer's bounded retries and timeouts. */
public final class KubernetesClients {

  private KubernetesClients() {}

  /**
   * A client for {@code base} (in-cluster service account or KUBECONFIG when built by {@link
   * Config#autoConfigure}) with the request behaviour of {@code api}. fabric8 itself retries 5xx
   * answers and I/O errors, timeouts included, with exponential backoff; we only bound it. Closing
   * the client stops its JDK HttpClient (see {@link ShutdownOnCloseHttpClientFactory}).
   */
  public static KubernetesClient create(Config base, AutoHealerProperties.Api api) {
    Config config =
        new ConfigBuilder(base)
            .withRequestRetryBackoffLimit(api.retries())
            .withRequestRetryBackoffInterval((int) api.retryBackoff().toMillis())
            .withRequestTimeout((int) api.requestTimeout().toMillis())
            .withConnectionTimeout((int) api.requestTimeout().toMillis())
            .build();
    return new KubernetesClientBuilder()
        .withHttpClientFactory(new ShutdownOnCloseHttpClientFactory())
        .withConfig(config)
        .build();
  }

  /**
   * One line saying what went wrong with an API call: the API server's own message for an HTTP
   * error (e.g. {@code HTTP 403: ... is forbidden}), the underlying cause for a connection problem
   * (e.g. {@code UnknownHostException: kubernetes.default.svc}).
   */
  public static String describe(KubernetesClientException e) {
    if (e.getCode() > 0) {
      String message =
          e.getStatus() != null && e.getStatus().getMessage() != null
              ? e.getStatus().getMessage()
              : e.getMessage();
      return "HTTP " + e.getCode() + ": " + firstLine(message);
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = firstLine(root.getMessage());
    return "no answer from the API server ("
        + root.getClass().getSimpleName()
        + (message.isBlank() ? "" : ": " + message)
        + ")";
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
