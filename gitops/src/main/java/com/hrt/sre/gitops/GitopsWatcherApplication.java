package com.hrt.sre.gitops;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * A lightweight GitOps watcher: render a Kustomize overlay on each new commit and apply it.
 *
 * <p>Runs as a service (polls, serves /health and /metrics on 8083) or, with {@code --once}, syncs
 * one time without a web server and exits 0 on success, 1 on failure. {@code --dry-run} logs what
 * would change instead of changing it.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class GitopsWatcherApplication {

  public static void main(String[] args) {
    List<String> springArgs = toSpringArguments(args);
    ConfigurableApplicationContext context =
        new SpringApplicationBuilder(GitopsWatcherApplication.class)
            .run(springArgs.toArray(String[]::new));
    if (springArgs.contains(ONCE)) {
      System.exit(SpringApplication.exit(context));
    }
  }

  private static final String ONCE = "--gitops.once=true";

  /**
   * Turns the short flags into Spring properties. Command-line arguments outrank
   * application.properties, so {@code --once} wins over {@code GITOPS_ONCE}'s default.
   */
  static List<String> toSpringArguments(String... args) {
    List<String> result = new ArrayList<>();
    for (String arg : args) {
      switch (arg) {
        case "--once" -> {
          result.add(ONCE);
          result.add("--spring.main.web-application-type=none");
        }
        case "--dry-run" -> result.add("--gitops.dry-run=true");
        default -> result.add(arg);
      }
    }
    return result;
  }
}
