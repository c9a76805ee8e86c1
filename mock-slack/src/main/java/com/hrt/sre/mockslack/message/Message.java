package com.hrt.sre.mockslack.message;

import java.time.Instant;
import java.util.List;

/**
 * A message as a channel shows it, from either API. The summary fields ({@code status}, {@code
 * alertname}, {@code severity}, {@code color}, {@code alertCount}) are derived when it arrives, so
 * readers and filters need not parse Slack titles or label sets again.
 *
 * @param id arrival sequence number given by the store; 0 until stored
 * @param receivedAt arrival time given by the store (never decreasing); null until stored
 * @param alertname the alert name all alerts share, or null (plain messages, mixed groups)
 * @param alertCount alerts in the notification ({@code [FIRING:n]} or the webhook's list)
 * @param group the webhook notification's grouping and alerts; null for Slack-format messages
 * @param acknowledgedBy who acknowledged the alert from mock-slack; null until then
 * @param acknowledgedAt when it was acknowledged; null until then
 * @param silence the active Alertmanager silence that matches the alert, or null
 */
public record Message(
    long id,
    Instant receivedAt,
    String channel,
    Source source,
    AlertStatus status,
    String alertname,
    String severity,
    String color,
    int alertCount,
    String username,
    String iconEmoji,
    String iconUrl,
    String text,
    List<Attachment> attachments,
    List<Block> blocks,
    AlertGroup group,
    String acknowledgedBy,
    Instant acknowledgedAt,
    Silence silence) {

  public Message {
    attachments = attachments == null ? List.of() : List.copyOf(attachments);
    blocks = blocks == null ? List.of() : List.copyOf(blocks);
  }

  /** A message as it arrives: not acknowledged, no silence known yet. */
  public Message(
      long id,
      Instant receivedAt,
      String channel,
      Source source,
      AlertStatus status,
      String alertname,
      String severity,
      String color,
      int alertCount,
      String username,
      String iconEmoji,
      String iconUrl,
      String text,
      List<Attachment> attachments,
      List<Block> blocks,
      AlertGroup group) {
    this(
        id,
        receivedAt,
        channel,
        source,
        status,
        alertname,
        severity,
        color,
        alertCount,
        username,
        iconEmoji,
        iconUrl,
        text,
        attachments,
        blocks,
        group,
        null,
        null,
        null);
  }

  /** This message acknowledged by {@code by} at {@code at}. */
  public Message withAcknowledgement(String by, Instant at) {
    return copy(id, receivedAt, by, at, silence);
  }

  /** This message with {@code newSilence} (null: no silence matches any more). */
  public Message withSilence(Silence newSilence) {
    return copy(id, receivedAt, acknowledgedBy, acknowledgedAt, newSilence);
  }

  /** This message with the sequence number and arrival time the store gave it. */
  public Message withArrival(long newId, Instant arrivedAt) {
    return copy(newId, arrivedAt, acknowledgedBy, acknowledgedAt, silence);
  }

  private Message copy(long newId, Instant arrivedAt, String by, Instant at, Silence newSilence) {
    return new Message(
        newId,
        arrivedAt,
        channel,
        source,
        status,
        alertname,
        severity,
        color,
        alertCount,
        username,
        iconEmoji,
        iconUrl,
        text,
        attachments,
        blocks,
        group,
        by,
        at,
        newSilence);
  }
}
