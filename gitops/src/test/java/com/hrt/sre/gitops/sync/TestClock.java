package com.hrt.sre.gitops.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * One clock a test moves by hand, for the sync's backoff ({@link Clock}) and the metrics'
 * timestamps (Micrometer's clock) alike: no test waits for time to pass.
 */
final class TestClock extends Clock implements io.micrometer.core.instrument.Clock {

  private Instant now = Instant.parse("2026-12-01T10:00:00Z");

  void advance(Duration duration) {
    now = now.plus(duration);
  }

  @Override
  public Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public long wallTime() {
    return now.toEpochMilli();
  }

  @Override
  public long monotonicTime() {
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
