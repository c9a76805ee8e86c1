package com.hrt.sre.mockslack.incident;

import com.hrt.sre.mockslack.message.Silence;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

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
  Predicate<Map<String, String>> compile() {
    if (matchers.isEmpty()) {
      return labels -> false;
    }
    List<Predicate<Map<String, String>>> all =
        matchers.stream().map(SilenceMatcher::compile).toList();
    return labels -> all.stream().allMatch(p -> p.test(labels));
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
