package com.hrt.sre.mockslack.pipeline;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The dead man's switch: how often Alertmanager is expected to deliver the heartbeat (the Watchdog
 * alert), and how many may be missed before the pipeline is called silent.
 *
 * @param heartbeatInterval the heartbeat route's period: repeat_interval (1m) rounded up to the
 *     next group_interval tick (30s) in prometheus/alertmanager.yml
 * @param missedHeartbeats heartbeats that may be missed before the status turns silent; more than
 *     one, so a single late or failed delivery is not an outage
 */
@Validated
@ConfigurationProperties(prefix = "mockslack.pipeline")
public record PipelineProperties(
    @DefaultValue("90s") @NotNull Duration heartbeatInterval,
    @DefaultValue("3") @Min(2) @Max(100) int missedHeartbeats) {

  /** Silence longer than this (no heartbeat) means the pipeline is broken. */
  public Duration silentAfter() {
    return heartbeatInterval.multipliedBy(missedHeartbeats);
  }

  @AssertTrue(message = "mockslack.pipeline.heartbeat-interval must be between 1s and 1h")
  public boolean isHeartbeatIntervalSane() {
    return heartbeatInterval == null
        || (heartbeatInterval.compareTo(Duration.ofSeconds(1)) >= 0
            && heartbeatInterval.compareTo(Duration.ofHours(1)) <= 0);
  }
}
