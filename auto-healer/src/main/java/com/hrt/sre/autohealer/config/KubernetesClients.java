package com.hrt.sre.autohealer.config;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/** Builds the fabric8 client with the healer's bounded retries and timeouts. */
public final class KubernetesClients {

  private KubernetesClients() {}

  /**
   * A client for {@code base} (in-cluster service account or KUBECONFIG when built by {@link
   * Config#autoConfigure}) with the request behaviour of {@code api}. fabric8 itself retries 5xx
   * answers and I/O errors, timeouts included, with exponential backoff; we only bound it.
   */
  public static KubernetesClient create(Config base, AutoHealerProperties.Api api) {
    Config config =
        new ConfigBuilder(base)
            .withRequestRetryBackoffLimit(api.retries())
            .withRequestRetryBackoffInterval((int) api.retryBackoff().toMillis())
            .withRequestTimeout((int) api.requestTimeout().toMillis())
            .withConnectionTimeout((int) api.requestTimeout().toMillis())
            .build();
    return new KubernetesClientBuilder().withConfig(config).build();
  }
}
