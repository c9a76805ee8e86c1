package com.hrt.sre.mockslack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** The settings record: defaults, and a bad value stops the start with a message naming it. */
class SettingsTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(MockSlackProperties.class)
  static class Settings {}

  final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
          .withUserConfiguration(Settings.class);

  @Test
  void defaultsMatchTheDocumentation() {
    runner.run(
        context -> {
          MockSlackProperties settings = context.getBean(MockSlackProperties.class);
          assertThat(settings.maxMessages()).isEqualTo(5000);
          assertThat(settings.maxBodySize().toKilobytes()).isEqualTo(256);
          assertThat(settings.maxStoreSize().toMegabytes()).isEqualTo(64);
          assertThat(settings.storeFile()).isEmpty();
          assertThat(settings.defaultChannel()).isEqualTo("#general");
        });
  }

  @Test
  void storePathBecomesTheJournalFile() {
    runner
        .withPropertyValues("mockslack.store-path= /data/history.jsonl ")
        .run(
            context ->
                assertThat(context.getBean(MockSlackProperties.class).storeFile())
                    .contains(Path.of("/data/history.jsonl")));
  }

  @Test
  void zeroMaxMessagesIsRefused() {
    runner
        .withPropertyValues("mockslack.max-messages=0")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("maxMessages"));
  }

  @Test
  void aFileCapSmallerThanFourBodiesIsRefused() {
    runner
        .withPropertyValues("mockslack.max-body-size=1MB", "mockslack.store-file-max-size=2MB")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("at least 4 x mockslack.max-body-size"));
  }

  @Test
  void aStoreBudgetSmallerThanFourBodiesIsRefused() {
    runner
        .withPropertyValues("mockslack.max-body-size=1MB", "mockslack.max-store-size=3MB")
        .run(
            context ->
                assertThat(context.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("mockslack.max-store-size must be at least 4 x"));
  }

  @Test
  void aDefaultChannelSlackWouldRefuseIsRefused() {
    runner
        .withPropertyValues("mockslack.default-channel=general alerts")
        .run(context -> assertThat(context.getStartupFailure()).isNotNull());
  }
}
