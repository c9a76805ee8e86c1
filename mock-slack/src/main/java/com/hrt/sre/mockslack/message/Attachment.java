package com.hrt.sre.mockslack.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One Slack attachment as received: the part Alertmanager's Slack notifier fills in. */
public record Attachment(
    String title,
    String titleLink,
    String pretext,
    String text,
    String fallback,
    String color,
    String footer,
    List<Field> fields,
    List<String> mrkdwnIn) {

  public Attachment {
    fields = fields == null ? List.of() : List.copyOf(fields);
    mrkdwnIn = mrkdwnIn == null ? List.of() : List.copyOf(mrkdwnIn);
  }

  /** A title/value pair shown in columns ({@code short}) or on its own line. */
  public record Field(String title, String value, @JsonProperty("short") boolean isShort) {}
}
