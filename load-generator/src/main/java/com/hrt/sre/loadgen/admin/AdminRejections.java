package com.hrt.sre.loadgen.admin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Counts every refused admin request in {@code loadgen_admin_rejected_requests_total{reason}} and
 * logs it in one line. The reasons are a fixed set, so the label cannot grow with the input.
 */
@Component
class AdminRejections {

  enum Reason {
    ADMIN_DISABLED(HttpStatus.FORBIDDEN),
    UNAUTHORIZED(HttpStatus.UNAUTHORIZED),
    BODY_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE),
    INCOMPLETE_BODY(HttpStatus.BAD_REQUEST),
    INVALID_BODY(HttpStatus.BAD_REQUEST),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE);

    private final HttpStatus status;

    Reason(HttpStatus status) {
      this.status = status;
    }

    HttpStatus status() {
      return status;
    }

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private static final Logger log = LoggerFactory.getLogger(AdminRejections.class);

  private final Map<Reason, Counter> counters = new EnumMap<>(Reason.class);

  AdminRejections(MeterRegistry registry) {
    for (Reason reason : Reason.values()) {
      counters.put(
          reason,
          Counter.builder("loadgen.admin.rejected.requests")
              .description("Admin API requests refused with a 4xx, by reason")
              .tag("reason", reason.label())
              .register(registry));
    }
  }

  void count(Reason reason, HttpServletRequest request, Object error) {
    counters.get(reason).increment();
    log.info(
        "event=admin_request_rejected reason={} status={} method={} remote={} error=\"{}\"",
        reason.label(),
        reason.status().value(),
        request.getMethod(),
        request.getRemoteAddr(),
        error);
  }
}
