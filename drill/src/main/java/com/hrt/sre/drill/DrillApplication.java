package com.hrt.sre.drill;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The game-day engine. Today it validates every scenario against the monitoring configuration and
 * prints the plan with each expected alert's detection floor; exit 0 when all is valid, 2 when a
 * file is not (docs/drills.md).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class DrillApplication {

  public static void main(String[] args) {
    System.exit(SpringApplication.exit(SpringApplication.run(DrillApplication.class, args)));
  }
}
