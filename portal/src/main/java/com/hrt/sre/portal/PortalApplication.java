package com.hrt.sre.portal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The demo's victim: a small web API with failure injection and RED metrics. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling // crash-loop mode checks the uptime (chaos.CrashLoopMonitor)
public class PortalApplication {

  public static void main(String[] args) {
    SpringApplication.run(PortalApplication.class, args);
  }
}
