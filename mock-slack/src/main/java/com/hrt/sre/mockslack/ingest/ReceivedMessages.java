package com.hrt.sre.mockslack.ingest;

import com.hrt.sre.mockslack.message.Message;
import com.hrt.sre.mockslack.store.MessageStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Stores an accepted message and counts it in {@code
 * mockslack_messages_received_total{channel,source}}.
 *
 * <p>Channel names come from callers, so the label could grow without bound; after {@value
 * #MAX_SERIES} channel/source series, new channels are counted under {@code channel="other"}.
 */
@Component
class ReceivedMessages {

  static final int MAX_SERIES = 400;
  private static final String OTHER_CHANNEL = "other";
  private static final Logger log = LoggerFactory.getLogger(ReceivedMessages.class);

  private final MessageStore store;
  private final MeterRegistry registry;
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  ReceivedMessages(MessageStore store, MeterRegistry registry) {
    this.store = store;
    this.registry = registry;
  }

  Message accept(Message draft) {
    Message stored = store.add(draft);
    counterFor(stored).increment();
    // Per-message lines would dominate the cost of a flood: debug level (docs/mock-slack.md).
    log.debug(
        "event=message_received id={} channel={} source={} status={} alertname={}",
        stored.id(),
        stored.channel(),
        stored.source().label(),
        stored.status().label(),
        stored.alertname());
    return stored;
  }

  private Counter counterFor(Message message) {
    String source = message.source().label();
    Counter existing = counters.get(key(message.channel(), source));
    if (existing != null) {
      return existing;
    }
    String channelLabel = counters.size() < MAX_SERIES ? message.channel() : OTHER_CHANNEL;
    return counters.computeIfAbsent(
        key(channelLabel, source),
        k ->
            Counter.builder("mockslack.messages.received")
                .description("Messages accepted, by channel and source API (slack or webhook)")
                .tag("channel", channelLabel)
                .tag("source", source)
                .register(registry));
  }

  private static String key(String channel, String source) {
    return channel + '\n' + source;
  }
}
