package com.hrt.sre.loadgen.admin;

import com.hrt.sre.loadgen.traffic.TargetRate;
import jakarta.validation.Valid;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Restart-free rate changes: {@code GET /admin/rate} and {@code PUT /admin/rate {"rate": N}}. */
@RestController
@RequestMapping("/admin/rate")
class RateController {

  private final TargetRate targetRate;
  private final AdminProperties admin;

  RateController(TargetRate targetRate, AdminProperties admin) {
    this.targetRate = targetRate;
    this.admin = admin;
  }

  @GetMapping
  RateView current() {
    return view();
  }

  @PutMapping
  RateView change(
      @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
      @Valid @RequestBody RateChange change) {
    requireToken(authorization);
    targetRate.change(change.rate(), "admin_api");
    return view();
  }

  private RateView view() {
    return new RateView(targetRate.current(), TargetRate.MAX_RATE);
  }

  private void requireToken(String authorization) {
    if (!admin.tokenRequired()) {
      return;
    }
    byte[] expected = ("Bearer " + admin.token()).getBytes(StandardCharsets.UTF_8);
    byte[] given = String.valueOf(authorization).getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(expected, given)) {
      throw new ResponseStatusException(
          HttpStatus.UNAUTHORIZED, "missing or wrong Authorization: Bearer <LOADGEN_ADMIN_TOKEN>");
    }
  }
}
