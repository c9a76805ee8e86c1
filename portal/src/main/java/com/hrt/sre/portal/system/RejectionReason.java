package com.hrt.sre.portal.system;

import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * Why a request was turned away: the {@code reason} label of {@code portal_rejected_requests_total}
 * and the answer's status. A fixed set, so the label cannot grow with the input.
 */
public enum RejectionReason {
  /** No admin token is configured: the admin API is switched off. */
  ADMIN_DISABLED(HttpStatus.FORBIDDEN),
  /** The admin token is missing, malformed or wrong. */
  UNAUTHORIZED(HttpStatus.UNAUTHORIZED),
  /** The body is over the limit (declared or counted while reading). */
  BODY_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE),
  /** The body could not be read to its end: the client stopped sending or went away. */
  INCOMPLETE_BODY(HttpStatus.BAD_REQUEST),
  /** Bad parameters or a bad body ({@link InvalidRequestException}). */
  INVALID_REQUEST(HttpStatus.BAD_REQUEST);

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
