package com.hrt.sre.mockslack.pipeline;

import com.hrt.sre.mockslack.pipeline.PipelineStatus.State;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dead man's switch fed by Alertmanager's heartbeat (the always-firing Watchdog alert).
 *
 * <p>Healthy while a heartbeat arrived within {@code missedHeartbeats x heartbeatInterval}; silent
 * after that, which means Prometheus stopped evaluating or sending, or Alertmanager stopped
 * delivering: no other alert would arrive either. Unknown only right after start, until the first
 * heartbeat is due; a pipeline that never delivers turns silent too (since the start). The status
 * is computed from the clock whenever it is read, so it turns silent without any event; each change
 * is logged once.
 */
public class PipelineMonitor {

  private static final Logger log = LoggerFactory.getLogger(PipelineMonitor.class);

  private final Clock clock;
  private final Duration interval;
  private final Duration silentAfter;
  private final Instant startedAt;
  private final Counter heartbeats;
  private volatile Instant lastHeartbeat;
  private State lastLogged = State.UNKNOWN;

  public PipelineMonitor(PipelineProperties properties, MeterRegistry registry, Clock clock) {
    this.clock = clock;
    this.interval = properties.heartbeatInterval();
    this.silentAfter = properties.silentAfter();
    this.startedAt = clock.instant();
    this.heartbeats =
        Counter.builder("mockslack.pipeline.heartbeats")
            .description("Heartbeats (firing Watchdog notifications) received from Alertmanager")
            .register(registry);
    Gauge.builder("mockslack.pipeline.last.heartbeat", this, PipelineMonitor::lastHeartbeatSeconds)
        .description("Unix time of the last heartbeat; NaN before the first")
        .baseUnit("seconds")
        .register(registry);
    Gauge.builder("mockslack.pipeline.healthy", this, PipelineMonitor::healthy)
        .description("1 while heartbeats arrive in time, 0 when silent or not yet known")
        .register(registry);
  }

  /** Records a heartbeat that arrived now. */
  public void heartbeat() {
    lastHeartbeat = clock.instant();
    heartbeats.increment();
    status();
  }

  public PipelineStatus status() {
    Instant now = clock.instant();
    Instant last = lastHeartbeat;
    State state;
    Instant silentSince = null;
    if (last != null && !now.isAfter(last.plus(silentAfter))) {
      state = State.HEALTHY;
    } else if (last == null && !now.isAfter(startedAt.plus(silentAfter))) {
      state = State.UNKNOWN;
    } else {
      state = State.SILENT;
      silentSince = last != null ? last : startedAt;
    }
    logChange(state, last);
    return new PipelineStatus(
        state.label(),
        last,
        silentSince,
        interval.toSeconds(),
        silentAfter.toSeconds(),
        (long) heartbeats.count());
  }

  private synchronized void logChange(State state, Instant last) {
    if (state != lastLogged) {
      lastLogged = state;
      if (state == State.SILENT) {
        log.warn(
            "event=pipeline_silent last_heartbeat={} silent_after={}",
            last == null ? "none" : last,
            silentAfter);
      } else {
        log.info("event=pipeline_{} last_heartbeat={}", state.label(), last);
      }
    }
  }

  private double healthy() {
    return status().status().equals(State.HEALTHY.label()) ? 1 : 0;
  }

  private double lastHeartbeatSeconds() {
    Instant last = lastHeartbeat;
    return last == null ? Double.NaN : last.toEpochMilli() / 1000.0;
  }
}
