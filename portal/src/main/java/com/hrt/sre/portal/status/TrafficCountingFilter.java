package com.hrt.sre.portal.status;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts API requests ({@code /api/...}, the requests the SLO is about) and their 5xx answers into
 * {@link RecentTraffic}. Probes, {@code /metrics}, the admin API and this page are not counted.
 */
@Component
class TrafficCountingFilter extends OncePerRequestFilter {

  private final RecentTraffic traffic;

  TrafficCountingFilter(RecentTraffic traffic) {
    this.traffic = traffic;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean failed = true;
    try {
      chain.doFilter(request, response);
      failed = response.getStatus() >= 500;
    } finally {
      if (request.isAsyncStarted()) {
        // Held by latency chaos: the answer is known only when the async cycle completes.
        request.getAsyncContext().addListener(new CountOnCompletion(response));
      } else {
        traffic.record(failed);
      }
    }
  }

  private final class CountOnCompletion implements AsyncListener {

    private final HttpServletResponse response;

    CountOnCompletion(HttpServletResponse response) {
      this.response = response;
    }

    @Override
    public void onComplete(AsyncEvent event) {
      traffic.record(response.getStatus() >= 500);
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      // onComplete follows and counts it
    }

    @Override
    public void onError(AsyncEvent event) {
      // onComplete follows and counts it
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
      // the listener is not carried over to a new async cycle
    }
  }
}
