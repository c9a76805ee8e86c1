package com.hrt.sre.loadgen.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hrt.sre.loadgen.LoadGeneratorHttp;
import com.hrt.sre.loadgen.StubTarget;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A target that never answers: excess requests are dropped and counted, nothing piles up. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "server.address=127.0.0.1",
      "load-generator.admin.token=" + LoadGeneratorHttp.TOKEN,
      "load-generator.rate=100",
      "load-generator.max-in-flight=8",
      "load-generator.request-timeout=60s"
    })
class SlowTargetTest {

  private static final StubTarget TARGET = StubTarget.holdingEveryRequest();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void target(DynamicPropertyRegistry registry) {
    registry.add("load-generator.target-url", TARGET::url);
  }

  @AfterAll
  static void stopTarget() {
    TARGET.close();
  }

  @Test
  void excessRequestsAreDroppedAndCountedWithBoundedThreads() {
    LoadGeneratorHttp http = new LoadGeneratorHttp(port);
    await().atMost(Duration.ofSeconds(20)).until(() -> http.requests("dropped") >= 20);
    int threadsEarly = ManagementFactory.getThreadMXBean().getThreadCount();

    // Ten times as many dropped requests later, nothing has grown with them.
    await().atMost(Duration.ofSeconds(30)).until(() -> http.requests("dropped") >= 200);

    int threadsLate = ManagementFactory.getThreadMXBean().getThreadCount();
    assertThat(TARGET.maxConcurrent()).isLessThanOrEqualTo(8);
    assertThat(http.metric("loadgen_in_flight", "")).contains(8.0);
    assertThat(threadsLate - threadsEarly).isLessThanOrEqualTo(3);
    assertThat(http.requests("success") + http.requests("timeout")).isZero();
  }
}
