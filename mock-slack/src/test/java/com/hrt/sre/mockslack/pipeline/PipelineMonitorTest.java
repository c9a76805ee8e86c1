package com.hrt.sre.mockslack.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.testsupport.MovableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The dead man's switch on a clock the test moves: unknown, healthy, silent, and back. */
class PipelineMonitorTest {

  static final Instant START = Instant.parse("2026-12-02T08:00:00Z");

  final MovableClock clock = new MovableClock(START);
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  // Every 90s, silent after 3 missed: 270s.
  final PipelineMonitor monitor =
      new PipelineMonitor(new PipelineProperties(Duration.ofSeconds(90), 3), registry, clock);

  double healthyGauge() {
    return registry.get("mockslack.pipeline.healthy").gauge().value();
  }

  @Test
  void unknownUntilTheFirstHeartbeatIsDueThenHealthyWhileTheyArrive() {
    assertThat(monitor.status().status()).isEqualTo("unknown");
    assertThat(monitor.status().lastHeartbeat()).isNull();
    assertThat(healthyGauge()).isZero();
    assertThat(registry.get("mockslack.pipeline.last.heartbeat").gauge().value()).isNaN();

    clock.advance(Duration.ofSeconds(10));
    monitor.heartbeat();

    PipelineStatus status = monitor.status();
    assertThat(status.status()).isEqualTo("healthy");
    assertThat(status.lastHeartbeat()).isEqualTo(START.plusSeconds(10));
    assertThat(status.silentSince()).isNull();
    assertThat(status.expectedIntervalSeconds()).isEqualTo(90);
    assertThat(status.silentAfterSeconds()).isEqualTo(270);
    assertThat(healthyGauge()).isEqualTo(1);
    assertThat(registry.get("mockslack.pipeline.last.heartbeat").gauge().value())
        .isEqualTo(START.plusSeconds(10).getEpochSecond());
  }

  @Test
  void silentOnceMoreThanTheMissedHeartbeatsHavePassedAndHealthyWithTheNextOne() {
    monitor.heartbeat();
    clock.advance(Duration.ofSeconds(270));
    assertThat(monitor.status().status())
        .as("exactly 3 intervals: still healthy")
        .isEqualTo("healthy");

    clock.advance(Duration.ofSeconds(1));

    PipelineStatus silent = monitor.status();
    assertThat(silent.status()).isEqualTo("silent");
    assertThat(silent.silentSince()).isEqualTo(START);
    assertThat(healthyGauge()).isZero();

    monitor.heartbeat();
    assertThat(monitor.status().status()).isEqualTo("healthy");
  }

  @Test
  void aPipelineThatNeverDeliversTurnsSilentSinceTheStart() {
    clock.advance(Duration.ofSeconds(271));

    PipelineStatus status = monitor.status();
    assertThat(status.status()).isEqualTo("silent");
    assertThat(status.lastHeartbeat()).isNull();
    assertThat(status.silentSince()).isEqualTo(START);
  }
}
