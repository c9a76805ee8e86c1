package com.hrt.sre.portal.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hrt.sre.portal.PortalApplication;
import com.hrt.sre.portal.PortalClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

class GracefulShutdownTest {

  @Test
  void readinessGoesDownFirstWhileRequestsAreStillServed() {
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(PortalApplication.class)
            .run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--portal.shutdown.drain-delay=6s");
    PortalClient portal =
        new PortalClient(((WebServerApplicationContext) context).getWebServer().getPort());
    assertThat(portal.get("/health/readiness").statusCode()).isEqualTo(200);

    CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);

    await("readiness 503 during the drain delay")
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> portal.get("/health/readiness").statusCode() == 503);
    assertThat(portal.get("/api/records/1").statusCode()).isEqualTo(200);
    assertThat(portal.get("/health/liveness").statusCode()).isEqualTo(200);
    closing.join();
    assertThat(context.isActive()).isFalse();
  }
}
