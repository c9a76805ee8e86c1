package com.hrt.sre.mockslack.ingest;

import com.hrt.sre.mockslack.MockSlackProperties;
import com.hrt.sre.mockslack.message.Message;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Alertmanager's webhook API ({@code webhook_configs}): {@code POST /api/alertmanager}.
 *
 * <p>The channel is {@code ?channel=} when given, else one named after the receiver (receiver
 * {@code team-pager} lands in {@code #team-pager}), so different receivers stay apart.
 */
@RestController
class AlertmanagerWebhookController {

  private final PayloadReader reader;
  private final ReceivedMessages received;
  private final String defaultChannel;

  AlertmanagerWebhookController(
      PayloadReader reader, ReceivedMessages received, MockSlackProperties properties) {
    this.reader = reader;
    this.received = received;
    this.defaultChannel = properties.defaultChannel();
  }

  @PostMapping("/api/alertmanager")
  Map<String, Object> post(
      @RequestParam(name = "channel", required = false) String channel,
      HttpServletRequest request) {
    reader.requireContentType(request, false);
    String requested =
        channel == null
            ? null
            : Channels.normalize(channel, defaultChannel, "query parameter channel");
    AlertmanagerPayload payload = reader.parse(reader.body(request), AlertmanagerPayload.class);
    String target =
        requested != null ? requested : Channels.fromReceiver(payload.receiver(), defaultChannel);
    Message stored = received.accept(AlertmanagerMessages.toMessage(payload, target));
    return Map.of("ok", true, "id", stored.id(), "channel", stored.channel());
  }
}
