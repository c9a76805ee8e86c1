package com.hrt.sre.mockslack.ingest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The JSON a Slack incoming webhook accepts, as far as a reader sees it (Alertmanager's
 * slack_configs fills in channel, username, icon and attachments). Unknown fields are ignored, as
 * Slack does.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record SlackPayload(
    String channel,
    String username,
    @JsonProperty("icon_emoji") String iconEmoji,
    @JsonProperty("icon_url") String iconUrl,
    String text,
    List<SlackAttachment> attachments,
    List<JsonNode> blocks) {

  SlackPayload {
    attachments = attachments == null ? List.of() : attachments;
    blocks = blocks == null ? List.of() : blocks;
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record SlackAttachment(
      String title,
      @JsonProperty("title_link") String titleLink,
      String pretext,
      String text,
      String fallback,
      String color,
      String footer,
      List<SlackField> fields,
      @JsonProperty("mrkdwn_in") List<String> mrkdwnIn) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record SlackField(String title, String value, @JsonProperty("short") Boolean isShort) {}
}
