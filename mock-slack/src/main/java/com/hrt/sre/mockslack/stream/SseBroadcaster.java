package com.hrt.sre.mockslack.stream;

import com.hrt.sre.mockslack.MockSlackProperties;
import com.hrt.sre.mockslack.store.MessageStoredEvent;
import com.hrt.sre.mockslack.store.MessagesClearedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
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
 * <p>Posting threads only put the event on a bounded queue; one fan-out thread writes to the
 * clients. So a slow browser can never slow down ingest: if the queue is full the event is not
 * streamed (counted in {@code mockslack_stream_events_dropped_total}; the page re-reads the list
 * when it reconnects). When idle, the thread sends a comment every heartbeat interval, so dead
 * connections are found and removed. Subscribers are bounded; each connection also ends after the
 * stream timeout, and the browser's EventSource reconnects by itself.
 */
@Component
class SseBroadcaster implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(SseBroadcaster.class);
  private static final int QUEUE_CAPACITY = 10_000;

  private final int maxSubscribers;
  private final Duration timeout;
  private final Duration heartbeat;
  private final Set<SseEmitter> subscribers = ConcurrentHashMap.newKeySet();
  // Events are built once: SseEventBuilder.build() is not repeatable, the built parts are.
  private final BlockingQueue<Set<DataWithMediaType>> queue =
      new ArrayBlockingQueue<>(QUEUE_CAPACITY);
  private final Counter droppedEvents;
  private volatile Thread fanOut;

  SseBroadcaster(MockSlackProperties properties, MeterRegistry registry) {
    this.maxSubscribers = properties.maxStreamSubscribers();
    this.timeout = properties.streamTimeout();
    this.heartbeat = properties.streamHeartbeat();
    this.droppedEvents =
        Counter.builder("mockslack.stream.events.dropped")
            .description("Live-stream events not pushed because the fan-out queue was full")
            .register(registry);
    Gauge.builder("mockslack.stream.subscribers", subscribers, Set::size)
        .description("Connected /api/stream clients")
        .register(registry);
  }

  /** A new stream connection, or empty when {@code maxSubscribers} are already connected. */
  synchronized Optional<SseEmitter> subscribe() {
    if (subscribers.size() >= maxSubscribers) {
      return Optional.empty();
    }
    SseEmitter emitter = new SseEmitter(timeout.toMillis());
    emitter.onCompletion(() -> subscribers.remove(emitter));
    emitter.onTimeout(() -> subscribers.remove(emitter));
    emitter.onError(error -> subscribers.remove(emitter));
    try {
      // Sends the headers now, so the client's EventSource reports "open" at once.
      emitter.send(SseEmitter.event().comment("connected").reconnectTime(2_000));
    } catch (IOException e) {
      return Optional.of(emitter);
    }
    subscribers.add(emitter);
    log.info("event=stream_subscribed subscribers={}", subscribers.size());
    return Optional.of(emitter);
  }

  @EventListener
  void onStored(MessageStoredEvent event) {
    enqueue(
        SseEmitter.event()
            .id(Long.toString(event.message().id()))
            .name("message")
            .data(event.message(), MediaType.APPLICATION_JSON));
  }

  @EventListener
  void onCleared(MessagesClearedEvent event) {
    enqueue(
        SseEmitter.event()
            .name("cleared")
            .data(
                Map.of("channel", event.channel().orElse("*"), "deleted", event.deleted()),
                MediaType.APPLICATION_JSON));
  }

  int subscriberCount() {
    return subscribers.size();
  }

  private void enqueue(SseEmitter.SseEventBuilder event) {
    if (subscribers.isEmpty()) {
      return; // nobody listens: nothing to push, nothing lost
    }
    if (!queue.offer(event.build())) {
      droppedEvents.increment();
    }
  }

  private void fanOutLoop() {
    while (!Thread.currentThread().isInterrupted()) {
      Set<DataWithMediaType> event;
      try {
        event = queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      sendToAll(event != null ? event : SseEmitter.event().comment("heartbeat").build());
    }
  }

  private void sendToAll(Set<DataWithMediaType> event) {
    for (SseEmitter emitter : subscribers) {
      try {
        emitter.send(event);
      } catch (IOException | IllegalStateException e) {
        // The client went away (or the connection already ended): forget it.
        subscribers.remove(emitter);
        emitter.completeWithError(e);
        log.info("event=stream_unsubscribed reason=send_failed subscribers={}", subscribers.size());
      }
    }
  }

  @Override
  public void start() {
    Thread thread = new Thread(this::fanOutLoop, "sse-fan-out");
    thread.setDaemon(true);
    thread.start();
    fanOut = thread;
  }

  /** Ends every stream before the web server's graceful shutdown waits for open requests. */
  @Override
  public void stop() {
    Thread thread = fanOut;
    fanOut = null;
    if (thread != null) {
      thread.interrupt();
    }
    subscribers.forEach(SseEmitter::complete);
    subscribers.clear();
  }

  @Override
  public boolean isRunning() {
    return fanOut != null;
  }
}
