package com.hrt.sre.autohealer;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** A CronJob that rolls out restarts of crash-looping workloads, with safety rails. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AutoHealerApplication {

  public static void main(String[] args) {
    SpringApplication.run(AutoHealerApplication.class, args);
  }
}
