package com.hrt.sre.loadgen.admin;

import com.hrt.sre.loadgen.traffic.TargetRate;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Restart-free rate changes: {@code GET /admin/rate} and {@code PUT /admin/rate {"rate": N}}. The
 * token and the body's size are checked before this controller runs ({@link AdminGate}).
 */
@RestController
@RequestMapping("/admin/rate")
class RateController {

  private final TargetRate targetRate;

  RateController(TargetRate targetRate) {
    this.targetRate = targetRate;
  }

  @GetMapping
  RateView current() {
    return view();
  }

  @PutMapping
  RateView change(@Valid @RequestBody RateChange change) {
    targetRate.change(change.rate(), "admin_api");
    return view();
  }

  private RateView view() {
    return new RateView(targetRate.current(), TargetRate.MAX_RATE);
  }
}
