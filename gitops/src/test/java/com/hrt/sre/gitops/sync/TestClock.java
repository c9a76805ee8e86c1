package com.hrt.sre.gitops.sync;

import com.hrt.sre.testsupport.MovableClock;
import java.time.Instant;

/**
 * One clock a test moves by hand, for the sync's backoff ({@link java.time.Clock}) and the metrics'
 * timestamps (Micrometer's clock) alike: no test waits for time to pass.
 */
final class TestClock extends MovableClock implements io.micrometer.core.instrument.Clock {

  TestClock() {
    super(Instant.parse("2026-12-01T10:00:00Z"));
  }

  @Override
  public long wallTime() {
    return instant().toEpochMilli();
  }

  @Override
  public long monotonicTime() {
    Instant now = instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }
}
