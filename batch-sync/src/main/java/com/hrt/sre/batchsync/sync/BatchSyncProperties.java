package com.hrt.sre.batchsync.sync;

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
 * One run's settings, bound from {@code PORTAL_URL}, {@code BATCH_SIZE}, {@code BATCH_FAILURE_RATE}
 * and {@code MAX_FAILED_RATIO} (DESIGN.md) and the {@code batch-sync.*} properties. A value out of
 * range stops the job with exit code 2 before any work.
 *
 * @param portalUrl the portal's base URL
 * @param batchSize records per page ({@code /api/records?size=}); the portal allows at most 500
 * @param failureRate probability that the simulated transform of one record fails (0.0-1.0)
 * @param maxFailedRatio the run fails (exit 1) when failed / all records exceeds this
 * @param requestTimeout connect and read timeout of one portal request
 * @param maxConsecutiveFailedPages after this many pages in a row failed all their retries, the
 *     portal counts as unreachable: the remaining pages are not tried and count as failed
 * @param retry how a page request that failed transiently is retried
 */
@Validated
@ConfigurationProperties(prefix = "batch-sync")
public record BatchSyncProperties(
    @NotNull URI portalUrl,
    @Min(1) @Max(500) @DefaultValue("100") int batchSize,
    @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.0") double failureRate,
    @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0.05") double maxFailedRatio,
    @NotNull @DefaultValue("5s") Duration requestTimeout,
    @Min(1) @DefaultValue("3") int maxConsecutiveFailedPages,
    @Valid @NotNull @DefaultValue Retry retry) {

  @AssertTrue(message = "portal-url (PORTAL_URL) must be an absolute http:// or https:// URL")
  public boolean isPortalUrlHttp() {
    return portalUrl == null
        || ("http".equals(portalUrl.getScheme()) || "https".equals(portalUrl.getScheme()))
            && portalUrl.getHost() != null;
  }

  @AssertTrue(message = "request-timeout must be positive")
  public boolean isRequestTimeoutPositive() {
    return requestTimeout == null || !(requestTimeout.isNegative() || requestTimeout.isZero());
  }

  /**
   * Exponential backoff with jitter, bounded both in attempts and in time.
   *
   * @param maxAttempts attempts per page, the first included
   * @param initialBackoff wait before the first retry; each further wait doubles
   * @param maxBackoff upper bound of one wait
   * @param jitter each wait is moved by a random amount up to this, so that many jobs retrying
   *     together do not hit a recovering portal in lockstep
   * @param maxElapsed no retry starts after this much time has been spent on one page
   */
  public record Retry(
      @Min(1) @Max(10) @DefaultValue("4") int maxAttempts,
      @NotNull @DefaultValue("200ms") Duration initialBackoff,
      @NotNull @DefaultValue("2s") Duration maxBackoff,
      @NotNull @DefaultValue("100ms") Duration jitter,
      @NotNull @DefaultValue("10s") Duration maxElapsed) {

    @AssertTrue(message = "initial-backoff must be positive and at most max-backoff")
    public boolean isBackoffOrdered() {
      return initialBackoff == null
          || maxBackoff == null
          || !initialBackoff.isNegative()
              && !initialBackoff.isZero()
              && initialBackoff.compareTo(maxBackoff) <= 0;
    }

    @AssertTrue(message = "jitter must not be negative and at most initial-backoff")
    public boolean isJitterBounded() {
      return jitter == null
          || initialBackoff == null
          || !jitter.isNegative() && jitter.compareTo(initialBackoff) <= 0;
    }

    @AssertTrue(message = "max-elapsed must be positive")
    public boolean isMaxElapsedPositive() {
      return maxElapsed == null || !(maxElapsed.isNegative() || maxElapsed.isZero());
    }
  }
}
