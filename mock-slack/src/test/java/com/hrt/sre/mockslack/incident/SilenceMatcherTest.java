package com.hrt.sre.mockslack.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Silence matching as Alertmanager does it, for silences made elsewhere (UI, amtool). */
class SilenceMatcherTest {

  static final Map<String, String> LABELS =
      Map.of("alertname", "PortalHighErrorRate", "service", "portal");

  @Test
  void equalityAndRegexAreAnchoredAndAnAbsentLabelIsEmpty() {
    assertThat(SilenceMatcher.equal("service", "portal").matches(LABELS)).isTrue();
    assertThat(new SilenceMatcher("alertname", "Portal.*", true, true).matches(LABELS)).isTrue();
    assertThat(new SilenceMatcher("alertname", "Portal", true, true).matches(LABELS))
        .as("anchored: a prefix is not a match")
        .isFalse();
    assertThat(new SilenceMatcher("pod", "", false, true).matches(LABELS)).isTrue();
    assertThat(new SilenceMatcher("service", "batch", false, false).matches(LABELS)).isTrue();
    assertThat(new SilenceMatcher("service", "port.*", true, false).matches(LABELS)).isFalse();
    assertThat(new SilenceMatcher("service", "(", true, true).matches(LABELS)).isFalse();
  }

  @Test
  void isWrittenAsAmtoolWritesIt() {
    assertThat(SilenceMatcher.equal("a", "x\"y").toString()).isEqualTo("a=\"x\\\"y\"");
    assertThat(new SilenceMatcher("a", "x", true, true).toString()).isEqualTo("a=~\"x\"");
    assertThat(new SilenceMatcher("a", "x", false, false).toString()).isEqualTo("a!=\"x\"");
    assertThat(new SilenceMatcher("a", "x", true, false).toString()).isEqualTo("a!~\"x\"");
  }

  @Test
  void durationsFromOneMinuteToSevenDaysInAmtoolUnits() {
    assertThat(SilenceDuration.parse("2h30m")).hasMinutes(150);
    assertThat(SilenceDuration.parse("1m")).hasMinutes(1);
    assertThat(SilenceDuration.parse("7d")).hasDays(7);
  }
}
