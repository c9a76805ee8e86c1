package com.hrt.sre.portal.chaos;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Failure injection at start-up, from the environment variables DESIGN.md fixes (mapped in
 * application.properties). A saved state file in {@code stateDir} takes precedence over the four
 * chaos values (see {@link ChaosControl}).
 *
 * @param failureRate {@code FAILURE_RATE}, 0.0–1.0
 * @param latencyMs {@code LATENCY_MS}
 * @param latencyJitterMs {@code LATENCY_JITTER_MS}
 * @param crashAfterSeconds {@code CRASH_AFTER_SECONDS}, 0 = off
 * @param adminToken {@code PORTAL_ADMIN_TOKEN}; blank disables the admin API
 * @param stateDir {@code PORTAL_STATE_DIR}; blank keeps chaos state in memory only
 */
@ConfigurationProperties(prefix = "portal.chaos")
@Validated
public record ChaosProperties(
    @DecimalMin("0.0") @DecimalMax("1.0") double failureRate,
    @PositiveOrZero @Max(ChaosSettings.MAX_LATENCY_MS) long latencyMs,
    @PositiveOrZero @Max(ChaosSettings.MAX_LATENCY_MS) long latencyJitterMs,
    @PositiveOrZero @Max(ChaosSettings.MAX_CRASH_AFTER_SECONDS) long crashAfterSeconds,
    String adminToken,
    String stateDir) {

  /** The start-up settings; the record's own check also rejects NaN, which the bounds let by. */
  ChaosSettings initialSettings() {
    return new ChaosSettings(failureRate, latencyMs, latencyJitterMs, crashAfterSeconds);
  }

  boolean adminEnabled() {
    return adminToken != null && !adminToken.isBlank();
  }

  boolean persistent() {
    return stateDir != null && !stateDir.isBlank();
  }

  @Override
  public String toString() {
    // Never print the token (the record's default toString would).
    return "ChaosProperties[failureRate=%s, latencyMs=%d, latencyJitterMs=%d, crashAfterSeconds=%d, adminEnabled=%s, stateDir=%s]"
        .formatted(
            failureRate, latencyMs, latencyJitterMs, crashAfterSeconds, adminEnabled(), stateDir);
  }
}
