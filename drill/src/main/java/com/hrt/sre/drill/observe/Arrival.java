package com.hrt.sre.drill.observe;

import java.time.Instant;

/**
 * One message as mock-slack stored it: when it arrived, where, and for which alert in which state.
 *
 * @param receivedAt mock-slack's arrival time
 * @param channel the channel it was posted to
 * @param status {@code firing}, {@code resolved} or {@code info}
 * @param alertname the alert it is about; null for a plain message
 * @param acknowledgedBy who pressed Acknowledge on it in mock-slack; null until someone did
 * @param acknowledgedAt when; null until acknowledged
 */
public record Arrival(
    Instant receivedAt,
    String channel,
    String status,
    String alertname,
    String acknowledgedBy,
    Instant acknowledgedAt) {

  /** A message nobody has acknowledged. */
  public Arrival(Instant receivedAt, String channel, String status, String alertname) {
    this(receivedAt, channel, status, alertname, null, null);
  }

  boolean is(String alert, String state) {
    return alert.equals(alertname) && state.equals(status);
  }
}
