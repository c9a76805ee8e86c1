package com.hrt.sre.mockslack.ingest;

import com.hrt.sre.mockslack.message.Alert;
import com.hrt.sre.mockslack.message.AlertGroup;
import com.hrt.sre.mockslack.message.AlertStatus;
import com.hrt.sre.mockslack.message.Message;
import com.hrt.sre.mockslack.message.Source;
import com.hrt.sre.mockslack.rejection.RejectedRequestException;
import com.hrt.sre.mockslack.rejection.RejectionReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns an Alertmanager webhook notification into a {@link Message} that keeps each alert's
 * structure (alertname, severity, status, summary, description, runbook) instead of a text blob.
 */
final class AlertmanagerMessages {

  /** Alertmanager writes Go's zero time for "no end yet". */
  private static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

  private static final Set<String> PAGING_SEVERITIES = Set.of("page", "critical");

  private AlertmanagerMessages() {}

  static Message toMessage(AlertmanagerPayload payload, String channel) {
    if (payload.version() != null && !payload.version().equals("4")) {
      throw invalid("version must be \"4\" (got \"" + payload.version() + "\")");
    }
    AlertStatus status = statusOf(payload.status(), "status");
    if (payload.alerts() == null || payload.alerts().isEmpty()) {
      throw new RejectedRequestException(
          RejectionReason.MISSING_FIELD, "alerts must be a non-empty list");
    }
    List<Alert> alerts = new ArrayList<>();
    for (int i = 0; i < payload.alerts().size(); i++) {
      alerts.add(toAlert(payload.alerts().get(i), "alerts[" + i + "]"));
    }
    Map<String, String> common = payload.commonLabels() == null ? Map.of() : payload.commonLabels();
    String alertname = common.getOrDefault("alertname", sharedValue(alerts, Alert::alertname));
    String severity = common.getOrDefault("severity", sharedValue(alerts, Alert::severity));
    int truncated = payload.truncatedAlerts() == null ? 0 : Math.max(0, payload.truncatedAlerts());
    AlertGroup group =
        new AlertGroup(
            payload.receiver(),
            payload.groupKey(),
            payload.externalUrl(),
            payload.groupLabels(),
            common,
            truncated,
            alerts);
    return new Message(
        0,
        null,
        channel,
        Source.WEBHOOK,
        status,
        alertname,
        severity,
        colorOf(status, alerts),
        alerts.size() + truncated,
        null,
        null,
        null,
        null,
        List.of(),
        List.of(),
        group);
  }

  private static Alert toAlert(AlertmanagerPayload.WebhookAlert alert, String path) {
    if (alert == null) {
      throw new RejectedRequestException(RejectionReason.MISSING_FIELD, path + " is null");
    }
    if (alert.labels() == null || alert.labels().isEmpty()) {
      throw new RejectedRequestException(
          RejectionReason.MISSING_FIELD, path + ".labels must be a non-empty object");
    }
    Map<String, String> labels = withoutNullValues(alert.labels());
    Map<String, String> annotations =
        alert.annotations() == null ? Map.of() : withoutNullValues(alert.annotations());
    return new Alert(
        labels.get("alertname"),
        labels.get("severity"),
        statusOf(alert.status(), path + ".status"),
        annotations.get("summary"),
        annotations.getOrDefault("description", annotations.get("message")),
        annotations.getOrDefault("runbook_url", annotations.get("runbook")),
        alert.startsAt(),
        GO_ZERO_TIME.equals(alert.endsAt()) ? null : alert.endsAt(),
        alert.generatorUrl(),
        alert.fingerprint(),
        labels,
        annotations);
  }

  private static AlertStatus statusOf(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new RejectedRequestException(
          RejectionReason.MISSING_FIELD, field + " is required (firing or resolved)");
    }
    return AlertStatus.parse(value)
        .filter(s -> s != AlertStatus.INFO)
        .orElseThrow(() -> invalid(field + " must be firing or resolved (got \"" + value + "\")"));
  }

  /** Red for paging alerts, amber for the rest, green when resolved. */
  private static String colorOf(AlertStatus status, List<Alert> alerts) {
    if (status == AlertStatus.RESOLVED) {
      return "good";
    }
    boolean paging =
        alerts.stream()
            .filter(a -> a.status() == AlertStatus.FIRING)
            .map(Alert::severity)
            .filter(Objects::nonNull)
            .anyMatch(PAGING_SEVERITIES::contains);
    boolean anySeverity = alerts.stream().map(Alert::severity).anyMatch(Objects::nonNull);
    return paging || !anySeverity ? "danger" : "warning";
  }

  private static String sharedValue(List<Alert> alerts, Function<Alert, String> value) {
    String first = value.apply(alerts.get(0));
    boolean shared = alerts.stream().map(value).allMatch(v -> Objects.equals(v, first));
    return shared ? first : null;
  }

  private static Map<String, String> withoutNullValues(Map<String, String> map) {
    Map<String, String> copy = new LinkedHashMap<>();
    map.forEach(
        (k, v) -> {
          if (k != null && v != null) {
            copy.put(k, v);
          }
        });
    return copy;
  }

  private static RejectedRequestException invalid(String detail) {
    return new RejectedRequestException(RejectionReason.INVALID_FIELD, detail);
  }
}
