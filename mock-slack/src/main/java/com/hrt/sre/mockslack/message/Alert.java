package com.hrt.sre.mockslack.message;

import java.time.Instant;
import java.util.Map;

/**
 * One alert of an Alertmanager webhook notification, with the fields a reader acts on lifted out of
 * its labels and annotations; the full label and annotation sets are kept too.
 */
public record Alert(
    String alertname,
    String severity,
    AlertStatus status,
    String summary,
    String description,
    String runbookUrl,
    Instant startsAt,
    Instant endsAt,
    String generatorUrl,
    String fingerprint,
    Map<String, String> labels,
    Map<String, String> annotations) {

  public Alert {
    labels = Labels.sorted(labels);
    annotations = Labels.sorted(annotations);
  }
}
