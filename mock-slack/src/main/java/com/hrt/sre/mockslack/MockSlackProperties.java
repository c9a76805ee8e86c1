package com.hrt.sre.mockslack;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of mock-slack. Environment variables of DESIGN.md are mapped in application.properties
 * ({@code MOCKSLACK_MAX_MESSAGES}, {@code MOCKSLACK_STORE_PATH}); the rest have sensible defaults.
 *
 * @param maxMessages messages kept in memory; the oldest go first when full
 * @param maxStoreSize byte budget of the messages kept in memory (estimated heap); the oldest go
 *     first when it is passed. Clamped at start-up to half of the max heap
 * @param storePath JSON-lines file that keeps history across restarts; empty = memory only
 * @param storeFileMaxSize cap of that file: when the next line would pass it, the file is rewritten
 *     with the newest messages that fit in half of it
 * @param maxBodySize largest request body accepted by the receiving endpoints (413 above)
 * @param defaultChannel where a Slack message without a {@code channel} field goes
 * @param maxStreamSubscribers concurrent {@code /api/stream} connections (429 above)
 * @param streamTimeout an SSE connection is closed after this long; browsers reconnect on their own
 * @param streamHeartbeat idle interval after which a comment is sent, so dead connections are found
 * @param streamQueueCapacity events queued per stream client; a client whose queue overflows (it
 *     stopped reading) is dropped. Queued events share the stored messages, but keep evicted ones
 *     alive: at most this many bodies per client
 * @param streamSendTimeout a client whose one write has been blocked this long is dropped
 * @param streamReplaceAfter when all stream slots are taken, a new client replaces the oldest one
 *     if that one has been connected this long (else 429)
 * @param maxQueryLimit the largest {@code limit} {@code GET /api/messages} accepts
 */
@Validated
@ConfigurationProperties(prefix = "mockslack")
public record MockSlackProperties(
    @DefaultValue("5000") @Min(1) @Max(1_000_000) int maxMessages,
    @DefaultValue("64MB") @NotNull DataSize maxStoreSize,
    @DefaultValue("") String storePath,
    @DefaultValue("32MB") @NotNull DataSize storeFileMaxSize,
    @DefaultValue("256KB") @NotNull DataSize maxBodySize,
    @DefaultValue("#general") @Pattern(regexp = "^[#@][\\p{L}\\p{N}._-]{1,80}$")
        String defaultChannel,
    @DefaultValue("32") @Min(1) @Max(10_000) int maxStreamSubscribers,
    @DefaultValue("30m") @NotNull Duration streamTimeout,
    @DefaultValue("15s") @NotNull Duration streamHeartbeat,
    @DefaultValue("64") @Min(1) @Max(10_000) int streamQueueCapacity,
    @DefaultValue("10s") @NotNull Duration streamSendTimeout,
    @DefaultValue("1m") @NotNull Duration streamReplaceAfter,
    @DefaultValue("1000") @Min(1) @Max(100_000) int maxQueryLimit) {

  /** The persistence file, or empty when history is kept in memory only. */
  public Optional<Path> storeFile() {
    return storePath == null || storePath.isBlank()
        ? Optional.empty()
        : Optional.of(Path.of(storePath.strip()));
  }

  /** A body of {@code maxBodySize} must always fit in the file, with room for a compaction. */
  @AssertTrue(
      message = "mockslack.store-file-max-size must be at least 4 x mockslack.max-body-size")
  public boolean isStoreFileLargeEnoughForOneBody() {
    return storeFileMaxSize == null
        || maxBodySize == null
        || storeFileMaxSize.toBytes() >= 4 * maxBodySize.toBytes();
  }

  /** The newest message always stays, so the budget must hold a few of the largest bodies. */
  @AssertTrue(message = "mockslack.max-store-size must be at least 4 x mockslack.max-body-size")
  public boolean isStoreBudgetLargeEnoughForBodies() {
    return maxStoreSize == null
        || maxBodySize == null
        || maxStoreSize.toBytes() >= 4 * maxBodySize.toBytes();
  }

  @AssertTrue(message = "mockslack.max-body-size must be between 1KB and 16MB")
  public boolean isMaxBodySizeSane() {
    return maxBodySize == null
        || (maxBodySize.toBytes() >= 1024 && maxBodySize.toBytes() <= 16L * 1024 * 1024);
  }

  @AssertTrue(
      message =
          "mockslack.stream-timeout, stream-heartbeat, stream-send-timeout and"
              + " stream-replace-after must be positive")
  public boolean isStreamTimingPositive() {
    return positive(streamTimeout)
        && positive(streamHeartbeat)
        && positive(streamSendTimeout)
        && positive(streamReplaceAfter);
  }

  /** Null passes here: @NotNull reports it under the property's own name. */
  private static boolean positive(Duration duration) {
    return duration == null || (!duration.isNegative() && !duration.isZero());
  }
}
