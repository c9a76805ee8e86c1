package com.hrt.sre.mockslack.incident;

import com.hrt.sre.mockslack.rejection.RejectedRequestException;
import com.hrt.sre.mockslack.rejection.RejectionReason;

/** The bodies of the incident actions, and the checks every text field gets. */
final class ActionRequests {

  static final int MAX_NAME = 80;
  static final int MAX_COMMENT = 500;

  private ActionRequests() {}

  /** {@code POST /api/messages/{id}/ack}. */
  record Ack(String by) {}

  /** {@code POST /api/messages/{id}/silence}. */
  record SilenceRequest(String duration, String comment, String by) {}

  /** The field's value, stripped; 400 when it is missing, blank, too long or has control chars. */
  static String required(String field, String value, int maxLength) {
    if (value == null || value.isBlank()) {
      throw new RejectedRequestException(
          RejectionReason.MISSING_FIELD, "field '" + field + "' is required");
    }
    String text = value.strip();
    if (text.length() > maxLength) {
      throw new RejectedRequestException(
          RejectionReason.INVALID_FIELD,
          "field '" + field + "' is longer than " + maxLength + " characters");
    }
    if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
      throw new RejectedRequestException(
          RejectionReason.INVALID_FIELD, "field '" + field + "' contains control characters");
    }
    return text;
  }
}
