package com.hrt.sre.drill.scenario;

/**
 * An alert the drill must see arrive, in the mock-slack channel its route delivers to.
 *
 * @param alert the alert rule's name
 * @param channel the mock-slack channel, e.g. {@code #alerts-critical}
 */
public record ExpectedAlert(String alert, String channel) {}
