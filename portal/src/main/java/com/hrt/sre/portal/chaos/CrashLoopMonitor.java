package com.hrt.sre.portal.chaos;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Crash-loop mode: once the instance has been up for {@code crashAfterSeconds}, liveness turns
 * BROKEN, {@code /health/liveness} answers 503 and the kubelet restarts the container. Because the
 * setting is kept in the state directory, the new container breaks again after the same uptime, and
 * the restart count climbs until a new pod (rollout restart) starts with no state.
 *
 * <p>Setting {@code crashAfterSeconds} at runtime below the current uptime breaks liveness at the
 * next check; setting it back to 0 (or above the uptime) before the kubelet acts restores it.
 */
@Component
class CrashLoopMonitor {

  private static final Logger log = LoggerFactory.getLogger(CrashLoopMonitor.class);

  private final ChaosControl control;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final Instant startedAt;
  private boolean brokenByUs;

  CrashLoopMonitor(ChaosControl control, ApplicationEventPublisher events) {
    this.control = control;
    this.events = events;
    this.clock = Clock.systemUTC();
    this.startedAt = clock.instant();
  }

  @Scheduled(fixedDelay = 250)
  synchronized void check() {
    ChaosSettings settings = control.current();
    Duration uptime = Duration.between(startedAt, clock.instant());
    boolean shouldBeBroken =
        settings.crashLoopEnabled() && uptime.toSeconds() >= settings.crashAfterSeconds();
    if (shouldBeBroken && !brokenByUs) {
      brokenByUs = true;
      log.warn(
          "event=liveness_broken reason=crash_loop uptime_s={} crash_after_s={}",
          uptime.toSeconds(),
          settings.crashAfterSeconds());
      AvailabilityChangeEvent.publish(events, this, LivenessState.BROKEN);
    } else if (!shouldBeBroken && brokenByUs) {
      brokenByUs = false;
      log.info(
          "event=liveness_restored reason=crash_loop_off uptime_s={} crash_after_s={}",
          uptime.toSeconds(),
          settings.crashAfterSeconds());
      AvailabilityChangeEvent.publish(events, this, LivenessState.CORRECT);
    }
  }
}
