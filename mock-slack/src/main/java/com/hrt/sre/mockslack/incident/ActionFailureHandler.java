package com.hrt.sre.mockslack.incident;

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
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers an action that Alertmanager could not carry out: 503 (not configured, unreachable) or 502
 * (it refused), a JSON body {@code {"error", "message"}} quoting what it said, one log line and one
 * count in {@code mockslack_incident_actions_failed_total{reason}}.
 */
@RestControllerAdvice(assignableTypes = IncidentController.class)
class ActionFailureHandler {

  private static final Logger log = LoggerFactory.getLogger(ActionFailureHandler.class);

  private final Map<ActionFailedException.Reason, Counter> counters =
      new EnumMap<>(ActionFailedException.Reason.class);

  ActionFailureHandler(MeterRegistry registry) {
    for (ActionFailedException.Reason reason : ActionFailedException.Reason.values()) {
      counters.put(
          reason,
          Counter.builder("mockslack.incident.actions.failed")
              .description("Incident actions Alertmanager could not carry out, by reason")
              .tag("reason", reason.label())
              .register(registry));
    }
  }

  @ExceptionHandler(ActionFailedException.class)
  ResponseEntity<Map<String, String>> failed(ActionFailedException e, HttpServletRequest request) {
    counters.get(e.reason()).increment();
    log.warn(
        "event=incident_action_failed reason={} status={} method={} path={} detail=\"{}\"",
        e.reason().label(),
        e.reason().status().value(),
        request.getMethod(),
        request.getRequestURI(),
        e.getMessage());
    Map<String, String> body = new LinkedHashMap<>();
    body.put("error", e.reason().label());
    body.put("message", e.getMessage());
    return ResponseEntity.status(e.reason().status())
        .contentType(MediaType.APPLICATION_JSON)
        .body(body);
  }
}
