package com.hrt.sre.portal.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hrt.sre.portal.PortalClient;
import com.hrt.sre.portal.PortalHttpTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/** CRASH_AFTER_SECONDS at start-up: liveness turns BROKEN once the uptime is reached. */
@PortalHttpTest
@TestPropertySource(properties = "portal.chaos.crash-after-seconds=" + CrashLoopTest.CRASH_AFTER)
class CrashLoopTest {

  static final int CRASH_AFTER = 8;

  @LocalServerPort int port;
  @Autowired ApplicationContext context;

  @Test
  void livenessTurnsBrokenAfterTheConfiguredUptimeWhileTheApiKeepsServing() {
    PortalClient portal = new PortalClient(port);
    // The context was started moments ago: well within the configured uptime.
    assertThat(portal.get("/health/liveness").statusCode()).isEqualTo(200);

    await("liveness 503")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> portal.get("/health/liveness").statusCode() == 503);

    // The context's start precedes the uptime clock, so this bound holds however slow start-up was.
    assertThat(Duration.ofMillis(System.currentTimeMillis() - context.getStartupDate()))
        .as("broken only after the configured uptime")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(CRASH_AFTER));
    assertThat(portal.get("/health").statusCode()).isEqualTo(503);
    // Only liveness is affected: the kubelet restarts the container, traffic is still served.
    assertThat(portal.get("/health/readiness").statusCode()).isEqualTo(200);
    assertThat(portal.get("/api/records/1").statusCode()).isEqualTo(200);
  }
}
