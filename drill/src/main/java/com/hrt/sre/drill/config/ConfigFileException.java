package com.hrt.sre.drill.config;

import java.nio.file.Path;

/**
 * A file the drill reads (a scenario, a Prometheus or Alertmanager configuration) that cannot be
 * used. The message starts with the file and, where there is one, the field: {@code
 * drills/errors.yaml: expect[0].channel: must start with '#'}.
 */
public class ConfigFileException extends RuntimeException {

  private final Path file;

  public ConfigFileException(Path file, String problem) {
    super(file + ": " + problem);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
