package com.hrt.sre.drill;

import com.hrt.sre.drill.config.ExitCodes;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.bind.BindException;

/**
 * The game-day engine. Today it validates every scenario against the monitoring configuration and
 * prints the plan with each expected alert's detection floor; exit 0 when all is valid, 2 when a
 * file or a setting is not (docs/drills.md).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DrillApplication {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs once and returns the exit code. */
  public static int run(String... args) {
    try {
      return SpringApplication.exit(SpringApplication.run(DrillApplication.class, args));
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof BindException) {
          // Spring Boot has already printed which setting is wrong, its value and why.
          return ExitCodes.BAD_INPUT;
        }
      }
      throw e;
    }
  }
}
