package com.hrt.sre.portal.system;

/**
 * Turns a request away before it has any effect: answered with the reason's status and a problem
 * document, and counted by {@link ApiErrorHandler}.
 */
public class RejectedRequestException extends RuntimeException {

  private final RejectionReason reason;

  public RejectedRequestException(RejectionReason reason, String detail) {
    // No stack trace: an expected condition, answered and counted, never logged as an error.
    super(detail, null, false, false);
    this.reason = reason;
  }

  public RejectionReason reason() {
    return reason;
  }
}
