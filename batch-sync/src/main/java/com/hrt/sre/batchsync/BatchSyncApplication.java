package com.hrt.sre.batchsync;

import java.util.Locale;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * A CronJob batch: pulls the portal's records and pushes run metrics to the Pushgateway.
 *
 * <p>Exit codes: 0 the run succeeded; 1 the run failed (too many failed records, portal
 * unreachable, unexpected error); 2 the configuration is invalid (nothing was run).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BatchSyncApplication {

  static final int CONFIGURATION_ERROR = 2;
  static final int STARTUP_FAILURE = 1;

  private static final Logger log = LoggerFactory.getLogger(BatchSyncApplication.class);

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the job once (the batch itself runs as an ApplicationRunner during start-up) and returns
   * its exit code. {@link SpringApplication#exit} asks the run for its code and closes the context;
   * closing is what makes Spring Boot push the metrics to the Pushgateway, so the push is done
   * before the code is returned and the JVM exits.
   */
  public static int run(String... args) {
    ConfigurableApplicationContext context;
    try {
      context = SpringApplication.run(BatchSyncApplication.class, args);
    } catch (RuntimeException startupFailure) {
      return startupFailureExitCode(startupFailure);
    }
    return SpringApplication.exit(context);
  }

  private static int startupFailureExitCode(RuntimeException failure) {
    // Spring Boot's failure analysis has already printed the offending property and its origin;
    // this adds the one key=value line a log search finds.
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof BindException bind) {
        log.error(
            "event=config_error exit_code={} problem=\"{}\"",
            CONFIGURATION_ERROR,
            oneLine(problemOf(bind)));
        return CONFIGURATION_ERROR;
      }
    }
    log.error("event=startup_failed exit_code={} error=\"{}\"", STARTUP_FAILURE, failure, failure);
    return STARTUP_FAILURE;
  }

  private static String problemOf(BindException bind) {
    if (bind.getCause() instanceof BindValidationException validation) {
      String prefix = validation.getValidationErrors().getName() + ".";
      return validation.getValidationErrors().getAllErrors().stream()
          .map(error -> describe(prefix, error))
          .collect(Collectors.joining("; "));
    }
    Throwable root = bind;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return bind.getName() + " cannot be read: " + root.getMessage();
  }

  private static String describe(String prefix, ObjectError error) {
    if (error instanceof FieldError field && !(field.getRejectedValue() instanceof Boolean)) {
      String property =
          field.getField().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
      return prefix
          + property
          + " "
          + field.getDefaultMessage()
          + " (was "
          + field.getRejectedValue()
          + ")";
    }
    // A cross-field check (@AssertTrue) whose message names the properties itself.
    return error.getDefaultMessage();
  }

  private static String oneLine(String text) {
    return String.valueOf(text).replaceAll("\\s*[\\r\\n]+\\s*", " ").replace('"', '\'');
  }
}
