package com.hrt.sre.batchsync;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** A CronJob batch: pulls the portal's records and pushes run metrics to the Pushgateway. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BatchSyncApplication {

  public static void main(String[] args) {
    SpringApplication.run(BatchSyncApplication.class, args);
  }
}
