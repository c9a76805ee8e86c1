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
 * {@code /api/records}), like a real failure of that route would. The latency is waited out on the
 * request's virtual thread ({@link ChaosDelay}).
 */
class ChaosInterceptor implements HandlerInterceptor {

  private final ChaosControl control;
  private final ChaosDelay delay;
  private final Counter injectedFailures;

  ChaosInterceptor(ChaosControl control, ChaosDelay delay, MeterRegistry registry) {
    this.control = control;
    this.delay = delay;
    this.injectedFailures =
        Counter.builder("portal.chaos.injected.failures")
            .description("API requests answered 503 by failure injection")
            .register(registry);
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws IOException {
    ChaosSettings settings = control.current();
    // Latency first, then the failure draw: with both set, failures are slow too.
    long millis = delayMillis(settings);
    if (millis > 0) {
      delay.await(millis);
    }
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

  private static long delayMillis(ChaosSettings settings) {
    long millis = settings.latencyMs();
    if (settings.latencyJitterMs() > 0) {
      millis += ThreadLocalRandom.current().nextLong(settings.latencyJitterMs() + 1);
    }
    return millis;
  }
}
