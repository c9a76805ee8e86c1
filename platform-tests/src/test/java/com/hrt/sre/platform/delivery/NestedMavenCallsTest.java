package com.hrt.sre.platform.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.hrt.sre.platform.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Maven call a script, make target, benchmark or test runs (or tells a user to run) must work
 * on a machine whose local Maven repository holds none of this project's artifacts: a fresh clone,
 * a CI runner. A call that selects modules with {@code -pl} resolves our own modules they depend
 * on: {@code com.hrt.sre:test-support} (test scope) for a lifecycle phase, and {@code
 * com.hrt.sre:service-support} (run time, the web services) even for plugin goals alone ({@code -pl
 * portal jib:buildTar} after a package). So every such call builds them in the same reactor ({@code
 * -am}). .ci/run deletes {@code ~/.m2/repository/com/hrt} before {@code make test}, so the calls
 * that run in the tests are proven there as well.
 */
class NestedMavenCallsTest {

  /** The start of a Maven call: the wrapper, or a variable holding it. */
  private static final Pattern MAVEN = Pattern.compile("mvnw\\b|\\$\\(MVN\\)|\\$\\{MVN\\[@]}");

  @Test
  void everyCallThatSelectsModulesAlsoMakesWhatTheyNeed() {
    List<String> calls = new ArrayList<>();
    for (Path file : filesThatCallMaven()) {
      calls.addAll(mavenCalls(file));
    }
    assertThat(calls).as("Maven calls found").isNotEmpty();

    assertThat(calls)
        .as("calls with -pl but no -am (they fail on a fresh machine)")
        .filteredOn(NestedMavenCallsTest::needsAlsoMake)
        .isEmpty();
  }

  @Test
  void theCheckRecognisesACallThatWouldFailOnAFreshMachine() {
    assertThat(needsAlsoMake("./mvnw -q -pl portal,batch-sync package jib:buildTar")).isTrue();
    assertThat(needsAlsoMake("./mvnw -pl portal -am package -DskipTests")).isFalse();
    assertThat(needsAlsoMake("\"${MVN[@]}\" -pl \"$module\" jib:build -Dimage.tag=x")).isTrue();
    assertThat(needsAlsoMake("$(MVN) -q package jib:buildTar -DskipTests")).isFalse();
  }

  @Test
  void ciRunRemovesOurOwnArtifactsBeforeItRunsTheTests() throws IOException {
    List<String> lines = Files.readAllLines(RepoFiles.resolve(".ci/run"));
    int remove = lines.indexOf("rm -rf \"$HOME/.m2/repository/com/hrt\"");
    int test = lines.indexOf("make test");

    assertThat(remove).as("rm -rf \"$HOME/.m2/repository/com/hrt\" in .ci/run").isNotNegative();
    assertThat(test).as("make test in .ci/run").isGreaterThan(remove);
  }

  /** A call that selects modules and does not build their dependencies. */
  static boolean needsAlsoMake(String call) {
    List<String> words = List.of(call.split("[\\s\"',():;{}]+"));
    boolean selects = words.contains("-pl") || words.contains("--projects");
    boolean alsoMakes = words.contains("-am") || words.contains("--also-make");
    return selects && !alsoMakes;
  }

  private static List<Path> filesThatCallMaven() {
    Path root = RepoFiles.root();
    List<Path> files = new ArrayList<>();
    files.add(root.resolve("Makefile"));
    files.add(root.resolve(".ci/run"));
    for (String dir : List.of("scripts", "mk", "bench")) {
      files.addAll(walk(root.resolve(dir), p -> p.matches(".*\\.(sh|mk)$")));
    }
    try (Stream<Path> modules = Files.list(root)) {
      modules
          .filter(m -> Files.isDirectory(m.resolve("src/test/java")))
          .forEach(m -> files.addAll(walk(m.resolve("src/test/java"), p -> p.endsWith(".java"))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return files;
  }

  private static List<Path> walk(Path dir, java.util.function.Predicate<String> name) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      return paths
          .filter(Files::isRegularFile)
          .filter(p -> name.test(p.getFileName().toString()))
          .filter(
              p -> !p.toString().contains("/node_modules/") && !p.toString().contains("/target/"))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The Maven calls in a file, each as "path: words". Shell and make: the logical line (backslash
   * continuations joined) from the call on. Java: the string literals of the statement that names
   * mvnw (a command list, or a hint in a failure message). Comments are documentation, which may
   * assume {@code make build} (it installs every module).
   */
  static List<String> mavenCalls(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String where = RepoFiles.root().relativize(file) + ": ";
    List<String> calls = new ArrayList<>();
    if (file.toString().endsWith(".java")) {
      if (file.getFileName().toString().equals("NestedMavenCallsTest.java")) {
        return calls; // its own examples
      }
      Matcher m = Pattern.compile("mvnw").matcher(text);
      while (m.find()) {
        int lineStart = text.lastIndexOf('\n', m.start()) + 1;
        String line = text.substring(lineStart, m.start()).strip();
        if (line.startsWith("*") || line.startsWith("//")) {
          continue; // a comment: documentation, which may assume `make build` installed the modules
        }
        int end = text.indexOf(';', m.start());
        int start = text.lastIndexOf(';', m.start()) + 1;
        String statement = text.substring(start, end < 0 ? text.length() : end);
        StringBuilder words = new StringBuilder("mvnw");
        Matcher literal = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(statement);
        while (literal.find()) {
          words.append(' ').append(literal.group(1));
        }
        calls.add(where + words);
      }
      return calls;
    }
    for (String line : text.replace("\\\n", " ").split("\n")) {
      Matcher m = MAVEN.matcher(line);
      if (m.find() && !line.strip().startsWith("#")) {
        calls.add(where + line.substring(m.start()).strip());
      }
    }
    return calls;
  }
}
