package com.hrt.sre.batchsync;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

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
    Optional<String> configurationProblem = StartupFailures.configurationProblem(failure);
    if (configurationProblem.isPresent()) {
      log.error(
          "event=config_error exit_code={} problem=\"{}\"",
          CONFIGURATION_ERROR,
          configurationProblem.get());
      return CONFIGURATION_ERROR;
    }
    log.error("event=startup_failed exit_code={} error=\"{}\"", STARTUP_FAILURE, failure, failure);
    return STARTUP_FAILURE;
  }
}
