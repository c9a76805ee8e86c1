package com.hrt.sre.platform.delivery;

import com.hrt.sre.platform.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The CI workflow (.github/workflows/ci.yml) as data: its jobs, their steps and the shell they run,
 * for the tests that check what each job does.
 */
final class Workflow {

  static final String FILE = ".github/workflows/ci.yml";

  private final Map<String, Object> root;

  private Workflow(Map<String, Object> root) {
    this.root = root;
  }

  static Workflow ci() {
    return new Workflow(Rendered.file(FILE));
  }

  /** The workflow-level {@code env}, values as strings. */
  Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    Rendered.map(root, "env").forEach((key, value) -> env.put(key, String.valueOf(value)));
    return env;
  }

  /** The jobs in file order. */
  @SuppressWarnings("unchecked")
  Map<String, Job> jobs() {
    Map<String, Job> jobs = new LinkedHashMap<>();
    Rendered.map(root, "jobs")
        .forEach((name, job) -> jobs.put(name, new Job(name, (Map<String, Object>) job)));
    return jobs;
  }

  Job job(String name) {
    return Objects.requireNonNull(jobs().get(name), () -> "no job " + name + " in " + FILE);
  }

  /** The text of the workflow file. */
  static String text() {
    return read(FILE);
  }

  /** A file of the repository as text. */
  static String read(String relative) {
    return read(RepoFiles.resolve(relative));
  }

  static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One job of the workflow. */
  record Job(String name, Map<String, Object> spec) {

    @SuppressWarnings("unchecked")
    List<Step> steps() {
      List<Step> steps = new ArrayList<>();
      Object list = spec.get("steps");
      if (list instanceof List<?> items) {
        for (Object item : items) {
          steps.add(new Step((Map<String, Object>) item));
        }
      }
      return steps;
    }

    /** Every {@code run:} of the job, in order, joined by newlines. */
    String script() {
      return String.join("\n", steps().stream().map(Step::run).toList());
    }

    Object get(String key) {
      return spec.get(key);
    }
  }

  /** One step of a job. */
  record Step(Map<String, Object> spec) {

    String name() {
      return String.valueOf(spec.getOrDefault("name", spec.getOrDefault("uses", "run")));
    }

    /** The step's shell, with {@code \}-continued lines joined ("" for a {@code uses:} step). */
    String run() {
      return String.valueOf(spec.getOrDefault("run", "")).replace("\\\n", " ");
    }

    String uses() {
      return String.valueOf(spec.getOrDefault("uses", ""));
    }

    Map<String, Object> with() {
      return Rendered.map(spec, "with");
    }

    Map<String, Object> env() {
      return Rendered.map(spec, "env");
    }

    String condition() {
      return String.valueOf(spec.getOrDefault("if", ""));
    }

    /** The step's {@code timeout-minutes}, or 0 if it has none. */
    int timeoutMinutes() {
      return spec.get("timeout-minutes") instanceof Integer minutes ? minutes : 0;
    }
  }
}
