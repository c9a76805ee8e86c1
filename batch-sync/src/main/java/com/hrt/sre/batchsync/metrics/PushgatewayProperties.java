package com.hrt.sre.batchsync.metrics;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the run's metrics go.
 *
 * @param url the Pushgateway's base URL ({@code PUSHGATEWAY_URL}, e.g. {@code
 *     http://localhost:9091}); empty disables pushing. {@link
 *     PushgatewayUrlEnvironmentPostProcessor} turns it into Spring Boot's {@code
 *     management.prometheus.metrics.export.pushgateway.*} settings.
 */
@Validated
@ConfigurationProperties(prefix = "batch-sync.pushgateway")
public record PushgatewayProperties(
    @NotNull
        @DefaultValue("")
        @Pattern(
            regexp = PushgatewayUrlEnvironmentPostProcessor.URL_PATTERN,
            message = "must be empty or an http:// or https:// URL like http://localhost:9091")
        String url) {

  public boolean enabled() {
    return !url.isBlank();
  }
}
