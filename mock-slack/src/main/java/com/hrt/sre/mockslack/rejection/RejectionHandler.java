package com.hrt.sre.mockslack.rejection;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Answers every rejected request the same way: the reason's 4xx status, a JSON body {@code
 * {"error": "<reason>", "message": "<what was wrong>"}}, one log line, and one count in {@code
 * mockslack_rejected_requests_total{reason}}. Spring's own request errors get the same treatment.
 */
@RestControllerAdvice
class RejectionHandler {

  private static final Logger log = LoggerFactory.getLogger(RejectionHandler.class);

  private final Map<RejectionReason, Counter> counters = new EnumMap<>(RejectionReason.class);

  RejectionHandler(MeterRegistry registry) {
    for (RejectionReason reason : RejectionReason.values()) {
      counters.put(
          reason,
          Counter.builder("mockslack.rejected.requests")
              .description("Requests turned away with a 4xx, by reason")
              .tag("reason", reason.label())
              .register(registry));
    }
  }

  @ExceptionHandler(RejectedRequestException.class)
  ResponseEntity<Map<String, String>> rejected(
      RejectedRequestException e, HttpServletRequest request) {
    return answer(e.reason(), e.getMessage(), request);
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Map<String, String>> unsupportedMediaType(
      HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
    return answer(
        RejectionReason.UNSUPPORTED_MEDIA_TYPE,
        "Content-Type " + e.getContentType() + " is not supported",
        request);
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<Map<String, String>> methodNotAllowed(
      HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
    return answer(
        RejectionReason.METHOD_NOT_ALLOWED,
        "method " + e.getMethod() + " is not allowed here",
        request);
  }

  @ExceptionHandler({
    MissingServletRequestParameterException.class,
    MethodArgumentTypeMismatchException.class
  })
  ResponseEntity<Map<String, String>> invalidParameter(Exception e, HttpServletRequest request) {
    return answer(RejectionReason.INVALID_PARAMETER, e.getMessage(), request);
  }

  private static Map<String, String> errorBody(RejectionReason reason, String detail) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("error", reason.label());
    body.put("message", detail);
    return body;
  }

  private ResponseEntity<Map<String, String>> answer(
      RejectionReason reason, String detail, HttpServletRequest request) {
    counters.get(reason).increment();
    log.info(
        "event=request_rejected reason={} status={} method={} path={} detail=\"{}\"",
        reason.label(),
        reason.status().value(),
        request.getMethod(),
        request.getRequestURI(),
        detail);
    return ResponseEntity.status(reason.status())
        .contentType(MediaType.APPLICATION_JSON)
        .body(errorBody(reason, detail));
  }
}
