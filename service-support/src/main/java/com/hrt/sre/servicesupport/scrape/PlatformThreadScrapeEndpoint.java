package com.hrt.sre.servicesupport.scrape;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusOutputFormat;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusScrapeEndpoint;

/**
 * Spring Boot's Prometheus scrape endpoint, with the exposition written on a platform thread.
 *
 * <p>The Prometheus client writes a scrape through {@code new BufferedWriter(new
 * OutputStreamWriter(out))} ({@code PrometheusTextFormatWriter.write}, client_java 1.4 to 1.10).
 * Created on a virtual thread, JDK 25's {@code BufferedWriter} starts with 512 chars instead of
 * 8,192 and its {@code growIfNeeded} grows the array to exactly the size the write needs, so the
 * one-char writes the text format is made of copy the whole buffer once per char until it is full:
 * about 33 million chars copied and 67 MB of garbage per scrape (docs/runtime-threads.md has the
 * profile and the numbers). On a platform thread the buffer starts full size. One thread is enough:
 * a scrape takes about a millisecond, and Prometheus asks every 15 s.
 */
public class PlatformThreadScrapeEndpoint extends PrometheusScrapeEndpoint
    implements DisposableBean {

  private final ExecutorService writer =
      Executors.newSingleThreadExecutor(
          Thread.ofPlatform().name("prometheus-scrape").daemon().factory());

  public PlatformThreadScrapeEndpoint(PrometheusRegistry registry, Properties properties) {
    super(registry, properties);
  }

  @Override
  @ReadOperation(producesFrom = PrometheusOutputFormat.class)
  public WebEndpointResponse<byte[]> scrape(
      PrometheusOutputFormat format, @Nullable Set<String> includedNames) {
    Future<WebEndpointResponse<byte[]>> scrape =
        writer.submit(() -> super.scrape(format, includedNames));
    try {
      return scrape.get();
    } catch (InterruptedException e) {
      scrape.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the scrape was written", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("the scrape failed", e.getCause());
    }
  }

  @Override
  public void destroy() {
    writer.shutdownNow();
  }
}
