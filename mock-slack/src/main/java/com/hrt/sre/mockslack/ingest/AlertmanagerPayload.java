package com.hrt.sre.mockslack.ingest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Alertmanager's webhook notification, version 4 (webhook_configs). */
@JsonIgnoreProperties(ignoreUnknown = true)
record AlertmanagerPayload(
    String version,
    String groupKey,
    Integer truncatedAlerts,
    String status,
    String receiver,
    Map<String, String> groupLabels,
    Map<String, String> commonLabels,
    Map<String, String> commonAnnotations,
    @JsonProperty("externalURL") String externalUrl,
    List<WebhookAlert> alerts) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  record WebhookAlert(
      String status,
      Map<String, String> labels,
      Map<String, String> annotations,
      Instant startsAt,
      Instant endsAt,
      @JsonProperty("generatorURL") String generatorUrl,
      String fingerprint) {}
}
