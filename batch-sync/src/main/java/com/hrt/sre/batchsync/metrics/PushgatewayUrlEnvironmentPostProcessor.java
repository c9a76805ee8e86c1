package com.hrt.sre.batchsync.metrics;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Maps {@code PUSHGATEWAY_URL} (a URL, as DESIGN.md fixes it for every job) onto Spring Boot's
 * Pushgateway settings, which take a scheme and a {@code host:port} address separately, and enables
 * pushing only when a URL is given. Explicit {@code
 * management.prometheus.metrics.export.pushgateway.*} settings still win: these values are added
 * with the lowest precedence.
 *
 * <p>A malformed URL is left alone here; {@link PushgatewayProperties} validation reports it and
 * the job exits with code 2.
 */
public class PushgatewayUrlEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

  /** Empty, or http(s)://host[:port][/path]. */
  static final String URL_PATTERN = "^$|^https?://[^/\\s?#]+(/[^\\s?#]*)?$";

  private static final String URL_PROPERTY = "batch-sync.pushgateway.url";
  private static final String BOOT_PREFIX = "management.prometheus.metrics.export.pushgateway.";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    String url = environment.getProperty(URL_PROPERTY, "").trim();
    Map<String, Object> settings = new LinkedHashMap<>();
    if (url.isEmpty() || !url.matches(URL_PATTERN)) {
      settings.put(BOOT_PREFIX + "enabled", "false");
    } else {
      URI uri = URI.create(url);
      String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
      settings.put(BOOT_PREFIX + "enabled", "true");
      settings.put(BOOT_PREFIX + "scheme", uri.getScheme());
      // The client builds scheme://address/metrics/job/..., so a path prefix rides on the address.
      settings.put(BOOT_PREFIX + "address", uri.getRawAuthority() + path);
    }
    environment.getPropertySources().addLast(new MapPropertySource("pushgatewayUrl", settings));
  }

  @Override
  public int getOrder() {
    // After application.properties is loaded, so PUSHGATEWAY_URL placeholders resolve.
    return ConfigDataEnvironmentPostProcessor.ORDER + 1;
  }
}
