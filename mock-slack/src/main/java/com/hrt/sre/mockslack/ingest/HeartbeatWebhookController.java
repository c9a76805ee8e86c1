package com.hrt.sre.mockslack.ingest;

import com.hrt.sre.mockslack.message.AlertStatus;
import com.hrt.sre.mockslack.message.Message;
import com.hrt.sre.mockslack.pipeline.PipelineMonitor;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/pipeline/heartbeat}: Alertmanager's webhook for the heartbeat route (the
 * always-firing Watchdog). The body is read and validated like any webhook notification; a firing
 * one is a heartbeat. Nothing is stored in a channel: the heartbeat would only be noise there.
 */
@RestController
class HeartbeatWebhookController {

  private final PayloadReader reader;
  private final PipelineMonitor monitor;

  HeartbeatWebhookController(PayloadReader reader, PipelineMonitor monitor) {
    this.reader = reader;
    this.monitor = monitor;
  }

  @PostMapping("/api/pipeline/heartbeat")
  Map<String, Object> post(HttpServletRequest request) {
    reader.requireContentType(request, false);
    AlertmanagerPayload payload = reader.parse(reader.body(request), AlertmanagerPayload.class);
    Message notification = AlertmanagerMessages.toMessage(payload, "#heartbeat");
    boolean firing = notification.status() == AlertStatus.FIRING;
    if (firing) {
      monitor.heartbeat();
    }
    return Map.of("ok", true, "heartbeat", firing, "status", monitor.status().status());
  }
}
