package com.hrt.sre.mockslack.stream;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.BiConsumer;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter.DataWithMediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One {@code /api/stream} connection: a bounded queue of events and its own writer thread.
 *
 * <p>A write to a client that stopped reading blocks once the socket buffers are full (until the
 * container's write timeout). With a writer per connection, that blocks this connection only;
 * events for it pile up in its queue, and a full queue gets it dropped by the broadcaster. Only the
 * writer thread touches the emitter after the first send, so a drop never waits on a blocked write:
 * the writer completes the emitter when its current write returns.
 */
final class StreamSubscriber {

  private static final Set<DataWithMediaType> STOP = Set.of();

  private final SseEmitter emitter;
  private final BlockingQueue<Set<DataWithMediaType>> queue;
  private final long connectedAtNanos = System.nanoTime();
  private final BiConsumer<StreamSubscriber, Exception> onSendFailed;
  // 0 while the writer is not inside a send; read by the broadcaster's stall check.
  private volatile long sendStartedNanos;
  private volatile boolean closed;

  StreamSubscriber(
      SseEmitter emitter, int queueCapacity, BiConsumer<StreamSubscriber, Exception> onSendFailed) {
    this.emitter = emitter;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.onSendFailed = onSendFailed;
  }

  /** Starts the writer thread; {@code onExit} runs when it ends. */
  void startWriter(String name, Runnable onExit) {
    Thread writer =
        new Thread(
            () -> {
              try {
                writeLoop();
              } finally {
                onExit.run();
              }
            },
            name);
    writer.setDaemon(true);
    writer.start();
  }

  /** Queues {@code event}; false when the queue is full (the client is not keeping up). */
  boolean offer(Set<DataWithMediaType> event) {
    return !closed && queue.offer(event);
  }

  boolean hasQueuedEvents() {
    return !queue.isEmpty();
  }

  /** How long the writer has been inside one send, zero when it is not sending. */
  Duration sendingFor() {
    long started = sendStartedNanos;
    return started == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - started);
  }

  Duration connectedFor() {
    return Duration.ofNanos(System.nanoTime() - connectedAtNanos);
  }

  long connectedAtNanos() {
    return connectedAtNanos;
  }

  /** Ends the stream: the writer completes the emitter once its current send (if any) returns. */
  void close() {
    closed = true;
    queue.clear();
    queue.offer(STOP);
  }

  private void writeLoop() {
    try {
      while (true) {
        Set<DataWithMediaType> event = queue.take();
        if (closed || event == STOP) {
          break;
        }
        sendStartedNanos = System.nanoTime();
        try {
          emitter.send(event);
        } finally {
          sendStartedNanos = 0;
        }
      }
      emitter.complete();
    } catch (IOException | IllegalStateException e) {
      // The client went away, or the stream already ended (timeout, shutdown).
      closed = true;
      onSendFailed.accept(this, e);
      completeQuietly(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Ends the emitter after a failed send. When the client went away, the container may already have
   * ended the async request (sooner on virtual threads, where its error handling runs at once):
   * Spring then refuses with "AsyncContext not yet initialized", and there is nothing left to end.
   * Thrown here, it would escape the writer thread uncaught.
   */
  private void completeQuietly(Exception cause) {
    try {
      emitter.completeWithError(cause);
    } catch (IllegalStateException alreadyEnded) {
      // The request is over already.
    }
  }
}
