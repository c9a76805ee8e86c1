package com.hrt.sre.drill.floor;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The longest an alert needs, by construction of the configuration, from the break to its first
 * message: {@code for + scrape_interval + evaluation_interval + group_wait} (plus the age threshold
 * of a staleness alert). docs/drills.md explains each term.
 *
 * @param alert the alert's name
 * @param pendingFor the rule's {@code for}
 * @param scrapeInterval a scrape must first see the change
 * @param evaluationInterval then a rule evaluation must see it
 * @param groupWait Alertmanager's wait before a new group's first message
 * @param ageThreshold for {@code time() - x > N} alerts: N, the age the last update must reach
 * @param windows the expression's range windows (they decide how fast it resolves, not the floor)
 * @param receiver the receiver its route delivers to
 * @param channel that receiver's Slack channel, if it has one
 */
public record DetectionFloor(
    String alert,
    Duration pendingFor,
    Duration scrapeInterval,
    Duration evaluationInterval,
    Duration groupWait,
    Optional<Duration> ageThreshold,
    List<Duration> windows,
    String receiver,
    Optional<String> channel) {

  public DetectionFloor {
    windows = List.copyOf(windows);
  }

  /** Break to firing in Prometheus: for + scrape + evaluation (+ age threshold). */
  public Duration firing() {
    return pendingFor
        .plus(scrapeInterval)
        .plus(evaluationInterval)
        .plus(ageThreshold.orElse(Duration.ZERO));
  }

  /** Break to the first message: the firing floor plus group_wait. */
  public Duration total() {
    return firing().plus(groupWait);
  }
}
