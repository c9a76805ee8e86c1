package com.hrt.sre.drill.scenario;

import java.time.Duration;

/**
 * An alert the drill must see arrive, in the mock-slack channel its route delivers to.
 *
 * @param alert the alert rule's name
 * @param channel the mock-slack channel, e.g. {@code #alerts-critical}
 * @param buildup how long the injected fault itself needs before the alert's expression can be true
 *     (a crash loop must first restart four times); added to the configuration's floor. Zero for
 *     faults that show at once (errors, latency, a stopped target)
 */
public record ExpectedAlert(String alert, String channel, Duration buildup) {

  public ExpectedAlert(String alert, String channel) {
    this(alert, channel, Duration.ZERO);
  }
}
