package com.hrt.sre.drill.run;

import com.hrt.sre.drill.config.ConfigFileException;
import com.hrt.sre.drill.config.DrillProperties;
import com.hrt.sre.drill.config.ExitCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/**
 * Validates everything and prints the plan: exit 0 when every scenario is valid against the
 * monitoring configuration, 2 when a file is not (its message names file and field).
 */
@Component
class PlanCommand implements ApplicationRunner, ExitCodeGenerator {

  private static final Logger log = LoggerFactory.getLogger(PlanCommand.class);

  private final DrillProperties properties;
  private int exitCode;

  PlanCommand(DrillProperties properties) {
    this.properties = properties;
  }

  @Override
  public void run(ApplicationArguments args) {
    try {
      DrillPlan.build(properties).lines().forEach(log::info);
      exitCode = ExitCodes.OK;
    } catch (ConfigFileException | IllegalArgumentException e) {
      log.error("event=drill_refused exit={} reason=\"{}\"", ExitCodes.BAD_INPUT, e.getMessage());
      exitCode = ExitCodes.BAD_INPUT;
    }
  }

  @Override
  public int getExitCode() {
    return exitCode;
  }
}
