package com.hrt.sre.drill.act;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real {@code kubectl}, pinned to one context (and kubeconfig, if given), each call bounded. A
 * failed call throws with kubectl's own stderr, which names the object and the reason.
 */
final class Kubectl {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String binary;
  private final String context;
  private final String kubeconfig;
  private final Duration timeout;

  /**
   * @param binary the kubectl executable (a name on PATH or a path)
   * @param context the kube context, or empty for the kubeconfig's current one
   * @param kubeconfig a kubeconfig file, or empty for kubectl's default lookup
   * @param timeout the bound of one call
   */
  Kubectl(String binary, String context, String kubeconfig, Duration timeout) {
    this.binary = binary;
    this.context = context;
    this.kubeconfig = kubeconfig;
    this.timeout = timeout;
  }

  /** Runs {@code kubectl <args>} and returns its stdout, or throws naming what failed. */
  String run(String what, String... args) {
    return runWithInput(what, "", args);
  }

  String runWithInput(String what, String stdin, String... args) {
    Command.Result result = command(args).run(stdin);
    if (!result.ok()) {
      throw new ActionFailedException(
          what
              + ": kubectl "
              + String.join(" ", args)
              + " failed (exit "
              + result.exit()
              + "): "
              + result.stderr().strip());
    }
    return result.stdout();
  }

  /** {@code kubectl <args> -o json}, parsed. */
  JsonNode json(String what, String... args) {
    List<String> withOutput = new ArrayList<>(List.of(args));
    withOutput.addAll(List.of("-o", "json"));
    String out = run(what, withOutput.toArray(String[]::new));
    try {
      return JSON.readTree(out);
    } catch (JacksonException e) {
      throw new ActionFailedException(what + ": kubectl's answer is not JSON: " + out);
    }
  }

  /** A long-running kubectl (port-forward), started with the same context and kubeconfig. */
  ProcessBuilder background(String... args) {
    return new ProcessBuilder(argv(args));
  }

  static JsonMapper mapper() {
    return JSON;
  }

  private Command command(String... args) {
    return new Command(argv(args), Map.of(), null, timeout);
  }

  private List<String> argv(String... args) {
    List<String> argv = new ArrayList<>(List.of(binary));
    if (!kubeconfig.isBlank()) {
      argv.addAll(List.of("--kubeconfig", kubeconfig));
    }
    if (!context.isBlank()) {
      argv.addAll(List.of("--context", context));
    }
    argv.addAll(List.of(args));
    return argv;
  }
}
