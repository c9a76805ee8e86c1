package com.hrt.sre.mockslack;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** A Slack stand-in that receives Alertmanager notifications and shows them live. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MockSlackApplication {

  public static void main(String[] args) {
    SpringApplication.run(MockSlackApplication.class, args);
  }
}
