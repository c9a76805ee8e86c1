package com.hrt.sre.mockslack.origin;

import com.hrt.sre.mockslack.rejection.RejectedRequestException;
import com.hrt.sre.mockslack.rejection.RejectionReason;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses state-changing requests (POST, PUT, PATCH, DELETE) that a page of another origin made the
 * user's browser send: cross-site request forgery against the incident actions and the clear
 * button.
 *
 * <p>The rule is the Origin header: browsers send it on every POST, PUT, PATCH and DELETE, and a
 * page cannot forge or remove it. When it is present it must be this server's own origin (scheme,
 * host and port of the request), else the answer is 403 {@code foreign_origin}, counted, and the
 * handler never runs. {@code Origin: null} (sandboxed frames, some redirects) is foreign too. A
 * request without Origin is not from a browser page (Alertmanager, curl, scripts, the drill) and
 * passes: those clients act for their own user, not for a visited site. {@code Sec-Fetch-Site:
 * cross-site} is refused as well, for browsers that report it.
 */
class SameOriginInterceptor implements HandlerInterceptor {

  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  @Override
  public boolean preHandle(
      HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (SAFE_METHODS.contains(request.getMethod())) {
      return true;
    }
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    String fetchSite = request.getHeader("Sec-Fetch-Site");
    if (origin != null && !sameOrigin(request, origin)) {
      throw refused("Origin " + origin + " is not this server's origin");
    }
    if ("cross-site".equalsIgnoreCase(fetchSite) || "same-site".equalsIgnoreCase(fetchSite)) {
      throw refused("Sec-Fetch-Site " + fetchSite + ": sent by another site's page");
    }
    return true;
  }

  /** Spring's own comparison of scheme, host and port; an unparsable Origin is not ours. */
  private static boolean sameOrigin(HttpServletRequest request, String origin) {
    if ("null".equals(origin.strip())) {
      return false;
    }
    try {
      return !CorsUtils.isCorsRequest(request);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static RejectedRequestException refused(String detail) {
    return new RejectedRequestException(
        RejectionReason.FOREIGN_ORIGIN,
        detail + "; state-changing requests are accepted from mock-slack's own page only");
  }
}
