package com.hrt.sre.batchsync.metrics;

import io.micrometer.core.instrument.config.MeterFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RunMetricsConfiguration {

  /**
   * Only the run's own metrics go to the Pushgateway: JVM and process metrics of a job that lives
   * seconds would be noise there, and would linger in the group long after the process is gone.
   */
  @Bean
  MeterFilter onlyBatchSyncMetrics() {
    return MeterFilter.denyUnless(id -> id.getName().startsWith("batch.sync."));
  }
}
