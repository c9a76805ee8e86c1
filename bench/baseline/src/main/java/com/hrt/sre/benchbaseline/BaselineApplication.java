package com.hrt.sre.benchbaseline;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The smallest Spring Boot web app with Actuator: the startup and memory baseline of `make bench`.
 */
@SpringBootApplication
public class BaselineApplication {

  public static void main(String[] args) {
    SpringApplication.run(BaselineApplication.class, args);
  }
}
