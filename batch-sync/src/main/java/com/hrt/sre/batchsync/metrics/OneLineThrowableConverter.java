package com.hrt.sre.batchsync.metrics;

import ch.qos.logback.classic.pattern.ThrowableHandlingConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;

/**
 * Logback converter that renders an event's exception and its causes as one line ({@code
 * ConnectException: Connection refused}), with no stack trace. Used for Spring Boot's Pushgateway
 * push warnings (logback-spring.xml): an unreachable Pushgateway is an expected condition for a
 * batch job, worth one log line, not a stack trace.
 */
public class OneLineThrowableConverter extends ThrowableHandlingConverter {

  @Override
  public String convert(ILoggingEvent event) {
    StringBuilder line = new StringBuilder();
    for (IThrowableProxy cause = event.getThrowableProxy();
        cause != null;
        cause = cause.getCause()) {
      if (!line.isEmpty()) {
        line.append("; caused by ");
      }
      String type = cause.getClassName();
      line.append(type.substring(type.lastIndexOf('.') + 1));
      if (cause.getMessage() != null) {
        line.append(": ").append(cause.getMessage());
      }
    }
    return line.toString().replaceAll("[\\r\\n\"]+", " ");
  }
}
