package com.hrt.sre.autohealer.detect;

import java.time.Instant;
import java.util.List;

/**
 * What a run observed of one pod's restarts, kept for the next run (a new process), which cannot
 * learn from the pod when its earlier restarts happened.
 *
 * @param restarts the restart count observed (summed over containers)
 * @param observedAt when it was observed
 * @param recent the dates of its newest restarts, oldest first: at most RESTART_THRESHOLD of them
 *     (older ones can never matter again) and none older than the window
 */
public record RestartRecord(int restarts, Instant observedAt, List<Instant> recent) {

  public RestartRecord {
    recent = List.copyOf(recent);
  }
}
