package com.hrt.sre.mockslack.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.mockslack.MockSlackClient;
import com.hrt.sre.mockslack.message.Message;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;

/**
 * Floods of real Alertmanager Slack posts (the captured custom-template payload): the store holds
 * exactly its cap, the dropped counter counts exactly the excess, the heap stays bounded, and over
 * HTTP every post is still answered {@code ok}.
 *
 * <p>The 50,000-post flood goes through the same path a request takes after parsing (payload to
 * message, store, received counter) from 8 threads, so it runs in a second or two; the HTTP flood
 * is smaller because the JDK client, not the service, is its bottleneck (bench/mock-slack.sh
 * measures HTTP throughput with wrk).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FloodTest {

  static final int CAP = 5_000; // the default of mockslack.max-messages
  static final int THREADS = 8;

  /**
   * Retained-heap growth allowed after the flood. Measured: 5,000 of these messages retain ~9 MiB;
   * with the cap raised to keep all 50,000 the growth was ~86 MiB, so an unbounded store fails.
   */
  static final long HEAP_GROWTH_BOUND = 32L * 1024 * 1024;

  static final String PAYLOAD = MockSlackClient.fixture("slack-custom-firing");

  @LocalServerPort int port;
  @Autowired ReceivedMessages received;
  MockSlackClient client;

  @BeforeEach
  void emptyStore() {
    client = new MockSlackClient(port);
    client.delete("/api/messages");
  }

  @Test
  void fiftyThousandPostsKeepTheCapCountTheExcessAndBoundTheHeap() throws Exception {
    int posts = 50_000;
    double droppedBefore = client.metric("mockslack_messages_dropped_total");
    long heapBefore = usedHeapAfterGc();
    JsonMapper json = JsonMapper.builder().build();

    runConcurrently(
        posts,
        () -> {
          // Parsed per post, as a request would be: each message holds its own strings.
          SlackPayload payload = json.readValue(PAYLOAD, SlackPayload.class);
          Message draft = SlackMessages.toMessage(payload, "#general");
          received.accept(draft);
          return true;
        });

    long heapGrowth = usedHeapAfterGc() - heapBefore;
    assertThat(heapGrowth).as("retained heap growth in bytes").isLessThan(HEAP_GROWTH_BOUND);
    assertThat(client.metric("mockslack_messages_stored")).isEqualTo(CAP);
    assertThat(client.metric("mockslack_messages_dropped_total") - droppedBefore)
        .isEqualTo(posts - CAP);
  }

  @Test
  void httpFloodAnswersEveryPostOkAndDropsOnlyTheOldest() throws Exception {
    int posts = 7_500;
    double droppedBefore = client.metric("mockslack_messages_dropped_total");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(client.baseUrl() + MockSlackClient.SLACK_PATH))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(PAYLOAD))
            .build();

    int ok =
        runConcurrently(
            posts,
            () -> {
              HttpResponse<String> response =
                  http.send(request, HttpResponse.BodyHandlers.ofString());
              return response.statusCode() == 200 && response.body().equals("ok");
            });

    assertThat(ok).isEqualTo(posts);
    assertThat(client.metric("mockslack_messages_stored")).isEqualTo(CAP);
    assertThat(client.metric("mockslack_messages_dropped_total") - droppedBefore)
        .isEqualTo(posts - CAP);
  }

  /**
   * Runs {@code post} {@code times} times on {@link #THREADS} threads; returns how many succeeded.
   */
  private static int runConcurrently(int times, Callable<Boolean> post) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger succeeded = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        workers.add(
            pool.submit(
                () -> {
                  while (next.getAndIncrement() < times) {
                    if (post.call()) {
                      succeeded.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    return succeeded.get();
  }

  private static long usedHeapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
