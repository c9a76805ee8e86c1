package com.hrt.sre.autohealer.workload;

import static com.hrt.sre.autohealer.ClusterFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HealHistoryTest {

  @Test
  void historyKeepsOnlyTheLastHourAndStaysBounded() {
    String many =
        IntStream.range(0, 40)
            .mapToObj(i -> NOW.minus(Duration.ofMinutes(i)).toString())
            .collect(Collectors.joining(","));
    String old = NOW.minus(Duration.ofHours(2)).toString();

    String next =
        HealHistory.from(Map.of(HealHistory.HISTORY_ANNOTATION, old + "," + many)).withHeal(NOW);

    assertThat(next.split(",")).hasSize(HealHistory.MAX_ENTRIES).doesNotContain(old);
    assertThat(next).endsWith(NOW.toString());
  }

  @Test
  void unreadableEntriesAreIgnoredNotTrusted() {
    HealHistory history =
        HealHistory.from(
            Map.of(HealHistory.HISTORY_ANNOTATION, "yesterday, " + NOW + ",2026-13-99T00:00:00Z"));

    assertThat(history.heals()).containsExactly(NOW);
    assertThat(history.healsInLastHour(NOW.plusSeconds(60))).isEqualTo(1);
  }

  @Test
  void aGiveUpBelongsToTheEpisodeAfterTheLastHeal() {
    Instant lastHeal = NOW.minus(Duration.ofMinutes(20));
    HealHistory gaveUpBefore =
        HealHistory.from(
            Map.of(
                HealHistory.HISTORY_ANNOTATION, lastHeal.toString(),
                HealHistory.GAVE_UP_ANNOTATION, lastHeal.minusSeconds(60).toString()));
    HealHistory gaveUpAfter =
        HealHistory.from(
            Map.of(
                HealHistory.HISTORY_ANNOTATION, lastHeal.toString(),
                HealHistory.GAVE_UP_ANNOTATION, NOW.toString()));

    assertThat(gaveUpBefore.gaveUpSinceLastHeal()).isFalse();
    assertThat(gaveUpAfter.gaveUpSinceLastHeal()).isTrue();
  }
}
