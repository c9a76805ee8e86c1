package com.hrt.sre.gitops.sync;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The clock the retry backoff reads; a bean so that tests can move time instead of waiting. */
@Configuration(proxyBeanMethods = false)
class SyncClock {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
