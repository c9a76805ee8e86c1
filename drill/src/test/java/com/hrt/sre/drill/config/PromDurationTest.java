package com.hrt.sre.drill.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PromDurationTest {

  @Test
  void readsPrometheusDurationsIncludingCompoundOnes() {
    assertThat(PromDuration.parse("10s")).isEqualTo(Duration.ofSeconds(10));
    assertThat(PromDuration.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(PromDuration.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(PromDuration.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(PromDuration.parse("30d")).isEqualTo(Duration.ofDays(30));
    assertThat(PromDuration.parse("1w")).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void refusesWhatPrometheusWouldRefuse() {
    for (String bad : new String[] {"", "10", "2 m", "1.5m", "-1s", "10sec"}) {
      assertThatThrownBy(() -> PromDuration.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is not a duration");
    }
  }

  @Test
  void formatsSecondsAsSecondsAndRoundMinutesAsMinutes() {
    assertThat(PromDuration.format(Duration.ofSeconds(150))).isEqualTo("150s");
    assertThat(PromDuration.format(Duration.ofMinutes(2))).isEqualTo("2m");
    assertThat(PromDuration.format(Duration.ofHours(2))).isEqualTo("2h");
    assertThat(PromDuration.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(PromDuration.format(Duration.ZERO)).isEqualTo("0s");
  }
}
