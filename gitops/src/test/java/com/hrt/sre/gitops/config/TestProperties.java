package com.hrt.sre.gitops.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link GitopsProperties} for tests: the shipped defaults, with the few settings a test sets. */
public final class TestProperties {

  private String repository = ".";
  private String branch = "main";
  private String path = "k8s/overlays/dev";
  private Duration pollInterval = Duration.ofSeconds(1);
  private Path workDir = Path.of("/tmp/w");
  private String kubectl = "kubectl";
  private List<String> namespaces = List.of("portal", "hrt-sre");
  private List<String> kustomizeFlags = List.of();
  private boolean dryRun;
  private Duration renderTimeout = Duration.ofMinutes(1);
  private Duration gitTimeout = Duration.ofSeconds(30);
  private Duration fetchTimeout = Duration.ofMinutes(5);
  private Duration retryMaxBackoff = Duration.ofMinutes(5);

  /** The allow-list application.properties ships ({@code GITOPS_CLUSTER_SCOPED}'s default). */
  public static final List<String> SHIPPED_CLUSTER_SCOPED = shippedDefault("gitops.cluster-scoped");

  private TestProperties() {}

  /**
   * The default of {@code ${ENV:default}} for {@code key} in the shipped application.properties.
   */
  private static List<String> shippedDefault(String key) {
    Properties shipped = new Properties();
    try (InputStream in = TestProperties.class.getResourceAsStream("/application.properties")) {
      shipped.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Matcher value = Pattern.compile("\\$\\{[A-Z_]+:(.*)}").matcher(shipped.getProperty(key));
    if (!value.matches()) {
      throw new IllegalStateException(key + " has no ${ENV:default} in application.properties");
    }
    return List.of(value.group(1).split(","));
  }

  public static TestProperties defaults() {
    return new TestProperties();
  }

  public TestProperties repository(String value) {
    repository = value;
    return this;
  }

  public TestProperties branch(String value) {
    branch = value;
    return this;
  }

  public TestProperties path(String value) {
    path = value;
    return this;
  }

  public TestProperties pollInterval(Duration value) {
    pollInterval = value;
    return this;
  }

  public TestProperties workDir(Path value) {
    workDir = value;
    return this;
  }

  public TestProperties kubectl(String value) {
    kubectl = value;
    return this;
  }

  public TestProperties namespaces(String... value) {
    namespaces = List.of(value);
    return this;
  }

  public TestProperties kustomizeFlags(String... value) {
    kustomizeFlags = List.of(value);
    return this;
  }

  public TestProperties dryRun(boolean value) {
    dryRun = value;
    return this;
  }

  public TestProperties renderTimeout(Duration value) {
    renderTimeout = value;
    return this;
  }

  public TestProperties gitTimeout(Duration value) {
    gitTimeout = value;
    return this;
  }

  public TestProperties fetchTimeout(Duration value) {
    fetchTimeout = value;
    return this;
  }

  public TestProperties retryMaxBackoff(Duration value) {
    retryMaxBackoff = value;
    return this;
  }

  public GitopsProperties build() {
    return new GitopsProperties(
        repository,
        branch,
        path,
        pollInterval,
        workDir,
        kubectl,
        kustomizeFlags,
        "hrt-sre-gitops",
        "hrt-sre-gitops",
        namespaces,
        SHIPPED_CLUSTER_SCOPED,
        dryRun,
        true,
        renderTimeout,
        gitTimeout,
        fetchTimeout,
        retryMaxBackoff);
  }
}
