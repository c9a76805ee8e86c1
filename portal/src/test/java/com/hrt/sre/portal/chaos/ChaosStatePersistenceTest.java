package com.hrt.sre.portal.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.portal.PortalApplication;
import com.hrt.sre.portal.PortalClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The state directory: a restarted application (a container restart, same emptyDir) keeps the
 * chaos; one with a fresh directory (a new pod) starts from the environment's settings.
 */
class ChaosStatePersistenceTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String CHAOS =
      "{\"failureRate\":0.4,\"latencyMs\":20,\"latencyJitterMs\":10,\"crashAfterSeconds\":600}";

  @Test
  void chaosSurvivesARestartWithTheSameStateDirectory(@TempDir Path stateDir) {
    try (ConfigurableApplicationContext first = start(stateDir)) {
      assertThat(client(first).putAsAdmin("/admin/chaos", CHAOS).statusCode()).isEqualTo(200);
    }

    try (ConfigurableApplicationContext second = start(stateDir)) {
      assertThat(settings(second)).isEqualTo(JSON.readTree(CHAOS));
    }
  }

  @Test
  void chaosIsAbsentWithAFreshStateDirectory(@TempDir Path podOne, @TempDir Path podTwo) {
    try (ConfigurableApplicationContext first = start(podOne)) {
      assertThat(client(first).putAsAdmin("/admin/chaos", CHAOS).statusCode()).isEqualTo(200);
    }

    try (ConfigurableApplicationContext newPod = start(podTwo)) {
      assertThat(settings(newPod).get("failureRate").asDouble()).isZero();
      assertThat(settings(newPod).get("crashAfterSeconds").asLong()).isZero();
    }
  }

  @Test
  void resetIsSavedToo(@TempDir Path stateDir) {
    try (ConfigurableApplicationContext first = start(stateDir)) {
      client(first).putAsAdmin("/admin/chaos", CHAOS);
      client(first).post("/admin/chaos/reset", "Bearer " + PortalClient.TOKEN);
    }

    try (ConfigurableApplicationContext second = start(stateDir)) {
      assertThat(settings(second).get("failureRate").asDouble()).isZero();
    }
  }

  @Test
  void stateFileIsCompleteJsonWithNoTemporaryFileLeftBehind(@TempDir Path stateDir)
      throws IOException {
    try (ConfigurableApplicationContext portal = start(stateDir)) {
      client(portal).putAsAdmin("/admin/chaos", CHAOS);
    }

    try (var files = Files.list(stateDir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("chaos-state.json");
    }
    assertThat(JSON.readTree(stateDir.resolve("chaos-state.json").toFile()))
        .isEqualTo(JSON.readTree(CHAOS));
  }

  @Test
  void aDamagedStateFileIsIgnoredAndTheEnvironmentApplies(@TempDir Path stateDir)
      throws IOException {
    Files.writeString(stateDir.resolve("chaos-state.json"), "{\"failureRate\": 7");

    try (ConfigurableApplicationContext portal = start(stateDir, "--portal.chaos.latency-ms=15")) {
      assertThat(settings(portal).get("latencyMs").asLong()).isEqualTo(15);
      assertThat(settings(portal).get("failureRate").asDouble()).isZero();
    }
  }

  @Test
  void theStateFileWinsOverTheEnvironment(@TempDir Path stateDir) throws IOException {
    Files.writeString(stateDir.resolve("chaos-state.json"), CHAOS);

    try (ConfigurableApplicationContext portal =
        start(stateDir, "--portal.chaos.failure-rate=0.9")) {
      assertThat(settings(portal)).isEqualTo(JSON.readTree(CHAOS));
    }
  }

  private static ConfigurableApplicationContext start(Path stateDir, String... extraArgs) {
    String[] args = {
      "--server.port=0",
      "--server.address=127.0.0.1",
      "--portal.chaos.admin-token=" + PortalClient.TOKEN,
      "--portal.chaos.state-dir=" + stateDir,
    };
    String[] all = new String[args.length + extraArgs.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(extraArgs, 0, all, args.length, extraArgs.length);
    return new SpringApplicationBuilder(PortalApplication.class).run(all);
  }

  private static PortalClient client(ConfigurableApplicationContext context) {
    return new PortalClient(((WebServerApplicationContext) context).getWebServer().getPort());
  }

  private static JsonNode settings(ConfigurableApplicationContext context) {
    return JSON.readTree(client(context).getAsAdmin("/admin/chaos").body());
  }
}
