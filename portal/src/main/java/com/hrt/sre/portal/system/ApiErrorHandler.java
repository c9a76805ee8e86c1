package com.hrt.sre.portal.system;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns the portal's own exceptions into RFC 9457 problem documents ({@code
 * application/problem+json}): {@code status}, {@code title}, {@code detail}, and for bad input an
 * {@code errors} object naming each bad field. Spring's own errors (unknown path, wrong method) use
 * the same format through {@code spring.mvc.problemdetails.enabled}. Every rejected request is
 * counted in {@code portal_rejected_requests_total{reason}} and logged in one line.
 */
@RestControllerAdvice
class ApiErrorHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

  private final Map<RejectionReason, Counter> rejected = new EnumMap<>(RejectionReason.class);

  ApiErrorHandler(MeterRegistry registry) {
    for (RejectionReason reason : RejectionReason.values()) {
      rejected.put(
          reason,
          Counter.builder("portal.rejected.requests")
              .description("Requests turned away with a 4xx before they had any effect, by reason")
              .tag("reason", reason.label())
              .register(registry));
    }
  }

  @ExceptionHandler(InvalidRequestException.class)
  ProblemDetail invalidRequest(InvalidRequestException e, HttpServletRequest request) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setProperty("errors", e.fieldErrors());
    count(RejectionReason.INVALID_REQUEST, request, e.getMessage() + " " + e.fieldErrors());
    return problem;
  }

  @ExceptionHandler(RejectedRequestException.class)
  ResponseEntity<ProblemDetail> rejected(RejectedRequestException e, HttpServletRequest request) {
    RejectionReason reason = e.reason();
    count(reason, request, e.getMessage());
    ResponseEntity.BodyBuilder answer = ResponseEntity.status(reason.status());
    if (reason == RejectionReason.UNAUTHORIZED) {
      answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"portal-admin\"");
    }
    if (reason != RejectionReason.INVALID_REQUEST) {
      // The body was not read (or not to its end): close the connection rather than let the
      // server drain what the client may still be sending.
      answer.header(HttpHeaders.CONNECTION, "close");
    }
    return answer.body(ProblemDetail.forStatusAndDetail(reason.status(), e.getMessage()));
  }

  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(NotFoundException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
  }

  private void count(RejectionReason reason, HttpServletRequest request, String detail) {
    rejected.get(reason).increment();
    // Expected client error: one line, no stack trace.
    log.info(
        "event=request_rejected reason={} status={} method={} path={} remote={} detail=\"{}\"",
        reason.label(),
        reason.status().value(),
        request.getMethod(),
        request.getRequestURI(),
        request.getRemoteAddr(),
        detail);
  }
}
