package com.hrt.sre.autohealer;

import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * A CronJob that rolls out restarts of crash-looping workloads, with safety rails. One process is
 * one scan: it exits 0 when all went well, 1 when a heal failed, 2 on bad configuration.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AutoHealerApplication {

  /** Exit code for a configuration the healer refuses to run with. */
  public static final int BAD_CONFIGURATION = 2;

  private static final Logger log = LoggerFactory.getLogger(AutoHealerApplication.class);

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs once and returns the exit code. Tests pass an initializer that registers the mock server's
   * client.
   */
  @SafeVarargs
  public static int run(
      String[] args,
      ApplicationContextInitializer<ConfigurableApplicationContext>... initializers) {
    SpringApplication application = new SpringApplication(AutoHealerApplication.class);
    application.addInitializers(initializers);
    ConfigurableApplicationContext context;
    try {
      context = application.run(args);
    } catch (RuntimeException e) {
      if (isBadConfiguration(e)) {
        // Spring Boot has already printed which property is wrong and why.
        log.error(
            "event=bad_configuration exit={} reason=\"{}\"", BAD_CONFIGURATION, rootMessage(e));
        return BAD_CONFIGURATION;
      }
      log.error("event=startup_failed exit=1 reason=\"{}\"", rootMessage(e));
      return 1;
    }
    return SpringApplication.exit(context);
  }

  private static boolean isBadConfiguration(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return true;
      }
    }
    return false;
  }

  /** One line: the rejected fields of a validation failure, else the root cause's message. */
  private static String rootMessage(Throwable e) {
    Throwable root = e;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindValidationException invalid) {
        return invalid.getValidationErrors().getAllErrors().stream()
            .map(AutoHealerApplication::describe)
            .collect(Collectors.joining("; "));
      }
      root = t;
    }
    return String.valueOf(root.getMessage()).lines().findFirst().orElse("");
  }

  private static String describe(ObjectError error) {
    return error instanceof FieldError field
        ? field.getObjectName()
            + "."
            + field.getField()
            + "="
            + field.getRejectedValue()
            + ": "
            + field.getDefaultMessage()
        : error.getDefaultMessage();
  }
}
