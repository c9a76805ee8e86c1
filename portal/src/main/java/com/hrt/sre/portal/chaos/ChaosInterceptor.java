package com.hrt.sre.portal.chaos;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Injects latency and failures into API requests ({@code /api/**} only: probes, {@code /metrics},
 * the status page and the admin API are never touched, see {@link ChaosWebConfig}).
 *
 * <p>It is an interceptor rather than a servlet filter so that it runs after Spring MVC matched the
 * route: the request metric of an injected failure then carries the route's {@code uri} tag (e.g.
 * {@code /api/records}), like a real failure of that route would.
 */
class ChaosInterceptor implements HandlerInterceptor {

  private final ChaosControl control;
  private final Counter injectedFailures;

  ChaosInterceptor(ChaosControl control, MeterRegistry registry) {
    this.control = control;
    this.injectedFailures =
        Counter.builder("portal.chaos.injected.failures")
            .description("API requests answered 503 by failure injection")
            .register(registry);
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws IOException {
    ChaosSettings settings = control.current();
    delay(settings);
    if (settings.failureRate() > 0.0
        && ThreadLocalRandom.current().nextDouble() < settings.failureRate()) {
      injectedFailures.increment();
      response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
      response.setContentType("application/problem+json");
      response
          .getWriter()
          .write(
              "{\"title\":\"Service Unavailable\",\"status\":503,"
                  + "\"detail\":\"injected failure (chaos failureRate="
                  + settings.failureRate()
                  + ")\",\"injected\":true}");
      return false;
    }
    return true;
  }

  private static void delay(ChaosSettings settings) {
    long millis = settings.latencyMs();
    if (settings.latencyJitterMs() > 0) {
      millis += ThreadLocalRandom.current().nextLong(settings.latencyJitterMs() + 1);
    }
    if (millis <= 0) {
      return;
    }
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      // Shutting down: answer now rather than hold the thread.
      Thread.currentThread().interrupt();
    }
  }
}
