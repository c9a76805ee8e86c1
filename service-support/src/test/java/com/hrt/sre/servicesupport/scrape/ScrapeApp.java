package com.hrt.sre.servicesupport.scrape;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A web service as ours are set up: Actuator's scrape at /metrics. Its gauge {@code
 * scrape_on_virtual_thread} is read while a scrape is written, so the scrape shows which kind of
 * thread wrote it; {@code /thread} shows which kind serves requests.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class ScrapeApp {

  static final String[] PROPERTIES = {
    "server.port=0",
    "server.address=127.0.0.1",
    "management.endpoints.web.base-path=/",
    "management.endpoints.web.exposure.include=prometheus",
    "management.endpoints.web.path-mapping.prometheus=metrics"
  };

  @Bean
  MeterBinder scrapeThread() {
    return registry ->
        Gauge.builder("scrape_on_virtual_thread", () -> Thread.currentThread().isVirtual() ? 1 : 0)
            .register(registry);
  }

  @RestController
  static class ThreadController {
    @GetMapping("/thread")
    String thread() {
      return Thread.currentThread().isVirtual() ? "virtual" : "platform";
    }
  }
}
