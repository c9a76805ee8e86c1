package com.hrt.sre.portal.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.testsupport.MovableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecentTrafficTest {

  private final MovableClock clock = new MovableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final RecentTraffic traffic = new RecentTraffic(clock);

  @Test
  void countsRequestsAndServerErrors() {
    traffic.record(false);
    traffic.record(true);
    traffic.record(false);
    traffic.record(false);

    RecentTraffic.Snapshot snapshot = traffic.snapshot();
    assertThat(snapshot.recentRequests()).isEqualTo(4);
    assertThat(snapshot.recentErrors()).isEqualTo(1);
    assertThat(snapshot.recentErrorPercent()).isEqualTo("25.0");
  }

  @Test
  void forgetsRequestsOlderThanTheWindowButKeepsThemInTheTotals() {
    traffic.record(true);
    clock.advance(Duration.ofMinutes(3));
    traffic.record(false);
    clock.advance(Duration.ofMinutes(3));

    RecentTraffic.Snapshot snapshot = traffic.snapshot();
    assertThat(snapshot.recentRequests()).isEqualTo(1);
    assertThat(snapshot.recentErrors()).isZero();
    assertThat(snapshot.totalRequests()).isEqualTo(2);
    assertThat(snapshot.totalErrors()).isEqualTo(1);
  }

  @Test
  void aRecycledBucketStartsFromZero() {
    traffic.record(true);
    clock.advance(Duration.ofSeconds(RecentTraffic.WINDOW_SECONDS)); // same ring slot, new period
    traffic.record(false);

    RecentTraffic.Snapshot snapshot = traffic.snapshot();
    assertThat(snapshot.recentRequests()).isEqualTo(1);
    assertThat(snapshot.recentErrors()).isZero();
  }
}
