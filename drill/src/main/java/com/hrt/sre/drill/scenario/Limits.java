package com.hrt.sre.drill.scenario;

import java.time.Duration;
import java.util.Optional;

/**
 * What a drill must achieve to pass.
 *
 * @param slack how far over its detection floor an alert may fire and arrive (the floor is computed
 *     from the monitoring configuration, not written here)
 * @param recover from the heal to the recovery condition holding
 * @param resolve from the heal to the last expected alert's resolved message arriving
 * @param budget the largest share of the 30-day error budget the drill may consume (0.05 = 5%);
 *     empty for scenarios that do not touch the portal's SLI
 */
public record Limits(Duration slack, Duration recover, Duration resolve, Optional<Double> budget) {}
