package com.hrt.sre.mockslack.incident;

import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * An action that could not be done for a reason outside the request: Alertmanager is not
 * configured, not reachable, or refused. Answered as 5xx JSON; nothing was recorded.
 */
class ActionFailedException extends RuntimeException {

  /** Why: the {@code reason} label of {@code mockslack_incident_actions_failed_total}. */
  enum Reason {
    ALERTMANAGER_NOT_CONFIGURED(HttpStatus.SERVICE_UNAVAILABLE),
    ALERTMANAGER_UNREACHABLE(HttpStatus.SERVICE_UNAVAILABLE),
    ALERTMANAGER_ERROR(HttpStatus.BAD_GATEWAY);

    private final HttpStatus status;

    Reason(HttpStatus status) {
      this.status = status;
    }

    HttpStatus status() {
      return status;
    }

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Reason reason;

  ActionFailedException(Reason reason, String detail) {
    // No stack trace: an expected condition, answered and counted.
    super(detail, null, false, false);
    this.reason = reason;
  }

  Reason reason() {
    return reason;
  }
}
