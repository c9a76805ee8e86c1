package com.hrt.sre.mockslack.rejection;

import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * Why a request was turned away: the {@code reason} label of {@code
 * mockslack_rejected_requests_total} and the {@code error} field of the JSON answer. A fixed set,
 * so the label cannot grow with the input.
 */
public enum RejectionReason {
  MALFORMED_JSON(HttpStatus.BAD_REQUEST),
  /** The body could not be read to its end: the client stopped sending or went away. */
  INCOMPLETE_BODY(HttpStatus.BAD_REQUEST),
  UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE),
  BODY_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE),
  MISSING_FIELD(HttpStatus.BAD_REQUEST),
  INVALID_FIELD(HttpStatus.BAD_REQUEST),
  INVALID_PARAMETER(HttpStatus.BAD_REQUEST),
  METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED),
  TOO_MANY_SUBSCRIBERS(HttpStatus.TOO_MANY_REQUESTS),
  /** A state-changing request sent by a page of another origin (cross-site request forgery). */
  FOREIGN_ORIGIN(HttpStatus.FORBIDDEN),
  /** An incident action on a message id the store does not hold (never was, or evicted). */
  UNKNOWN_MESSAGE(HttpStatus.NOT_FOUND),
  /** An incident action on a message that is not a firing alert. */
  NOT_FIRING(HttpStatus.CONFLICT),
  /** The action is already done (acknowledged, silenced) or has nothing to undo (no silence). */
  ACTION_CONFLICT(HttpStatus.CONFLICT);

  private final HttpStatus status;

  RejectionReason(HttpStatus status) {
    this.status = status;
  }

  public HttpStatus status() {
    return status;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
