package com.hrt.sre.mockslack.stream;

import com.hrt.sre.mockslack.MockSlackProperties;
import com.hrt.sre.mockslack.store.MessageStoredEvent;
import com.hrt.sre.mockslack.store.MessagesClearedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes each stored message (and each clear) to the connected {@code /api/stream} clients.
 *
 * <p>Every client has its own bounded queue and writer thread ({@link StreamSubscriber}); posting
 * threads only offer the event to each queue, so neither ingest nor the other clients ever wait on
 * a slow one. A client is dropped, and counted in {@code
 * mockslack_stream_subscribers_dropped_total{reason}}, when its queue overflows ({@code overflow}),
 * when one write has been blocked longer than the send timeout ({@code stalled}), when a write
 * fails ({@code send_failed}), or when it is the oldest of a full house and a new client arrives
 * ({@code replaced}). Dropping frees its slot at once; browsers reconnect by themselves and re-read
 * the lists. A ticker offers a heartbeat comment to idle clients every heartbeat interval, so a
 * vanished client's write fails and it is removed.
 */
@Component
class SseBroadcaster implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SseBroadcaster.class);

  /** Why a subscriber was dropped: the {@code reason} label. */
  enum DropReason {
    OVERFLOW,
    STALLED,
    SEND_FAILED,
    REPLACED;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final int maxSubscribers;
  private final int queueCapacity;
  private final Duration timeout;
  private final Duration heartbeat;
  private final Duration sendTimeout;
  private final Duration replaceAfter;
  private final Set<StreamSubscriber> subscribers = ConcurrentHashMap.newKeySet();
  private final Map<DropReason, Counter> dropped = new EnumMap<>(DropReason.class);
  private final AtomicLong writerNumber = new AtomicLong();
  private final AtomicInteger liveWriters = new AtomicInteger();
  private volatile ScheduledExecutorService ticker;

  SseBroadcaster(MockSlackProperties properties, MeterRegistry registry) {
    this.maxSubscribers = properties.maxStreamSubscribers();
    this.queueCapacity = properties.streamQueueCapacity();
    this.timeout = properties.streamTimeout();
    this.heartbeat = properties.streamHeartbeat();
    this.sendTimeout = properties.streamSendTimeout();
    this.replaceAfter = properties.streamReplaceAfter();
    for (DropReason reason : DropReason.values()) {
      dropped.put(
          reason,
          Counter.builder("mockslack.stream.subscribers.dropped")
              .description("Live-stream clients dropped by the server, by reason")
              .tag("reason", reason.label())
              .register(registry));
    }
    Gauge.builder("mockslack.stream.subscribers", subscribers, Set::size)
        .description("Connected /api/stream clients")
        .register(registry);
  }

  /**
   * A new stream connection. When all slots are taken, the longest-connected client makes room if
   * it has been connected for {@code replaceAfter} (a tab left open, or a client that stopped
   * reading without the server noticing yet); otherwise the answer is empty (a 429).
   */
  synchronized Optional<SseEmitter> subscribe() {
    if (subscribers.size() >= maxSubscribers) {
      Optional<StreamSubscriber> oldest =
          subscribers.stream()
              .min(Comparator.comparingLong(StreamSubscriber::connectedAtNanos))
              .filter(s -> s.connectedFor().compareTo(replaceAfter) >= 0);
      if (oldest.isEmpty()) {
        return Optional.empty();
      }
      drop(oldest.get(), DropReason.REPLACED);
    }
    SseEmitter emitter = new SseEmitter(timeout.toMillis());
    StreamSubscriber subscriber = new StreamSubscriber(emitter, queueCapacity, this::sendFailed);
    emitter.onCompletion(() -> forget(subscriber));
    emitter.onTimeout(() -> forget(subscriber));
    emitter.onError(error -> forget(subscriber));
    try {
      // Sends the headers now, so the client's EventSource reports "open" at once.
      emitter.send(SseEmitter.event().comment("connected").reconnectTime(2_000));
    } catch (IOException e) {
      return Optional.of(emitter);
    }
    subscribers.add(subscriber);
    liveWriters.incrementAndGet();
    subscriber.startWriter(
        "sse-writer-" + writerNumber.incrementAndGet(), liveWriters::decrementAndGet);
    log.info("event=stream_subscribed subscribers={}", subscribers.size());
    return Optional.of(emitter);
  }

  @EventListener
  void onStored(MessageStoredEvent event) {
    publish(
        SseEmitter.event()
            .id(Long.toString(event.message().id()))
            .name("message")
            .data(event.message(), MediaType.APPLICATION_JSON));
  }

  @EventListener
  void onCleared(MessagesClearedEvent event) {
    publish(
        SseEmitter.event()
            .name("cleared")
            .data(
                Map.of("channel", event.channel().orElse("*"), "deleted", event.deleted()),
                MediaType.APPLICATION_JSON));
  }

  int subscriberCount() {
    return subscribers.size();
  }

  /** Writer threads still running, dropped clients' included (a blocked write ends later). */
  int liveWriters() {
    return liveWriters.get();
  }

  private void publish(SseEmitter.SseEventBuilder builder) {
    if (subscribers.isEmpty()) {
      return; // nobody listens: nothing to push, nothing lost
    }
    // Built once: SseEventBuilder.build() is not repeatable, the built parts are.
    Set<DataWithMediaType> event = builder.build();
    for (StreamSubscriber subscriber : subscribers) {
      if (!subscriber.offer(event)) {
        drop(subscriber, DropReason.OVERFLOW);
      }
    }
  }

  /** Every heartbeat: drop stalled clients, and give idle ones a comment to write. */
  private void tick() {
    Set<DataWithMediaType> comment = SseEmitter.event().comment("heartbeat").build();
    for (StreamSubscriber subscriber : subscribers) {
      if (subscriber.sendingFor().compareTo(sendTimeout) > 0) {
        drop(subscriber, DropReason.STALLED);
      } else if (!subscriber.hasQueuedEvents() && !subscriber.offer(comment)) {
        drop(subscriber, DropReason.OVERFLOW);
      }
    }
  }

  private void drop(StreamSubscriber subscriber, DropReason reason) {
    if (subscribers.remove(subscriber)) {
      subscriber.close();
      dropped.get(reason).increment();
      log.info(
          "event=stream_unsubscribed reason={} subscribers={}", reason.label(), subscribers.size());
    }
  }

  private void sendFailed(StreamSubscriber subscriber, Exception e) {
    drop(subscriber, DropReason.SEND_FAILED);
  }

  /**
   * The stream ended (timeout, network error, completion): nothing to count, but its writer thread
   * must end too.
   */
  private void forget(StreamSubscriber subscriber) {
    if (subscribers.remove(subscriber)) {
      subscriber.close();
    }
  }

  @Override
  public void start() {
    ScheduledExecutorService executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "sse-ticker");
              thread.setDaemon(true);
              return thread;
            });
    long period = heartbeat.toMillis();
    executor.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.MILLISECONDS);
    ticker = executor;
  }

  /** Ends every stream before the web server's graceful shutdown waits for open requests. */
  @Override
  public void stop() {
    ScheduledExecutorService executor = ticker;
    ticker = null;
    if (executor != null) {
      executor.shutdownNow();
    }
    subscribers.forEach(StreamSubscriber::close);
    subscribers.clear();
  }

  @Override
  public boolean isRunning() {
    return ticker != null;
  }
}
