package com.hrt.sre.drill.run;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the runner reaches the stack and paces itself (application.properties maps the Makefile's
 * PLAYER and DRY_RUN onto these).
 *
 * @param prometheusUrl Prometheus (local mode's, or the cluster's port-forward)
 * @param mockSlackUrl mock-slack, where alerts arrive and the #gameday summary is posted
 * @param player a person's name: wait for them to heal instead of healing; empty heals itself
 * @param dryRun print the plan only, touch nothing
 * @param poll how often Prometheus and mock-slack are read while waiting
 * @param quietWait how long the preflight waits for an earlier incident's alerts to clear (and
 *     every target to be up) before it refuses
 * @param playerTimeout how long a player has from the page to the recovery
 * @param grace how long the runner keeps watching past a limit, so a late alert is reported with
 *     its real time instead of "never" (the verdict still uses the limit)
 * @param alwaysFiring alerts that fire by design (the dead man's switch); never noise, never loud
 */
@Validated
@ConfigurationProperties(prefix = "drill.run")
public record RunSettings(
    @DefaultValue("http://127.0.0.1:9090") @NotNull URI prometheusUrl,
    @DefaultValue("http://127.0.0.1:8081") @NotNull URI mockSlackUrl,
    @DefaultValue("") @NotNull String player,
    @DefaultValue("false") boolean dryRun,
    @DefaultValue("5s") @NotNull Duration poll,
    @DefaultValue("10m") @NotNull Duration quietWait,
    @DefaultValue("30m") @NotNull Duration playerTimeout,
    @DefaultValue("1m") @NotNull Duration grace,
    @DefaultValue("Watchdog") @NotNull List<String> alwaysFiring) {

  public boolean hasPlayer() {
    return !player.isBlank();
  }
}
