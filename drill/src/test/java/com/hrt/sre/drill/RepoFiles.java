package com.hrt.sre.drill;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's shipped files, found from the module's working directory. */
public final class RepoFiles {

  private RepoFiles() {}

  public static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("drills"))
          && Files.isDirectory(dir.resolve("prometheus"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no repository root with drills/ and prometheus/ above here");
  }

  public static Path drills() {
    return root().resolve("drills");
  }

  public static Path prometheusYml() {
    return root().resolve("prometheus/prometheus.yml");
  }

  public static Path alertmanagerYml() {
    return root().resolve("prometheus/alertmanager.yml");
  }
}
