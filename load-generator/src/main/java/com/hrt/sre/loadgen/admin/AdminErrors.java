package com.hrt.sre.loadgen.admin;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;

/** Turns rejected admin requests into a 4xx with a JSON body that says what was wrong. */
@RestControllerAdvice(assignableTypes = RateController.class)
class AdminErrors {

  private static final Logger log = LoggerFactory.getLogger(AdminErrors.class);
  private static final String EXAMPLE = "{\"rate\": 10}";

  @ExceptionHandler(MethodArgumentNotValidException.class)
  ResponseEntity<Map<String, Object>> invalid(MethodArgumentNotValidException e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", "invalid rate change");
    e.getBindingResult()
        .getFieldErrors()
        .forEach(error -> body.put(error.getField(), error.getDefaultMessage()));
    body.put("example", EXAMPLE);
    return reject(HttpStatus.BAD_REQUEST, body);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(HttpMessageNotReadableException e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", "body must be a JSON object with a numeric rate");
    body.put("example", EXAMPLE);
    return reject(HttpStatus.BAD_REQUEST, body);
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Map<String, Object>> notJson(HttpMediaTypeNotSupportedException e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", "Content-Type must be application/json");
    body.put("example", EXAMPLE);
    return reject(HttpStatus.UNSUPPORTED_MEDIA_TYPE, body);
  }

  @ExceptionHandler(ResponseStatusException.class)
  ResponseEntity<Map<String, Object>> status(ResponseStatusException e) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", e.getReason());
    return reject(HttpStatus.valueOf(e.getStatusCode().value()), body);
  }

  private static ResponseEntity<Map<String, Object>> reject(
      HttpStatus status, Map<String, Object> body) {
    log.info(
        "event=admin_request_rejected status={} error=\"{}\"", status.value(), body.get("error"));
    return ResponseEntity.status(status).body(body);
  }
}
