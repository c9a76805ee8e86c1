package com.hrt.sre.mockslack.rejection;

/** Thrown to turn a request away: answered as 4xx JSON and counted by {@link RejectionHandler}. */
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
