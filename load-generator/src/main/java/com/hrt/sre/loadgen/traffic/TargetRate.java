package com.hrt.sre.loadgen.traffic;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The request rate the generator aims at, changeable at run time. The hard upper bound {@link
 * #MAX_RATE} is not configurable: whatever the environment or the admin API asks for, this
 * generator never floods its target.
 */
@Component
public class TargetRate {

  /** Hard upper bound in requests per second, as text for validation annotations. */
  public static final String MAX_RATE_TEXT = "500";

  /** Hard upper bound in requests per second. */
  public static final double MAX_RATE = Double.parseDouble(MAX_RATE_TEXT);

  private static final Logger log = LoggerFactory.getLogger(TargetRate.class);

  private volatile double requestsPerSecond;

  public TargetRate(LoadGeneratorProperties properties) {
    this.requestsPerSecond = requireAllowed(properties.rate());
  }

  /** Requests per second now; 0 means paused. */
  public double current() {
    return requestsPerSecond;
  }

  /** Sets a new rate, effective from the generator's next tick. */
  public void change(double newRate, String source) {
    double previous = requestsPerSecond;
    requestsPerSecond = requireAllowed(newRate);
    log.info("event=rate_changed from={} to={} source={}", previous, newRate, source);
  }

  private static double requireAllowed(double rate) {
    if (!(rate >= 0 && rate <= MAX_RATE)) {
      throw new IllegalArgumentException("rate must be between 0 and " + MAX_RATE + ": " + rate);
    }
    return rate;
  }
}
