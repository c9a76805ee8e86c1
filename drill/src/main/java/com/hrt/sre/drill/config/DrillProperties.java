package com.hrt.sre.drill.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the drill finds its inputs and what it is asked to run (application.properties maps the
 * Makefile's MODE and SCENARIO onto these).
 *
 * @param repository the repository root; every other path is relative to it
 * @param drills the scenario files' directory
 * @param prometheusConfig Prometheus' configuration (its rule_files are read from it)
 * @param alertmanagerConfig Alertmanager's configuration
 * @param mode local or cluster
 * @param scenario one scenario's name, or empty for all
 * @param reportDir where report cards are written, one timestamped directory per run
 */
@Validated
@ConfigurationProperties(prefix = "drill")
public record DrillProperties(
    @DefaultValue(".") @NotNull Path repository,
    @DefaultValue("drills") @NotNull Path drills,
    @DefaultValue("prometheus/prometheus.yml") @NotNull Path prometheusConfig,
    @DefaultValue("prometheus/alertmanager.yml") @NotNull Path alertmanagerConfig,
    @DefaultValue("local") @NotBlank @Pattern(regexp = "local|cluster") String mode,
    @DefaultValue("") @Pattern(regexp = "|[a-z0-9][a-z0-9-]*") String scenario,
    @DefaultValue(".local/drills") @NotNull Path reportDir) {

  public Path resolve(Path path) {
    return repository.resolve(path).normalize();
  }
}
