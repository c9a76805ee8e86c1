package com.hrt.sre.mockslack.ingest;

import com.hrt.sre.mockslack.MockSlackProperties;
import com.hrt.sre.mockslack.message.Message;
import com.hrt.sre.mockslack.rejection.RejectedRequestException;
import com.hrt.sre.mockslack.rejection.RejectionReason;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Slack's incoming-webhook API: {@code POST /services/{team}/{channel-id}/{token}}, any ids.
 *
 * <p>The path's ids are not checked: any webhook URL works, as each Slack webhook's would.
 *
 * <p>Answers like Slack: 200 with the plain-text body {@code ok}. Alertmanager's Slack notifier
 * counts anything else as a failed delivery. Accepts a JSON body, or a form with a {@code payload}
 * field (the other way Slack takes messages); a form body that is itself JSON is taken as JSON, as
 * Slack does for {@code curl -d '{...}'}.
 */
@RestController
class SlackWebhookController {

  private static final MediaType TEXT_PLAIN_UTF8 =
      new MediaType("text", "plain", StandardCharsets.UTF_8);
  private static final String FORM_FIELD = "payload=";

  private final PayloadReader reader;
  private final ReceivedMessages received;
  private final String defaultChannel;

  SlackWebhookController(
      PayloadReader reader, ReceivedMessages received, MockSlackProperties properties) {
    this.reader = reader;
    this.received = received;
    this.defaultChannel = properties.defaultChannel();
  }

  @PostMapping("/services/{team}/{channelId}/{token}")
  ResponseEntity<String> post(HttpServletRequest request) {
    MediaType type = reader.requireContentType(request, true);
    byte[] body = reader.body(request);
    if (MediaType.APPLICATION_FORM_URLENCODED.includes(type)) {
      body = jsonOfForm(body);
    }
    SlackPayload payload = reader.parse(body, SlackPayload.class);
    Message draft = SlackMessages.toMessage(payload, defaultChannel);
    received.accept(draft);
    return ResponseEntity.ok().contentType(TEXT_PLAIN_UTF8).body("ok");
  }

  /**
   * The JSON of a form body {@code payload=<url-encoded JSON>}, or the body if it is JSON already.
   */
  private static byte[] jsonOfForm(byte[] body) {
    String form = new String(body, StandardCharsets.UTF_8).strip();
    if (form.startsWith("{")) {
      return body;
    }
    for (String pair : form.split("&")) {
      if (pair.startsWith(FORM_FIELD)) {
        try {
          return URLDecoder.decode(pair.substring(FORM_FIELD.length()), StandardCharsets.UTF_8)
              .getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          throw new RejectedRequestException(
              RejectionReason.MALFORMED_JSON, "form field 'payload' is not URL-encoded");
        }
      }
    }
    throw new RejectedRequestException(
        RejectionReason.MISSING_FIELD, "a form body needs a 'payload' field holding the JSON");
  }
}
