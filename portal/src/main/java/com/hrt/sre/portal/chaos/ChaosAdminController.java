package com.hrt.sre.portal.chaos;

import com.hrt.sre.portal.chaos.AdminAccess.AdminDisabledException;
import com.hrt.sre.portal.chaos.AdminAccess.AdminUnauthorizedException;
import com.hrt.sre.portal.system.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.UncheckedIOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Runtime control of failure injection: {@code GET /admin/chaos}, {@code PUT /admin/chaos} (any
 * subset of the fields; absent fields keep their value), {@code POST /admin/chaos/reset} (all off).
 * The token is checked before the body is looked at, so a caller without it learns nothing.
 */
@RestController
@RequestMapping("/admin/chaos")
class ChaosAdminController {

  private static final Logger log = LoggerFactory.getLogger(ChaosAdminController.class);

  private final ChaosControl control;
  private final AdminAccess access;

  ChaosAdminController(ChaosControl control, AdminAccess access) {
    this.control = control;
    this.access = access;
  }

  @GetMapping
  ChaosSettings current(
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
    access.check(authorization);
    return control.current();
  }

  /** The body is read as bytes so that its JSON is checked here, field by field. */
  @PutMapping
  ChaosSettings update(
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @RequestBody(required = false) byte[] body,
      HttpServletRequest request) {
    access.check(authorization);
    JsonNode patch = parse(body);
    return control.change("put", actor(request), old -> ChaosSettingsPatch.apply(old, patch));
  }

  @PostMapping("/reset")
  ChaosSettings reset(
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      HttpServletRequest request) {
    access.check(authorization);
    return control.change("reset", actor(request), old -> ChaosSettings.OFF);
  }

  @ExceptionHandler(AdminDisabledException.class)
  ResponseEntity<ProblemDetail> disabled(AdminDisabledException e, HttpServletRequest request) {
    log.warn("event=admin_rejected reason=disabled remote={}", request.getRemoteAddr());
    return ResponseEntity.status(HttpStatus.FORBIDDEN)
        .body(ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage()));
  }

  @ExceptionHandler(AdminUnauthorizedException.class)
  ResponseEntity<ProblemDetail> unauthorized(
      AdminUnauthorizedException e, HttpServletRequest request) {
    log.warn(
        "event=admin_rejected reason=\"{}\" remote={}", e.getMessage(), request.getRemoteAddr());
    return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"portal-admin\"")
        .body(
            ProblemDetail.forStatusAndDetail(
                HttpStatus.UNAUTHORIZED,
                e.getMessage() + ": send Authorization: Bearer <PORTAL_ADMIN_TOKEN>"));
  }

  @ExceptionHandler(UncheckedIOException.class)
  ProblemDetail notSaved(UncheckedIOException e) {
    log.error("event=chaos_state_save_failed reason=\"{}\"", e.getMessage());
    return ProblemDetail.forStatusAndDetail(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "chaos settings could not be saved, nothing was changed: " + e.getMessage());
  }

  private static JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
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
