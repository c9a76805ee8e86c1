package com.hrt.sre.drill.act;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The auto-healer's Kubernetes Events (auto-healer's HealEvents: reason {@code AutoHealed} or
 * {@code AutoHealGaveUp}, source component {@code auto-healer}) read with {@code kubectl get events
 * -A -o json}.
 */
final class AutoHealerEvents {

  static final String HEALED = "AutoHealed";
  static final String GAVE_UP = "AutoHealGaveUp";
  private static final Set<String> REASONS = Set.of(HEALED, GAVE_UP);
  private static final String COMPONENT = "auto-healer";

  /** One Event, as the report card shows it. */
  record HealEvent(
      Instant at, String reason, String kind, String namespace, String name, String message) {
    String line() {
      return at + " " + reason + " " + kind + " " + namespace + "/" + name + ": " + message;
    }
  }

  private final Kubectl kubectl;

  AutoHealerEvents(Kubectl kubectl) {
    this.kubectl = kubectl;
  }

  /** The auto-healer's Events at or after {@code since} (second precision, as Events have). */
  List<HealEvent> since(Instant since) {
    JsonNode list = kubectl.json("read the auto-healer's Events", "get", "events", "-A");
    Instant from = since.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    List<HealEvent> events = new ArrayList<>();
    for (JsonNode event : list.path("items")) {
      if (!REASONS.contains(event.path("reason").asString(""))
          || !COMPONENT.equals(event.path("source").path("component").asString(""))) {
        continue;
      }
      Optional<Instant> at = timestamp(event);
      if (at.isEmpty() || at.get().isBefore(from)) {
        continue;
      }
      JsonNode involved = event.path("involvedObject");
      events.add(
          new HealEvent(
              at.get(),
              event.path("reason").asString(),
              involved.path("kind").asString(""),
              involved.path("namespace").asString(""),
              involved.path("name").asString(""),
              event.path("message").asString("")));
    }
    events.sort(Comparator.comparing(HealEvent::at));
    return events;
  }

  private static Optional<Instant> timestamp(JsonNode event) {
    for (JsonNode value :
        List.of(
            event.path("lastTimestamp"),
            event.path("eventTime"),
            event.path("firstTimestamp"),
            event.path("metadata").path("creationTimestamp"))) {
      if (value.isString() && !value.asString().isBlank()) {
        return Optional.of(Instant.parse(value.asString()));
      }
    }
    return Optional.empty();
  }
}
