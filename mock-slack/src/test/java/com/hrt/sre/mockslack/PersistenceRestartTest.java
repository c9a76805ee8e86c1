package com.hrt.sre.mockslack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The whole service restarted on the same {@code MOCKSLACK_STORE_PATH}: the history is back, in
 * order, and the environment variables of DESIGN.md reach the settings.
 */
class PersistenceRestartTest {

  @TempDir Path dir;

  ConfigurableApplicationContext start(Path store) {
    return new SpringApplicationBuilder(MockSlackApplication.class)
        .run(
            "--server.port=0",
            "--server.address=127.0.0.1",
            "--MOCKSLACK_STORE_PATH=" + store,
            "--MOCKSLACK_MAX_MESSAGES=50");
  }

  static MockSlackClient clientOf(ConfigurableApplicationContext context) {
    return new MockSlackClient(
        Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
  }

  @Test
  void historySurvivesARestartOfTheService() {
    Path store = dir.resolve("mock-slack.jsonl");
    try (ConfigurableApplicationContext first = start(store)) {
      MockSlackClient client = clientOf(first);
      client.postSlack(MockSlackClient.fixture("slack-custom-firing"));
      client.postSlack(MockSlackClient.fixture("slack-custom-resolved"));
      assertThat(client.metric("mockslack_messages_capacity")).isEqualTo(50);
    }
    assertThat(Files.exists(store)).isTrue();

    try (ConfigurableApplicationContext second = start(store)) {
      JsonNode messages = clientOf(second).messagesIn("#alerts-critical");
      assertThat(messages.size()).isEqualTo(2);
      assertThat(messages.get(0).get("status").asString()).isEqualTo("resolved");
      assertThat(messages.get(1).get("status").asString()).isEqualTo("firing");
      assertThat(messages.get(1).get("attachments").get(0).get("fields").size()).isEqualTo(2);
    }
  }

  @Test
  void acknowledgementSurvivesARestartOfTheService() {
    Path store = dir.resolve("mock-slack.jsonl");
    try (ConfigurableApplicationContext first = start(store)) {
      MockSlackClient client = clientOf(first);
      client.postSlack(MockSlackClient.fixture("slack-custom-firing"));
      client.postSlack("{\"channel\":\"#alerts-critical\",\"text\":\"after it\"}");
      long id = client.messagesIn("#alerts-critical").get(1).get("id").asLong();
      assertThat(client.postJson("/api/messages/" + id + "/ack", "{\"by\":\"ann\"}").statusCode())
          .isEqualTo(200);
    }

    try (ConfigurableApplicationContext second = start(store)) {
      JsonNode messages = clientOf(second).messagesIn("#alerts-critical");
      assertThat(messages.size()).isEqualTo(2);
      assertThat(messages.get(1).get("status").asString()).isEqualTo("firing");
      assertThat(messages.get(1).get("acknowledgedBy").asString()).isEqualTo("ann");
      assertThat(messages.get(1).get("acknowledgedAt").asString()).isNotBlank();
      assertThat(messages.get(0).get("text").asString()).isEqualTo("after it");
    }
  }
}
