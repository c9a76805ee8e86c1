package com.hrt.sre.loadgen.traffic;

/**
 * Open-model pacing: turns a rate and the time that passed into whole requests due. Each call adds
 * {@code rate x elapsed} to a credit and takes out the whole units, so fractional rates and late
 * ticks average out exactly over time. After a stall longer than the backlog limit, the excess is
 * reported as skipped (to be counted as dropped) instead of being sent as a burst.
 *
 * <p>Not thread-safe: one ticker thread owns it.
 */
final class Pacer {

  /** What one tick should do: send {@code send} requests, count {@code skipped} as dropped. */
  record Due(int send, long skipped) {}

  private final double maxBacklogSeconds;
  private long lastNanos;
  private double credit;

  Pacer(long startNanos, double maxBacklogSeconds) {
    this.lastNanos = startNanos;
    this.maxBacklogSeconds = maxBacklogSeconds;
  }

  Due advance(long nowNanos, double rate) {
    double elapsedSeconds = (nowNanos - lastNanos) / 1e9;
    lastNanos = nowNanos;
    if (rate <= 0) {
      // Paused: nothing accrues, so resuming does not start with a burst.
      credit = 0;
      return new Due(0, 0);
    }
    credit += rate * elapsedSeconds;
    long skipped = (long) (credit - Math.max(1, rate * maxBacklogSeconds));
    if (skipped > 0) {
      credit -= skipped;
    } else {
      skipped = 0;
    }
    int send = (int) credit;
    credit -= send;
    return new Due(send, skipped);
  }
}
