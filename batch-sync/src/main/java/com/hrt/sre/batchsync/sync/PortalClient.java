package com.hrt.sre.batchsync.sync;

import java.net.http.HttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Reads pages of the portal's records API. Transient failures (5xx, 429, timeouts, refused or reset
 * connections) are retried with exponential backoff and jitter, bounded in attempts and in time
 * (Spring's {@link RetryTemplate}); other 4xx answers and unreadable bodies are not retried,
 * because asking again would get the same answer.
 */
@Component
class PortalClient {

  private static final Logger log = LoggerFactory.getLogger(PortalClient.class);

  private final RestClient rest;
  private final RetryTemplate retryTemplate;
  private int retries;

  PortalClient(RestClient.Builder builder, BatchSyncProperties properties) {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(properties.requestTimeout())
            .build();
    JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
    requests.setReadTimeout(properties.requestTimeout());
    this.rest = builder.baseUrl(properties.portalUrl().toString()).requestFactory(requests).build();

    BatchSyncProperties.Retry retry = properties.retry();
    this.retryTemplate =
        new RetryTemplate(
            RetryPolicy.builder()
                .maxRetries(retry.maxAttempts() - 1L)
                .delay(retry.initialBackoff())
                .multiplier(2)
                .maxDelay(retry.maxBackoff())
                .jitter(retry.jitter())
                .timeout(retry.maxElapsed())
                .predicate(PortalClient::isTransient)
                .build());
    this.retryTemplate.setRetryListener(new RetryLogger());
  }

  /** The page, or why it could not be had after the bounded retries. */
  RecordsPage fetchPage(int page, int size) throws PortalUnavailableException {
    Retryable<RecordsPage> fetch =
        new Retryable<>() {
          @Override
          public RecordsPage execute() {
            return rest.get()
                .uri("/api/records?page={page}&size={size}", page, size)
                .retrieve()
                .body(RecordsPage.class);
          }

          @Override
          public String getName() {
            return "page " + page;
          }
        };
    try {
      RecordsPage result = retryTemplate.execute(fetch);
      if (result == null) {
        throw new PortalUnavailableException(
            page, 1, new IllegalStateException("empty response body"));
      }
      return result;
    } catch (RetryException exhausted) {
      throw new PortalUnavailableException(
          page, exhausted.getRetryCount() + 1, exhausted.getLastException());
    }
  }

  /** Retries made so far in this run, over all pages. */
  int retries() {
    return retries;
  }

  static boolean isTransient(Throwable failure) {
    if (failure instanceof HttpServerErrorException || failure instanceof ResourceAccessException) {
      return true;
    }
    return failure instanceof HttpClientErrorException clientError
        && clientError.getStatusCode().value() == 429;
  }

  private static String oneLine(Throwable failure) {
    return (failure.getClass().getSimpleName() + ": " + failure.getMessage())
        .replaceAll("[\\r\\n]+", " ")
        .replace('"', '\'');
  }

  /** One log line per retry, naming the page and what failed. */
  private final class RetryLogger implements RetryListener {

    @Override
    public void beforeRetry(RetryPolicy policy, Retryable<?> retryable, RetryState state) {
      retries++;
      Throwable last = state.getLastException();
      log.info(
          "event=page_retry operation=\"{}\" retry={} error=\"{}\"",
          retryable.getName(),
          state.getRetryCount(),
          last == null
              ? "unknown"
              : String.valueOf(last.getMessage()).replaceAll("[\\r\\n]+", " "));
    }
  }
}
