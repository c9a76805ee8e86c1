package com.hrt.sre.portal.chaos;

import com.hrt.sre.portal.system.BoundedBody;
import com.hrt.sre.portal.system.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.UncheckedIOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Runtime control of failure injection: {@code GET /admin/chaos}, {@code PUT /admin/chaos} (any
 * subset of the fields; absent fields keep their value), {@code POST /admin/chaos/reset} (all off).
 * Every route is authenticated by {@link AdminAuthInterceptor} before this controller (or anything
 * else) reads the body, so a caller without the token learns nothing and costs nothing.
 */
@RestController
@RequestMapping("/admin/chaos")
class ChaosAdminController {

  /** Far above the ~100 bytes of a settings object, far below anything that could hurt the heap. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  private static final Logger log = LoggerFactory.getLogger(ChaosAdminController.class);

  private final ChaosControl control;

  ChaosAdminController(ChaosControl control) {
    this.control = control;
  }

  @GetMapping
  ChaosSettings current() {
    return control.current();
  }

  /** The body is read here, bounded, so that its JSON is checked field by field. */
  @PutMapping
  ChaosSettings update(HttpServletRequest request) {
    JsonNode patch = parse(BoundedBody.read(request, MAX_BODY_BYTES));
    return control.change("put", actor(request), old -> ChaosSettingsPatch.apply(old, patch));
  }

  @PostMapping("/reset")
  ChaosSettings reset(HttpServletRequest request) {
    return control.change("reset", actor(request), old -> ChaosSettings.OFF);
  }

  @ExceptionHandler(UncheckedIOException.class)
  ProblemDetail notSaved(UncheckedIOException e) {
    log.error("event=chaos_state_save_failed reason=\"{}\"", e.getMessage());
    return ProblemDetail.forStatusAndDetail(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "chaos settings could not be saved, nothing was changed: " + e.getMessage());
  }

  private static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return null; // reported as a missing body by ChaosSettingsPatch
    }
    try {
      return ChaosJson.STRICT.readTree(body);
    } catch (JacksonException e) {
      throw new InvalidRequestException(
          "request body is not valid JSON; nothing was changed",
          Map.of("body", e.getOriginalMessage()));
    }
  }

  /** Who made a change, for the change log: the token holder, from which address. */
  private static String actor(HttpServletRequest request) {
    return "admin-token@" + request.getRemoteAddr();
  }
}
