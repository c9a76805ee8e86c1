package com.hrt.sre.portal.status;

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
      traffic.record(failed);
    }
  }
}
