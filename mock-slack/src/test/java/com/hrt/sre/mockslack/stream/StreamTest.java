package com.hrt.sre.mockslack.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hrt.sre.mockslack.MockSlackClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * {@code GET /api/stream}: pushes new messages and clears, bounds its subscribers, and forgets a
 * client that went away. Clients are raw sockets, so a test can drop one like a closed tab does.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"mockslack.max-stream-subscribers=2", "mockslack.stream-heartbeat=200ms"})
class StreamTest {

  static final Duration BOUND = Duration.ofSeconds(15);

  @LocalServerPort int port;
  @Autowired SseBroadcaster broadcaster;
  MockSlackClient client;
  final List<StreamClient> streams = new ArrayList<>();

  @BeforeEach
  void setUp() {
    client = new MockSlackClient(port);
    client.delete("/api/messages");
  }

  @AfterEach
  void closeStreams() {
    streams.forEach(StreamClient::close);
    await().atMost(BOUND).until(() -> subscribers() == 0);
    await("every stream's writer thread ended")
        .atMost(BOUND)
        .until(() -> broadcaster.liveWriters() == 0);
  }

  double subscribers() {
    return client.metric("mockslack_stream_subscribers");
  }

  StreamClient connect() {
    StreamClient stream = new StreamClient(port);
    streams.add(stream);
    return stream;
  }

  @Test
  void aNewMessageIsPushedAsItArrives() {
    StreamClient stream = connect();
    await().atMost(BOUND).until(() -> subscribers() == 1);

    client.postSlack("{\"text\":\"pushed live\",\"channel\":\"#alerts\"}");

    await()
        .atMost(BOUND)
        .until(() -> stream.sawLine("data:") && stream.text().contains("\"text\":\"pushed live\""));
    assertThat(stream.text()).contains("event:message").contains("\"channel\":\"#alerts\"");
  }

  @Test
  void aClearIsPushedSoOtherPagesEmptyToo() {
    StreamClient stream = connect();
    await().atMost(BOUND).until(() -> subscribers() == 1);

    client.delete("/api/messages?channel=%23alerts");

    await().atMost(BOUND).until(() -> stream.text().contains("event:cleared"));
    assertThat(stream.text()).contains("\"channel\":\"#alerts\"");
  }

  @Test
  void subscribersAreBoundedAndARefusalIsCounted() {
    connect();
    connect();
    await().atMost(BOUND).until(() -> subscribers() == 2);
    double refusedBefore =
        client.metric(
            "mockslack_rejected_requests_total", Map.of("reason", "too_many_subscribers"));

    var third = client.get("/api/stream");

    assertThat(third.statusCode()).isEqualTo(429);
    assertThat(third.body()).contains("\"error\":\"too_many_subscribers\"");
    assertThat(
            client.metric(
                "mockslack_rejected_requests_total", Map.of("reason", "too_many_subscribers")))
        .isEqualTo(refusedBefore + 1);
  }

  @Test
  void aClientThatWentAwayIsForgotten() {
    StreamClient stream = connect();
    await().atMost(BOUND).until(() -> subscribers() == 1);

    stream.close();

    // The heartbeat (200ms here) finds the dead connection without any message being posted.
    await().atMost(BOUND).until(() -> subscribers() == 0);
  }

  /** A minimal SSE client on a raw socket that records every line it receives. */
  static final class StreamClient implements AutoCloseable {
    /** Longer lines (large messages' data) are kept cut to this, so a flood fits in memory. */
    private static final int KEPT_LINE_LENGTH = 10_000;

    private final Socket socket;
    private final StringBuffer seen = new StringBuffer(); // written by the reader thread
    private final AtomicInteger messageEvents = new AtomicInteger();

    StreamClient(int port) {
      try {
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket
            .getOutputStream()
            .write(
                ("GET /api/stream HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Accept: text/event-stream\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Thread reader = new Thread(this::readLines, "sse-test-reader");
      reader.setDaemon(true);
      reader.start();
    }

    private void readLines() {
      try (BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.equals("event:message")) {
            messageEvents.incrementAndGet();
          }
          seen.append(line, 0, Math.min(line.length(), KEPT_LINE_LENGTH)).append('\n');
        }
      } catch (IOException e) {
        // closed by the test
      }
    }

    String text() {
      return seen.toString();
    }

    /** {@code message} events received so far. */
    int messageEvents() {
      return messageEvents.get();
    }

    boolean sawLine(String prefix) {
      return text().lines().anyMatch(l -> l.startsWith(prefix));
    }

    @Override
    public void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // already closed
      }
    }
  }
}
