package com.hrt.sre.mockslack.incident;

import com.hrt.sre.mockslack.message.Silence;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A silence as {@code GET /api/v2/silences} lists it (the fields used here). */
record AlertmanagerSilence(
    String id,
    Status status,
    List<SilenceMatcher> matchers,
    Instant startsAt,
    Instant endsAt,
    String createdBy,
    String comment) {

  record Status(String state) {}

  AlertmanagerSilence {
    matchers = matchers == null ? List.of() : List.copyOf(matchers);
  }

  boolean active() {
    return status != null && "active".equals(status.state()) && id != null;
  }

  /** Alertmanager silences an alert when every matcher matches its labels. */
  boolean matches(Map<String, String> labels) {
    return !matchers.isEmpty() && matchers.stream().allMatch(m -> m.matches(labels));
  }

  Silence view() {
    return new Silence(
        id,
        matchers.stream().map(SilenceMatcher::toString).toList(),
        createdBy,
        comment,
        startsAt,
        endsAt);
  }
}
