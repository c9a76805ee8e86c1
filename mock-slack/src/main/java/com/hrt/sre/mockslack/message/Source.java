package com.hrt.sre.mockslack.message;

import com.fasterxml.jackson.annotation.JsonValue;

/** Which API a message came in through; the {@code source} label of the received counter. */
public enum Source {
  /** Slack incoming-webhook API ({@code POST /services/...}), e.g. Alertmanager's slack_configs. */
  SLACK("slack"),
  /** Alertmanager's own webhook API ({@code POST /api/alertmanager}), webhook_configs. */
  WEBHOOK("webhook");

  private final String label;

  Source(String label) {
    this.label = label;
  }

  @JsonValue
  public String label() {
    return label;
  }
}
