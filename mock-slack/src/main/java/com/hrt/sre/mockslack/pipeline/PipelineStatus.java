package com.hrt.sre.mockslack.pipeline;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Locale;

/**
 * What {@code GET /api/pipeline} answers.
 *
 * @param status healthy, silent, or unknown (just started, no heartbeat due yet)
 * @param lastHeartbeat when the last heartbeat arrived; null if none since start
 * @param silentSince when silent: the last heartbeat, or the start when none ever came
 * @param expectedIntervalSeconds how often a heartbeat should arrive
 * @param silentAfterSeconds how long without a heartbeat counts as silent
 * @param heartbeats heartbeats received since start
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PipelineStatus(
    String status,
    Instant lastHeartbeat,
    Instant silentSince,
    long expectedIntervalSeconds,
    long silentAfterSeconds,
    long heartbeats) {

  /** The three states; the label is what the API and the page show. */
  public enum State {
    HEALTHY,
    SILENT,
    UNKNOWN;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
