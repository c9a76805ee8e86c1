package com.hrt.sre.platform;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths inside the repository, for tests of the files that are not Java code. */
public final class RepoFiles {

  private RepoFiles() {}

  /** The repository root (set by Surefire; falls back to the parent of the working directory). */
  public static Path root() {
    String configured = System.getProperty("repo.root");
    Path root = configured != null ? Path.of(configured) : Path.of("..");
    root = root.toAbsolutePath().normalize();
    if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve(".ci"))) {
      throw new IllegalStateException("not the repository root: " + root);
    }
    return root;
  }

  public static Path resolve(String relative) {
    return root().resolve(relative);
  }
}
