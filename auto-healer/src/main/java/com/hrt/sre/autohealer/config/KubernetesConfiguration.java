package com.hrt.sre.autohealer.config;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Kubernetes client (in-cluster config or KUBECONFIG, as kubectl finds it) and the clock. A
 * test registers its own client (the fabric8 mock server's) before the context starts.
 */
@Configuration(proxyBeanMethods = false)
class KubernetesConfiguration {

  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean(KubernetesClient.class)
  KubernetesClient kubernetesClient(AutoHealerProperties properties) {
    return KubernetesClients.create(Config.autoConfigure(null), properties.api());
  }

  @Bean
  @ConditionalOnMissingBean(Clock.class)
  Clock clock() {
    return Clock.systemUTC();
  }
}
