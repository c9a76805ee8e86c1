package com.hrt.sre.portal.system;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Makes "readiness goes down first" observable during a graceful shutdown.
 *
 * <p>When the context closes, Spring Boot publishes readiness REFUSING_TRAFFIC before it stops any
 * lifecycle bean. This bean has the highest phase, so it stops first: it waits {@link
 * ShutdownProperties#drainDelay()} while the server still answers (readiness 503, API as usual),
 * and only then lets the web server's graceful shutdown stop accepting connections and finish the
 * requests in flight ({@code server.shutdown=graceful}).
 */
@Component
class ReadinessDrain implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ReadinessDrain.class);

  private final Duration drainDelay;
  private final ApplicationAvailability availability;
  private volatile boolean running;

  ReadinessDrain(ShutdownProperties properties, ApplicationAvailability availability) {
    this.drainDelay = properties.drainDelay();
    this.availability = availability;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    log.info(
        "event=shutdown_drain readiness={} drain_delay_ms={}",
        availability.getReadinessState(),
        drainDelay.toMillis());
    try {
      Thread.sleep(drainDelay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    // Stops before everything else, in particular before the web server (a lower phase).
    return Integer.MAX_VALUE;
  }
}
