package com.hrt.sre.gitops.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The Kubernetes API client: in-cluster service account, or the current context of KUBECONFIG.
 *
 * <p>Lazy, and {@link ClusterApplier} asks for it only when it syncs: building it loads ~400
 * classes (its HTTP stack and TLS), work for the first sync rather than for readiness.
 */
@Configuration(proxyBeanMethods = false)
class KubernetesClientConfiguration {

  @Bean(destroyMethod = "close")
  @Lazy
  KubernetesClient kubernetesClient() {
    return new KubernetesClientBuilder().build();
  }
}
