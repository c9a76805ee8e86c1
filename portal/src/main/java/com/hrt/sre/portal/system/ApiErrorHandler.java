package com.hrt.sre.portal.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns the portal's own exceptions into RFC 9457 problem documents ({@code
 * application/problem+json}): {@code status}, {@code title}, {@code detail}, and for bad input an
 * {@code errors} object naming each bad field. Spring's own errors (unknown path, wrong method) use
 * the same format through {@code spring.mvc.problemdetails.enabled}.
 */
@RestControllerAdvice
class ApiErrorHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

  @ExceptionHandler(InvalidRequestException.class)
  ProblemDetail invalidRequest(InvalidRequestException e) {
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
    problem.setProperty("errors", e.fieldErrors());
    // Expected client error: one line, no stack trace.
    log.info("event=bad_request detail=\"{}\" errors=\"{}\"", e.getMessage(), e.fieldErrors());
    return problem;
  }

  @ExceptionHandler(NotFoundException.class)
  ProblemDetail notFound(NotFoundException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
  }
}
