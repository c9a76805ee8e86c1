package com.hrt.sre.loadgen.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Open-model pacing on a synthetic clock: exact counts whatever the tick timing. */
class PacerTest {

  private static final long TICK = TimeUnit.MILLISECONDS.toNanos(5);

  @Test
  void sendsRateTimesElapsedTimeExactlyDespiteIrregularTicks() {
    Pacer pacer = new Pacer(0, 1.0);
    Random jitter = new Random(42);
    long now = 0;
    long sent = 0;
    while (now < TimeUnit.SECONDS.toNanos(60)) {
      now += TICK / 2 + jitter.nextInt((int) (2 * TICK)); // 2.5 ms to 12.5 ms apart
      sent += pacer.advance(now, 200).send();
    }

    assertThat(sent).isBetween((long) (200 * now / 1e9) - 1, (long) (200 * now / 1e9));
  }

  @Test
  void fractionalRateSendsOneRequestEveryTwoSeconds() {
    Pacer pacer = new Pacer(0, 1.0);
    long sent = 0;
    // 11 s: the fifth request is due at 10 s (give or take float rounding), the sixth at 12 s.
    for (long now = TICK; now <= TimeUnit.SECONDS.toNanos(11); now += TICK) {
      Pacer.Due due = pacer.advance(now, 0.5);
      sent += due.send();
      assertThat(due.skipped()).isZero();
    }

    assertThat(sent).isEqualTo(5);
  }

  @Test
  void stallLongerThanTheBacklogLimitSkipsTheExcessInsteadOfABurst() {
    Pacer pacer = new Pacer(0, 1.0);

    Pacer.Due due = pacer.advance(TimeUnit.SECONDS.toNanos(5), 100);

    assertThat(due.send()).isEqualTo(100);
    assertThat(due.skipped()).isEqualTo(400);
  }

  @Test
  void zeroRateSendsNothingAndResumesWithoutABurst() {
    Pacer pacer = new Pacer(0, 1.0);
    assertThat(pacer.advance(TimeUnit.SECONDS.toNanos(30), 0).send()).isZero();

    Pacer.Due resumed = pacer.advance(TimeUnit.SECONDS.toNanos(30) + TICK, 200);

    assertThat(resumed.send()).isEqualTo(1);
    assertThat(resumed.skipped()).isZero();
  }
}
