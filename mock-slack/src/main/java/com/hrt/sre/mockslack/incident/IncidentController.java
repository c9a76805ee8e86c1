package com.hrt.sre.mockslack.incident;

import com.hrt.sre.mockslack.incident.ActionRequests.Ack;
import com.hrt.sre.mockslack.incident.ActionRequests.SilenceRequest;
import com.hrt.sre.mockslack.ingest.PayloadReader;
import com.hrt.sre.mockslack.message.Message;
import com.hrt.sre.mockslack.message.Silence;
import com.hrt.sre.mockslack.rejection.RejectedRequestException;
import com.hrt.sre.mockslack.rejection.RejectionReason;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Incident actions on alert messages: acknowledge, silence through Alertmanager, expire. Bodies are
 * read bounded by {@link PayloadReader}; cross-site requests are refused before they get here (see
 * {@code origin.SameOriginInterceptor}).
 */
@RestController
@RequestMapping("/api")
class IncidentController {

  private final IncidentActions actions;
  private final PayloadReader reader;
  private final MeterRegistry registry;

  IncidentController(IncidentActions actions, PayloadReader reader, MeterRegistry registry) {
    this.actions = actions;
    this.reader = reader;
    this.registry = registry;
  }

  /** Which actions this mock-slack offers; the page shows only those. */
  @GetMapping("/actions")
  Map<String, Object> available() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("acknowledge", true);
    body.put("silence", actions.silencesAvailable());
    if (!actions.silencesAvailable()) {
      body.put("reason", "silences need an Alertmanager: MOCKSLACK_ALERTMANAGER_URL is not set");
    }
    return body;
  }

  @PostMapping("/messages/{id}/ack")
  Message acknowledge(@PathVariable String id, HttpServletRequest request) {
    long messageId = parseId(id);
    Ack ack = read(request, Ack.class);
    String by = ActionRequests.required("by", ack.by(), ActionRequests.MAX_NAME);
    Message acked = actions.acknowledge(messageId, by);
    done("ack");
    return acked;
  }

  /** What a silence of this message would match, for the page to show before confirming. */
  @GetMapping("/messages/{id}/silence/matchers")
  Map<String, List<String>> matchers(@PathVariable String id) {
    return Map.of(
        "matchers", actions.matchers(parseId(id)).stream().map(SilenceMatcher::toString).toList());
  }

  @PostMapping("/messages/{id}/silence")
  ResponseEntity<Map<String, Object>> silence(@PathVariable String id, HttpServletRequest request) {
    long messageId = parseId(id);
    SilenceRequest body = read(request, SilenceRequest.class);
    Duration duration = SilenceDuration.parse(body.duration());
    String comment = ActionRequests.required("comment", body.comment(), ActionRequests.MAX_COMMENT);
    String by = ActionRequests.required("by", body.by(), ActionRequests.MAX_NAME);
    Silence silence = actions.silence(messageId, duration, comment, by);
    done("silence");
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("silenceId", silence.id());
    answer.put("matchers", silence.matchers());
    answer.put("endsAt", silence.endsAt());
    return ResponseEntity.status(HttpStatus.CREATED).body(answer);
  }

  @DeleteMapping("/messages/{id}/silence")
  Message expire(@PathVariable String id) {
    Message message = actions.expire(parseId(id));
    done("expire");
    return message;
  }

  private <T> T read(HttpServletRequest request, Class<T> type) {
    reader.requireContentType(request, false);
    return reader.parse(reader.body(request), type);
  }

  private void done(String action) {
    registry.counter("mockslack.incident.actions", "action", action).increment();
  }

  private static long parseId(String id) {
    try {
      long value = Long.parseLong(id);
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new RejectedRequestException(
        RejectionReason.INVALID_PARAMETER,
        "message id must be a positive number (got '" + id + "')");
  }
}
