package com.hrt.sre.autohealer.run;

import com.hrt.sre.autohealer.config.AutoHealerProperties;
import com.hrt.sre.autohealer.report.MetricsPusher;
import com.hrt.sre.autohealer.report.RunReport;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/**
 * The CronJob's one run: heal, print the summary, push the metrics, and leave the exit code (0 when
 * everything worked, 1 when a heal failed or a namespace could not be read).
 */
@Component
class HealJob implements ApplicationRunner, ExitCodeGenerator {

  private static final Logger log = LoggerFactory.getLogger(HealJob.class);

  private final HealRun run;
  private final MetricsPusher pusher;
  private final AutoHealerProperties properties;
  private final String apiServer;
  private int exitCode;

  HealJob(KubernetesClient client, AutoHealerProperties properties, Clock clock) {
    this.properties = properties;
    this.apiServer = client.getMasterUrl().toString();
    this.run =
        new HealRun(
            client,
            properties,
            clock,
            Optional.ofNullable(System.getenv("HOSTNAME")).orElse(MetricsPusher.JOB));
    this.pusher = new MetricsPusher(properties.pushgatewayUrl());
  }

  @Override
  public void run(ApplicationArguments args) {
    log.info(
        "event=run_started api={} namespaces=\"{}\" labelSelector=\"{}\" restartThreshold={}"
            + " restartWindow={} cooldown={} maxHealsPerHour={} maxHealsPerRun={} dryRun={}",
        apiServer,
        properties.scope(),
        properties.labelSelector(),
        properties.restartThreshold(),
        properties.restartWindow(),
        properties.cooldown(),
        properties.maxHealsPerHour(),
        properties.maxHealsPerRun(),
        properties.dryRun());
    RunReport report = run.run();
    report.summary().forEach(log::info);
    pusher.push(report);
    exitCode = report.hasFailures() ? 1 : 0;
  }

  @Override
  public int getExitCode() {
    return exitCode;
  }
}
