package com.hrt.sre.servicesupport.scrape;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnThreading;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.ConditionalOnEnabledMetricsExport;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;

/**
 * With virtual threads on ({@code spring.threads.virtual.enabled}), the scrape endpoint is {@link
 * PlatformThreadScrapeEndpoint}, made as Boot makes its own (whose bean then backs off: it is
 * {@code @ConditionalOnMissingBean}) under the same conditions as Boot's. Without virtual threads
 * Boot's endpoint is already right.
 */
@AutoConfiguration(before = PrometheusMetricsExportAutoConfiguration.class)
@ConditionalOnClass({PrometheusMeterRegistry.class, PrometheusScrapeEndpoint.class})
@ConditionalOnEnabledMetricsExport("prometheus")
@ConditionalOnThreading(Threading.VIRTUAL)
public class PlatformThreadScrapeAutoConfiguration {

  @Bean
  @ConditionalOnAvailableEndpoint(PrometheusScrapeEndpoint.class)
  PrometheusScrapeEndpoint prometheusEndpoint(
      PrometheusRegistry registry, PrometheusConfig config) {
    return new PlatformThreadScrapeEndpoint(registry, config.prometheusProperties());
  }
}
