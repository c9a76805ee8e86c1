package com.hrt.sre.drill.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The runner's sense of time: what time it is, and waiting between two polls. Tests pass one whose
 * sleep moves a clock, so a 20-minute drill is replayed in milliseconds.
 */
public interface Pacer {

  Instant now();

  void sleep(Duration duration);

  /** Wall-clock time and real sleeping. */
  static Pacer system() {
    Clock clock = Clock.systemUTC();
    return new Pacer() {
      @Override
      public Instant now() {
        return clock.instant();
      }

      @Override
      public void sleep(Duration duration) {
        try {
          Thread.sleep(duration);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting", e);
        }
      }
    };
  }
}
