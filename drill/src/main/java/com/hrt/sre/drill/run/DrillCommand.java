package com.hrt.sre.drill.run;

import com.hrt.sre.drill.act.StepExecutor;
import com.hrt.sre.drill.config.ConfigFileException;
import com.hrt.sre.drill.config.DrillProperties;
import com.hrt.sre.drill.config.ExitCodes;
import com.hrt.sre.drill.observe.MockSlackClient;
import com.hrt.sre.drill.observe.PrometheusClient;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/**
 * {@code make drill}: validates every scenario and prints the plan (exit 2 naming file and field
 * when one is refused), then, unless it is a dry run, runs the game day ({@link GameDay}).
 */
@Component
class DrillCommand implements ApplicationRunner, ExitCodeGenerator {

  private static final Logger log = LoggerFactory.getLogger(DrillCommand.class);

  private final DrillProperties properties;
  private final RunSettings settings;
  private final ObjectProvider<StepExecutor> executor;
  private int exitCode;

  DrillCommand(
      DrillProperties properties, RunSettings settings, ObjectProvider<StepExecutor> executor) {
    this.properties = properties;
    this.settings = settings;
    this.executor = executor;
  }

  @Override
  public void run(ApplicationArguments args) {
    DrillPlan plan;
    try {
      plan = DrillPlan.build(properties);
    } catch (ConfigFileException | IllegalArgumentException e) {
      log.error("event=drill_refused exit={} reason=\"{}\"", ExitCodes.BAD_INPUT, e.getMessage());
      exitCode = ExitCodes.BAD_INPUT;
      return;
    }
    plan.lines().forEach(log::info);
    if (settings.dryRun()) {
      exitCode = ExitCodes.OK;
      return;
    }
    exitCode = gameDay(plan).run();
  }

  private GameDay gameDay(DrillPlan plan) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    PrometheusClient prometheus = new PrometheusClient(settings.prometheusUrl(), http);
    MockSlackClient mockSlack = new MockSlackClient(settings.mockSlackUrl(), http);
    Pacer pacer = Pacer.system();
    Consumer<String> out = log::info;
    return new GameDay(
        plan,
        new Preflight(prometheus, mockSlack, settings, pacer, out),
        new ScenarioRunner(
            prometheus, mockSlack, executor.getObject(), plan.floors(), settings, pacer, out),
        new ReportFiles(properties.resolve(properties.reportDir())),
        mockSlack,
        pacer,
        out);
  }

  @Override
  public int getExitCode() {
    return exitCode;
  }
}
