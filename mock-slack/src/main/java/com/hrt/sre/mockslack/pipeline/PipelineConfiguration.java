package com.hrt.sre.mockslack.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The dead man's switch on the system clock. */
@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

  @Bean
  PipelineMonitor pipelineMonitor(PipelineProperties properties, MeterRegistry registry) {
    return new PipelineMonitor(properties, registry, Clock.systemUTC());
  }
}
