package com.hrt.sre.gitops;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** A lightweight GitOps watcher: render a Kustomize overlay on each new commit and apply it. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GitopsWatcherApplication {

  public static void main(String[] args) {
    SpringApplication.run(GitopsWatcherApplication.class, args);
  }
}
