package com.hrt.sre.loadgen.traffic;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What traffic to send, bound from {@code TARGET_URL} and {@code RATE} (DESIGN.md) and the {@code
 * load-generator.*} properties.
 *
 * @param targetUrl the portal's base URL; request paths are appended to it
 * @param rate requests per second at start-up (0 pauses; at most {@link TargetRate#MAX_RATE})
 * @param requestTimeout time allowed for one request until the response headers arrive
 * @param maxInFlight requests allowed to wait for a response at once; beyond it a due request is
 *     dropped (and counted), so a slow target cannot pile up threads, sockets or memory
 * @param mix which endpoints the traffic hits, and how often
 */
@Validated
@ConfigurationProperties(prefix = "load-generator")
public record LoadGeneratorProperties(
    @NotNull URI targetUrl,
    @DecimalMin("0") @DecimalMax(TargetRate.MAX_RATE_TEXT) double rate,
    @NotNull @DefaultValue("2s") Duration requestTimeout,
    @Min(1) @Max(1000) @DefaultValue("64") int maxInFlight,
    @Valid @NotNull @DefaultValue Mix mix) {

  @AssertTrue(message = "target-url must be an absolute http:// or https:// URL")
  public boolean isTargetUrlHttp() {
    return targetUrl == null
        || ("http".equals(targetUrl.getScheme()) || "https".equals(targetUrl.getScheme()))
            && targetUrl.getHost() != null;
  }

  @AssertTrue(message = "request-timeout must be positive")
  public boolean isRequestTimeoutPositive() {
    return requestTimeout == null || !(requestTimeout.isNegative() || requestTimeout.isZero());
  }

  /**
   * The endpoint mix: relative weights of the two portal API calls (DESIGN.md records API).
   *
   * @param listWeight weight of {@code GET /api/records?page=P&size=pageSize}, P a random page
   * @param recordWeight weight of {@code GET /api/records/{id}}, id random in 1..recordCount
   * @param pageSize page size of the list calls (the portal allows at most 500)
   * @param recordCount the portal's catalogue size ({@code PORTAL_RECORDS}): ids and pages are
   *     drawn inside it, so a healthy portal answers every request with 200
   */
  public record Mix(
      @Min(0) @DefaultValue("1") int listWeight,
      @Min(0) @DefaultValue("4") int recordWeight,
      @Min(1) @Max(500) @DefaultValue("50") int pageSize,
      @Min(1) @DefaultValue("10000") int recordCount) {

    @AssertTrue(message = "at least one of list-weight and record-weight must be positive")
    public boolean isAnyEndpointWeighted() {
      return listWeight + recordWeight > 0;
    }
  }
}
