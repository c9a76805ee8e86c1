package com.hrt.sre.mockslack.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hrt.sre.mockslack.MockSlackClient;
import com.hrt.sre.mockslack.stream.StreamTest.StreamClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A stream client that stops reading must cost only itself: the others keep receiving promptly, it
 * is dropped and counted, and its slot is free again for a new client. Clients are real sockets;
 * the stalled one has a tiny receive buffer and never reads, as a frozen tab or a stuck proxy.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "mockslack.max-stream-subscribers=2",
      "mockslack.stream-heartbeat=200ms",
      "mockslack.stream-queue-capacity=32",
      "mockslack.stream-send-timeout=2s",
      "mockslack.stream-replace-after=3s"
    })
class StreamBackpressureTest {

  static final Duration BOUND = Duration.ofSeconds(30);

  /**
   * 100 messages of 200 KB: 20 MB, far more than the socket buffers (a few MB) plus the queue (32
   * events) of a client not reading; the reading client's queue absorbs its scheduling hiccups.
   */
  static final int POSTS = 100;

  static final String LARGE_TEXT = "y".repeat(200 * 1024);

  @LocalServerPort int port;
  @Autowired SseBroadcaster broadcaster;
  MockSlackClient client;
  final List<AutoCloseable> connections = new ArrayList<>();

  @BeforeEach
  void setUp() {
    client = new MockSlackClient(port);
    client.delete("/api/messages");
  }

  @AfterEach
  void closeConnections() throws Exception {
    for (AutoCloseable connection : connections) {
      connection.close();
    }
    await().atMost(BOUND).until(() -> subscribers() == 0);
    await("every stream's writer thread ended")
        .atMost(BOUND)
        .until(() -> broadcaster.liveWriters() == 0);
  }

  double subscribers() {
    return client.metric("mockslack_stream_subscribers");
  }

  double dropped(String reason) {
    return client.metric("mockslack_stream_subscribers_dropped_total", Map.of("reason", reason));
  }

  @Test
  void aClientThatStopsReadingDoesNotStallTheOthersAndIsDropped() throws Exception {
    StreamClient reader = track(new StreamClient(port));
    Socket stalled = track(stalledClient());
    await().atMost(BOUND).until(() -> subscribers() == 2);
    double droppedBefore = dropped("overflow") + dropped("stalled");

    for (int i = 0; i < POSTS; i++) {
      assertThat(client.postSlack("{\"channel\":\"#big\",\"text\":\"" + LARGE_TEXT + "\"}").body())
          .isEqualTo("ok");
    }

    // Promptly: every message reaches the reading client while the other one is still stuck.
    await("the reading client receives all " + POSTS + " messages")
        .atMost(Duration.ofSeconds(10))
        .until(() -> reader.messageEvents() == POSTS);
    await("the stalled client is dropped")
        .atMost(BOUND)
        .until(() -> dropped("overflow") + dropped("stalled") == droppedBefore + 1);
    assertThat(subscribers()).isEqualTo(1);
    assertThat(stalled.isClosed()).as("the test never closed it").isFalse();

    // Its slot is free: a new client gets a stream, not a 429.
    StreamClient next = track(new StreamClient(port));
    await().atMost(BOUND).until(() -> subscribers() == 2);
    client.postSlack("{\"channel\":\"#big\",\"text\":\"after the drop\"}");
    await().atMost(BOUND).until(() -> next.messageEvents() == 1);
  }

  @Test
  void whenAllSlotsAreHeldTheOldestClientMakesRoomAfterReplaceAfter() {
    StreamClient oldest = track(new StreamClient(port));
    await().atMost(BOUND).until(() -> subscribers() == 1); // so it is the oldest for the server too
    track(new StreamClient(port));
    await().atMost(BOUND).until(() -> subscribers() == 2);
    double replacedBefore = dropped("replaced");

    // Young connections keep their slots: a third client is refused.
    assertThat(client.get("/api/stream").statusCode()).isEqualTo(429);

    // Once the oldest has held its slot for stream-replace-after (3s here), it makes room.
    StreamClient newcomer =
        await("a new client replaces the oldest")
            .atMost(BOUND)
            .pollInterval(Duration.ofMillis(500))
            .until(this::connectIfAccepted, c -> c != null);
    assertThat(dropped("replaced")).isEqualTo(replacedBefore + 1);
    assertThat(subscribers()).isEqualTo(2);
    client.postSlack("{\"channel\":\"#x\",\"text\":\"to the newcomer\"}");
    await().atMost(BOUND).until(() -> newcomer.messageEvents() == 1);
    assertThat(oldest.messageEvents()).as("the replaced client gets nothing more").isZero();
  }

  /** A new stream client if the server accepted it; a refused one (429) is closed, null. */
  private StreamClient connectIfAccepted() {
    StreamClient candidate = new StreamClient(port);
    String status =
        await()
            .atMost(BOUND)
            .until(() -> candidate.text().lines().findFirst().orElse(""), l -> !l.isEmpty());
    if (status.startsWith("HTTP/1.1 200")) {
      return track(candidate);
    }
    candidate.close();
    return null;
  }

  private <T extends AutoCloseable> T track(T connection) {
    connections.add(connection);
    return connection;
  }

  /** Opens a stream and never reads from it: a receive buffer of a few KB fills at once. */
  private Socket stalledClient() throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(4 * 1024);
    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    socket
        .getOutputStream()
        .write(
            ("GET /api/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    socket.getOutputStream().flush();
    return socket;
  }
}
