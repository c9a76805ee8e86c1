package com.hrt.sre.drill.observe;

import java.time.Instant;

/**
 * One message as mock-slack stored it: when it arrived, where, and for which alert in which state.
 *
 * @param receivedAt mock-slack's arrival time
 * @param channel the channel it was posted to
 * @param status {@code firing}, {@code resolved} or {@code info}
 * @param alertname the alert it is about; null for a plain message
 */
public record Arrival(Instant receivedAt, String channel, String status, String alertname) {

  boolean is(String alert, String state) {
    return alert.equals(alertname) && state.equals(status);
  }
}
