package com.hrt.sre.mockslack.message;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** Status of a notification: what the colour bar and the status filter show. */
public enum AlertStatus {
  FIRING,
  RESOLVED,
  /** Not an alert notification (a plain Slack message), or its status cannot be told. */
  INFO;

  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code firing}, {@code resolved} or {@code info}, in any case. */
  public static Optional<AlertStatus> parse(String value) {
    if (value == null) {
      return Optional.empty();
    }
    for (AlertStatus status : values()) {
      if (status.label().equalsIgnoreCase(value.strip())) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }
}
