package com.hrt.sre.loadgen.admin;

import com.hrt.sre.loadgen.admin.AdminRejections.Reason;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns rejected admin requests into a 4xx with a JSON body that says what was wrong, counted in
 * {@code loadgen_admin_rejected_requests_total}.
 */
@RestControllerAdvice(assignableTypes = RateController.class)
class AdminErrors {

  private static final String EXAMPLE = "{\"rate\": 10}";

  private final AdminRejections rejections;

  AdminErrors(AdminRejections rejections) {
    this.rejections = rejections;
  }

  @ExceptionHandler(MethodArgumentNotValidException.class)
  ResponseEntity<Map<String, Object>> invalid(
      MethodArgumentNotValidException e, HttpServletRequest request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", "invalid rate change");
    e.getBindingResult()
        .getFieldErrors()
        .forEach(error -> body.put(error.getField(), error.getDefaultMessage()));
    body.put("example", EXAMPLE);
    return reject(Reason.INVALID_BODY, body, request);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<Map<String, Object>> unreadable(
      HttpMessageNotReadableException e, HttpServletRequest request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", "body must be a JSON object with a numeric rate");
    body.put("example", EXAMPLE);
    return reject(Reason.INVALID_BODY, body, request);
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<Map<String, Object>> notJson(
      HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("error", "Content-Type must be application/json");
    body.put("example", EXAMPLE);
    return reject(Reason.UNSUPPORTED_MEDIA_TYPE, body, request);
  }

  private ResponseEntity<Map<String, Object>> reject(
      Reason reason, Map<String, Object> body, HttpServletRequest request) {
    rejections.count(reason, request, body.get("error"));
    return ResponseEntity.status(reason.status()).body(body);
  }
}
