package com.hrt.sre.loadgen.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hrt.sre.loadgen.LoadGeneratorHttp;
import com.hrt.sre.loadgen.StubTarget;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The generator holds its rate against a healthy target, and rate 0 pauses it. */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "server.address=127.0.0.1",
      "load-generator.admin.token=" + LoadGeneratorHttp.TOKEN,
      "load-generator.rate=0"
    })
class OpenModelRateTest {

  private static final StubTarget TARGET = StubTarget.answering(200);

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
  void requestCountOverAWindowMatchesTheRate() {
    LoadGeneratorHttp http = new LoadGeneratorHttp(port);
    double rate = 40;
    int window = 120; // 3 s of traffic at 40 req/s
    http.putRate(rate);
    long before = TARGET.requests();
    long start = System.nanoTime();

    await().atMost(Duration.ofSeconds(20)).until(() -> TARGET.requests() - before >= window);

    double seconds = (System.nanoTime() - start) / 1e9;
    // Generous bound: a shared 2-core machine delays ticks, but the credit scheme catches up.
    assertThat(window / seconds).isBetween(rate * 0.75, rate * 1.25);
    assertThat(http.requests("success")).isGreaterThanOrEqualTo(window - 1);
    assertThat(http.requests("dropped")).isZero();
  }

  @Test
  void rateZeroPausesTheTraffic() {
    LoadGeneratorHttp http = new LoadGeneratorHttp(port);
    http.putRate(50);
    long before = TARGET.requests();
    await().atMost(Duration.ofSeconds(10)).until(() -> TARGET.requests() > before + 10);

    http.putRate(0);

    // At 50 req/s a quiet second is impossible unless the traffic stopped.
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> TARGET.nanosSinceLastRequest() > Duration.ofSeconds(1).toNanos());
    assertThat(http.metric("loadgen_target_rate", "")).contains(0.0);
  }
}
