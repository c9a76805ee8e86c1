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
import java.util.Map;
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

  static final long BUDGET = 64L * 1024 * 1024; // the default of mockslack.max-store-size

  /** Heap beyond the byte budget that a flood may leave behind (JIT, caches, the last bodies). */
  static final long SLACK = 16L * 1024 * 1024;

  static final java.util.Map<String, String> BYTES = Map.of("reason", "bytes");

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

  /**
   * 1,000 posts of 200 KB each (200 MB of text, each message parsed from its own body, as a request
   * would be) against the default byte budget of 64 MB: the count cap (5,000) is never reached, so
   * only the budget can bound the heap. Measured: the heap grew by ~70 MB (66 MB estimated held);
   * with the budget set out of reach (the code before the budget) it grew by 210 MB.
   */
  @Test
  void largePayloadFloodStaysWithinTheByteBudget() throws Exception {
    int posts = 1_000;
    String filler = "x".repeat(200 * 1024);
    double budget = client.metric("mockslack_store_budget_bytes");
    double droppedBefore = client.metric("mockslack_messages_dropped_total", BYTES);
    long heapBefore = usedHeapAfterGc();
    JsonMapper json = JsonMapper.builder().build();

    runConcurrently(
        posts,
        () -> {
          String body = json.writeValueAsString(Map.of("text", filler));
          received.accept(
              SlackMessages.toMessage(json.readValue(body, SlackPayload.class), "#flood"));
          return true;
        });

    long heapGrowth = usedHeapAfterGc() - heapBefore;
    assertThat(heapGrowth).as("retained heap growth in bytes").isLessThan(BUDGET + SLACK);
    assertThat(budget).as("the default budget").isEqualTo(BUDGET);
    assertThat(client.metric("mockslack_store_bytes")).isLessThanOrEqualTo(budget);
    double stored = client.metric("mockslack_messages_stored");
    assertThat(stored).isBetween(200.0, 400.0); // 64 MB / ~200 KB
    assertThat(client.metric("mockslack_messages_dropped_total", BYTES) - droppedBefore)
        .isEqualTo(posts - stored);
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
