package com.hrt.sre.mockslack.incident;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Alertmanager behind the Silence and Expire actions ({@code MOCKSLACK_ALERTMANAGER_URL}).
 *
 * @param url Alertmanager's base URL, e.g. {@code http://127.0.0.1:9093}; empty = no silence
 *     actions (the page hides them, the API answers 503 saying so)
 * @param timeout connect and read timeout of one call to Alertmanager
 * @param syncInterval how often the active silences are read back, so silences made elsewhere
 *     (Alertmanager UI, amtool) show on matching messages and expired ones go
 * @param maxSilences active silences considered per read; more are ignored and counted
 */
@Validated
@ConfigurationProperties(prefix = "mockslack.alertmanager")
public record AlertmanagerProperties(
    @DefaultValue("") String url,
    @DefaultValue("5s") @NotNull Duration timeout,
    @DefaultValue("15s") @NotNull Duration syncInterval,
    @DefaultValue("1000") @Min(1) @Max(100_000) int maxSilences) {

  /** The base URL without a trailing slash, or empty when none is configured. */
  public Optional<URI> baseUri() {
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(URI.create(url.strip().replaceAll("/+$", "")));
  }

  @AssertTrue(
      message = "mockslack.alertmanager.url must be an http(s) URL such as http://host:9093")
  public boolean isUrlValid() {
    if (url == null || url.isBlank()) {
      return true;
    }
    try {
      URI uri = URI.create(url.strip());
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @AssertTrue(
      message = "mockslack.alertmanager.timeout and sync-interval must be between 1s and 10m")
  public boolean isTimingSane() {
    return sane(timeout) && sane(syncInterval);
  }

  private static boolean sane(Duration d) {
    return d == null
        || (d.compareTo(Duration.ofMillis(100)) >= 0 && d.compareTo(Duration.ofMinutes(10)) <= 0);
  }
}
