package com.hrt.sre.loadgen.admin;

import com.hrt.sre.loadgen.traffic.TargetRate;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

/** Body of {@code PUT /admin/rate}: {@code {"rate": 50}}. */
record RateChange(
    @NotNull(message = "is required (requests per second)")
        @DecimalMin(value = "0", message = "must be at least 0 (0 pauses the traffic)")
        @DecimalMax(
            value = TargetRate.MAX_RATE_TEXT,
            message = "must be at most " + TargetRate.MAX_RATE_TEXT + " (the hard maximum rate)")
        Double rate) {}
