package com.hrt.sre.mockslack.incident;

import com.hrt.sre.mockslack.store.MessageStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

/**
 * The incident actions on the system clock, with Alertmanager from {@code mockslack.alertmanager}.
 */
@Configuration(proxyBeanMethods = false)
class IncidentConfiguration {

  @Bean
  AlertmanagerClient alertmanagerClient(AlertmanagerProperties properties, ObjectMapper json) {
    return new AlertmanagerClient(properties, json);
  }

  @Bean
  ExpiredSilences expiredSilences() {
    return new ExpiredSilences();
  }

  @Bean
  IncidentActions incidentActions(
      MessageStore store, AlertmanagerClient alertmanager, ExpiredSilences expired) {
    return new IncidentActions(store, alertmanager, expired, Clock.systemUTC());
  }

  @Bean
  SilenceSync silenceSync(
      MessageStore store,
      AlertmanagerClient alertmanager,
      ExpiredSilences expired,
      AlertmanagerProperties properties,
      MeterRegistry registry) {
    return new SilenceSync(store, alertmanager, expired, properties, registry, Clock.systemUTC());
  }
}
