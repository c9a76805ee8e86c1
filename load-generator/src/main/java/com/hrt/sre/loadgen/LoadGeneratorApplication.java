package com.hrt.sre.loadgen;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Steady open-model synthetic traffic against the portal, with client-side metrics. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LoadGeneratorApplication {

  public static void main(String[] args) {
    SpringApplication.run(LoadGeneratorApplication.class, args);
  }
}
