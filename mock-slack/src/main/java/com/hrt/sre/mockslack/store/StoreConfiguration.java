package com.hrt.sre.mockslack.store;

import com.hrt.sre.mockslack.MockSlackProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.ObjectMapper;

/** The store, with a JSON-lines journal when {@code mockslack.store-path} is set. */
@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

  @Bean
  MessageStore messageStore(
      MockSlackProperties properties,
      ObjectMapper json,
      ApplicationEventPublisher events,
      MeterRegistry registry) {
    MessageJournal journal =
        properties
            .storeFile()
            .<MessageJournal>map(
                file ->
                    new JsonLinesJournal(
                        file, properties.storeFileMaxSize().toBytes(), json, registry))
            .orElse(MessageJournal.NONE);
    long budget =
        StoreBudget.effective(
            properties.maxStoreSize().toBytes(),
            properties.maxBodySize().toBytes(),
            Runtime.getRuntime().maxMemory());
    return new MessageStore(
        properties.maxMessages(), budget, journal, events, registry, Clock.systemUTC());
  }
}
