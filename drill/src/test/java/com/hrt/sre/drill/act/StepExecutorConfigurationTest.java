package com.hrt.sre.drill.act;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.drill.config.DrillProperties;
import com.hrt.sre.drill.scenario.Step;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

class StepExecutorConfigurationTest {

  @TempDir Path repo;

  @Test
  void localModeTalksToThePortalAndTokenThatLocalUpWroteToItsEnvFile() throws IOException {
    AtomicReference<String> authorization = new AtomicReference<>();
    HttpServer portal = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    portal.createContext(
        "/admin/chaos/reset",
        exchange -> {
          authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
          byte[] body =
              "{\"failureRate\":0,\"latencyMs\":0,\"latencyJitterMs\":0,\"crashAfterSeconds\":0}"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    portal.start();
    try {
      Files.createDirectories(repo.resolve(".local"));
      Files.writeString(
          repo.resolve(".local/env"),
          "# Written by make local-up\nPORTAL_URL=http://127.0.0.1:%d\nPORTAL_ADMIN_TOKEN=s3cret\n"
              .formatted(portal.getAddress().getPort()));

      StepExecutor executor =
          new StepExecutorConfiguration().stepExecutor(properties("local"), new MockEnvironment());
      executor.execute(new Step.PortalChaosReset());

      assertThat(executor).isInstanceOf(LocalActions.class);
      assertThat(authorization.get()).isEqualTo("Bearer s3cret");
    } finally {
      portal.stop(0);
    }
  }

  @Test
  void clusterModeUsesKubectl() {
    assertThat(
            new StepExecutorConfiguration()
                .stepExecutor(properties("cluster"), new MockEnvironment()))
        .isInstanceOf(ClusterActions.class);
  }

  private DrillProperties properties(String mode) {
    return new DrillProperties(
        repo,
        Path.of("drills"),
        Path.of("prometheus/prometheus.yml"),
        Path.of("prometheus/alertmanager.yml"),
        mode,
        "",
        Path.of(".local/drills"));
  }
}
