package com.hrt.sre.portal.chaos;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The failure-injection settings in force: the JSON object of {@code GET/PUT /admin/chaos} and of
 * the state file.
 *
 * @param failureRate fraction of API requests answered 503, 0.0–1.0
 * @param latencyMs fixed latency added to every API request
 * @param latencyJitterMs extra latency, uniformly random in [0, latencyJitterMs], on top
 * @param crashAfterSeconds after this much uptime liveness turns BROKEN; 0 = off
 */
public record ChaosSettings(
    double failureRate, long latencyMs, long latencyJitterMs, long crashAfterSeconds) {

  /** No chaos: what {@code POST /admin/chaos/reset} restores. */
  public static final ChaosSettings OFF = new ChaosSettings(0.0, 0, 0, 0);

  // Upper bounds keep a typo from hanging request threads for hours.
  static final long MAX_LATENCY_MS = 60_000;
  static final long MAX_CRASH_AFTER_SECONDS = 86_400;

  public ChaosSettings {
    Map<String, String> errors =
        problems(failureRate, latencyMs, latencyJitterMs, crashAfterSeconds);
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("invalid chaos settings: " + errors);
    }
  }

  /** Every field that is out of range, with what it must be; empty when all are valid. */
  static Map<String, String> problems(
      double failureRate, long latencyMs, long latencyJitterMs, long crashAfterSeconds) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (!Double.isFinite(failureRate) || failureRate < 0.0 || failureRate > 1.0) {
      errors.put("failureRate", "must be a number from 0.0 to 1.0, got " + failureRate);
    }
    checkRange(errors, "latencyMs", latencyMs, MAX_LATENCY_MS);
    checkRange(errors, "latencyJitterMs", latencyJitterMs, MAX_LATENCY_MS);
    checkRange(errors, "crashAfterSeconds", crashAfterSeconds, MAX_CRASH_AFTER_SECONDS);
    return errors;
  }

  private static void checkRange(Map<String, String> errors, String field, long value, long max) {
    if (value < 0 || value > max) {
      errors.put(field, "must be a whole number from 0 to " + max + ", got " + value);
    }
  }

  boolean crashLoopEnabled() {
    return crashAfterSeconds > 0;
  }
}
