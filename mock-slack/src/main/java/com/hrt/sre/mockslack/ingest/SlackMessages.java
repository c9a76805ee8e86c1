package com.hrt.sre.mockslack.ingest;

import com.hrt.sre.mockslack.message.AlertStatus;
import com.hrt.sre.mockslack.message.Attachment;
import com.hrt.sre.mockslack.message.Block;
import com.hrt.sre.mockslack.message.Message;
import com.hrt.sre.mockslack.message.Source;
import com.hrt.sre.mockslack.rejection.RejectedRequestException;
import com.hrt.sre.mockslack.rejection.RejectionReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Turns a Slack webhook payload into a {@link Message}, deriving the alert summary the way a reader
 * would: Alertmanager's titles start with {@code [FIRING:n] AlertName} or {@code [RESOLVED]
 * AlertName} (its default {@code slack.default.title}), the colour says danger/warning/good, and a
 * field titled {@code severity} names the severity.
 */
final class SlackMessages {

  private static final Pattern ALERT_TITLE =
      Pattern.compile(
          "^\\s*\\[(FIRING|RESOLVED)(?::(\\d{1,9}))?]\\s*([A-Za-z_:][A-Za-z0-9_:]*)?",
          Pattern.CASE_INSENSITIVE);
  private static final int MAX_BLOCK_DEPTH = 8;

  private SlackMessages() {}

  static Message toMessage(SlackPayload payload, String defaultChannel) {
    List<Attachment> attachments =
        payload.attachments().stream()
            .filter(Objects::nonNull)
            .map(SlackMessages::toAttachment)
            .toList();
    List<Block> blocks =
        payload.blocks().stream().map(SlackMessages::toBlock).flatMap(Optional::stream).toList();
    if (isBlank(payload.text()) && attachments.isEmpty() && blocks.isEmpty()) {
      throw new RejectedRequestException(
          RejectionReason.MISSING_FIELD,
          "a message needs 'text', 'attachments' or 'blocks' (Slack: no_text)");
    }
    String channel = Channels.normalize(payload.channel(), defaultChannel, "channel");
    Summary summary = summarize(payload.text(), attachments);
    return new Message(
        0,
        null,
        channel,
        Source.SLACK,
        summary.status,
        summary.alertname,
        severityOf(attachments),
        colorOf(attachments, summary.status),
        summary.count,
        payload.username(),
        payload.iconEmoji(),
        payload.iconUrl(),
        payload.text(),
        attachments,
        blocks,
        null);
  }

  private record Summary(AlertStatus status, String alertname, int count) {}

  private static Summary summarize(String text, List<Attachment> attachments) {
    List<String> candidates = new ArrayList<>();
    attachments.forEach(a -> candidates.add(a.title()));
    attachments.forEach(a -> candidates.add(a.fallback()));
    candidates.add(text);
    for (String candidate : candidates) {
      if (candidate == null) {
        continue;
      }
      Matcher title = ALERT_TITLE.matcher(candidate);
      if (title.find()) {
        AlertStatus status =
            title.group(1).equalsIgnoreCase("FIRING") ? AlertStatus.FIRING : AlertStatus.RESOLVED;
        int count = title.group(2) == null ? 0 : Integer.parseInt(title.group(2));
        return new Summary(status, title.group(3), count);
      }
    }
    AlertStatus byColor =
        attachments.stream()
            .map(Attachment::color)
            .map(SlackMessages::statusOfColor)
            .flatMap(Optional::stream)
            .findFirst()
            .orElse(AlertStatus.INFO);
    return new Summary(byColor, null, 0);
  }

  private static Optional<AlertStatus> statusOfColor(String color) {
    if (color == null) {
      return Optional.empty();
    }
    return switch (color.toLowerCase(Locale.ROOT)) {
      case "danger", "warning" -> Optional.of(AlertStatus.FIRING);
      case "good" -> Optional.of(AlertStatus.RESOLVED);
      default -> Optional.empty();
    };
  }

  private static String severityOf(List<Attachment> attachments) {
    return attachments.stream()
        .flatMap(a -> a.fields().stream())
        .filter(f -> "severity".equalsIgnoreCase(strip(f.title())) && !isBlank(f.value()))
        .map(f -> f.value().strip())
        .findFirst()
        .orElse(null);
  }

  private static String colorOf(List<Attachment> attachments, AlertStatus status) {
    return attachments.stream()
        .map(Attachment::color)
        .filter(c -> !isBlank(c))
        .findFirst()
        .orElse(
            switch (status) {
              case FIRING -> "danger";
              case RESOLVED -> "good";
              case INFO -> null;
            });
  }

  private static Attachment toAttachment(SlackPayload.SlackAttachment a) {
    List<Attachment.Field> fields =
        a.fields() == null
            ? List.of()
            : a.fields().stream()
                .filter(Objects::nonNull)
                .map(
                    f ->
                        new Attachment.Field(
                            f.title(), f.value(), Boolean.TRUE.equals(f.isShort())))
                .toList();
    return new Attachment(
        a.title(),
        a.titleLink(),
        a.pretext(),
        a.text(),
        a.fallback(),
        a.color(),
        a.footer(),
        fields,
        a.mrkdwnIn() == null ? List.of() : a.mrkdwnIn().stream().filter(Objects::nonNull).toList());
  }

  /** The readable text of a Block Kit block: every {@code text} string in it, in order. */
  private static Optional<Block> toBlock(JsonNode block) {
    if (block == null || !block.isObject()) {
      return Optional.empty();
    }
    List<String> texts = new ArrayList<>();
    collectTexts(block, texts, 0);
    if (texts.isEmpty()) {
      return Optional.empty();
    }
    String type = block.path("type").asString("section");
    return Optional.of(new Block(type, String.join("\n", texts)));
  }

  private static void collectTexts(JsonNode node, List<String> texts, int depth) {
    if (depth > MAX_BLOCK_DEPTH) {
      return;
    }
    if (node.isObject()) {
      JsonNode text = node.get("text");
      if (text != null && text.isString() && !text.asString().isBlank()) {
        texts.add(text.asString());
      }
      for (var entry : node.properties()) {
        if (!entry.getKey().equals("text") || !entry.getValue().isString()) {
          collectTexts(entry.getValue(), texts, depth + 1);
        }
      }
    } else if (node.isArray()) {
      for (JsonNode child : node) {
        collectTexts(child, texts, depth + 1);
      }
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static String strip(String value) {
    return value == null ? "" : value.strip();
  }
}
