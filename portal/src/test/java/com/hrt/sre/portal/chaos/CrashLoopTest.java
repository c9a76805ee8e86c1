package com.hrt.sre.portal.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hrt.sre.portal.PortalClient;
import com.hrt.sre.portal.PortalHttpTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/** CRASH_AFTER_SECONDS at start-up: liveness turns BROKEN once the uptime is reached. */
@PortalHttpTest
@TestPropertySource(properties = "portal.chaos.crash-after-seconds=6")
class CrashLoopTest {

  @LocalServerPort int port;

  @Test
  void livenessTurnsBrokenAfterTheConfiguredUptimeWhileTheApiKeepsServing() {
    PortalClient portal = new PortalClient(port);
    long testStart = System.nanoTime();
    // Contexts are created moments before the test runs: well within the 6 s.
    assertThat(portal.get("/health/liveness").statusCode()).isEqualTo(200);

    await("liveness 503")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> portal.get("/health/liveness").statusCode() == 503);

    assertThat(Duration.ofNanos(System.nanoTime() - testStart))
        .as("broken only after (close to) the configured uptime")
        .isGreaterThan(Duration.ofSeconds(2));
    assertThat(portal.get("/health").statusCode()).isEqualTo(503);
    // Only liveness is affected: the kubelet restarts the container, traffic is still served.
    assertThat(portal.get("/health/readiness").statusCode()).isEqualTo(200);
    assertThat(portal.get("/api/records/1").statusCode()).isEqualTo(200);
  }
}
