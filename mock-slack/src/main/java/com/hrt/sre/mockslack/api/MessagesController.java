package com.hrt.sre.mockslack.api;

import com.hrt.sre.mockslack.MockSlackProperties;
import com.hrt.sre.mockslack.message.AlertStatus;
import com.hrt.sre.mockslack.message.Message;
import com.hrt.sre.mockslack.rejection.RejectedRequestException;
import com.hrt.sre.mockslack.rejection.RejectionReason;
import com.hrt.sre.mockslack.store.ChannelSummary;
import com.hrt.sre.mockslack.store.MessageQuery;
import com.hrt.sre.mockslack.store.MessageStore;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reading and clearing the history: the web page and tests use these. */
@RestController
@RequestMapping("/api")
class MessagesController {

  static final int DEFAULT_LIMIT = 100;
  private static final Logger log = LoggerFactory.getLogger(MessagesController.class);

  private final MessageStore store;
  private final int maxLimit;

  MessagesController(MessageStore store, MockSlackProperties properties) {
    this.store = store;
    this.maxLimit = properties.maxQueryLimit();
  }

  /** Every channel with messages: name, message count, time of the last message. */
  @GetMapping("/channels")
  List<ChannelSummary> channels() {
    return store.channels();
  }

  /**
   * Messages, newest first. {@code channel} as shown (e.g. {@code #alerts}), {@code status} one of
   * firing, resolved, info; {@code since} an ISO-8601 instant (exclusive); {@code limit} 1..max.
   */
  @GetMapping("/messages")
  Map<String, Object> messages(
      @RequestParam(required = false) String channel,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String since,
      @RequestParam(required = false) String limit) {
    MessageQuery query =
        new MessageQuery(
            Optional.ofNullable(channel).filter(c -> !c.isBlank()).map(String::strip),
            parseStatus(status),
            parseSince(since),
            parseLimit(limit));
    List<Message> found = store.find(query);
    return Map.of("messages", found, "count", found.size(), "capacity", store.capacity());
  }

  /** Clears the history of one channel, or of all; answers how many messages went. */
  @DeleteMapping("/messages")
  Map<String, Object> clear(@RequestParam(required = false) String channel) {
    Optional<String> target =
        Optional.ofNullable(channel).filter(c -> !c.isBlank()).map(String::strip);
    int deleted = store.clear(target);
    log.info("event=messages_cleared channel={} deleted={}", target.orElse("*"), deleted);
    return Map.of("deleted", deleted, "channel", target.orElse("*"));
  }

  private static Optional<AlertStatus> parseStatus(String status) {
    if (status == null || status.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(
        AlertStatus.parse(status)
            .orElseThrow(
                () -> invalid("status must be firing, resolved or info (got '" + status + "')")));
  }

  private static Optional<Instant> parseSince(String since) {
    if (since == null || since.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(since.strip()));
    } catch (DateTimeParseException e) {
      throw invalid(
          "since must be an ISO-8601 instant such as 2026-11-28T15:00:00Z (got '" + since + "')");
    }
  }

  private int parseLimit(String limit) {
    if (limit == null || limit.isBlank()) {
      return Math.min(DEFAULT_LIMIT, maxLimit);
    }
    try {
      int value = Integer.parseInt(limit.strip());
      if (value >= 1 && value <= maxLimit) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below, like an out-of-range number
    }
    throw invalid("limit must be a whole number from 1 to " + maxLimit + " (got '" + limit + "')");
  }

  private static RejectedRequestException invalid(String detail) {
    return new RejectedRequestException(RejectionReason.INVALID_PARAMETER, detail);
  }
}
