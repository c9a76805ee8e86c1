package com.hrt.sre.batchsync;

import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Tells a configuration error apart from other start-up failures, and says in one line what is
 * wrong with the configuration (Spring Boot's failure report above it has the details: the
 * property's origin, e.g. the environment variable).
 */
final class StartupFailures {

  private StartupFailures() {}

  /** The configuration problem behind {@code failure}, if a setting could not be bound. */
  static Optional<String> configurationProblem(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof BindException bind) {
        return Optional.of(oneLine(problemOf(bind)));
      }
    }
    return Optional.empty();
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
