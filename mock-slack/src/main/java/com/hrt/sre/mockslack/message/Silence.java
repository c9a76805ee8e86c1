package com.hrt.sre.mockslack.message;

import java.time.Instant;
import java.util.List;

/**
 * An Alertmanager silence as a message shows it: made from mock-slack or elsewhere (the
 * Alertmanager UI, amtool).
 *
 * @param id Alertmanager's silence id
 * @param matchers the silence's matchers, e.g. {@code alertname="PortalHighErrorRate"}
 */
public record Silence(
    String id,
    List<String> matchers,
    String createdBy,
    String comment,
    Instant startsAt,
    Instant endsAt) {

  public Silence {
    matchers = matchers == null ? List.of() : List.copyOf(matchers);
  }
}
