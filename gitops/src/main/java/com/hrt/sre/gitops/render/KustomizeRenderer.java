package com.hrt.sre.gitops.render;

import com.hrt.sre.gitops.config.GitopsProperties;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Renders an overlay with the real {@code kubectl kustomize} and parses the objects it prints.
 *
 * <p>Failures come in two kinds: the commit's content ({@link RenderException}: kubectl exited with
 * status 1, its "error" status, or printed no manifests) and the tool itself ({@link
 * RenderToolException}: kubectl missing, timed out, killed or crashed with another status, I/O).
 */
@Component
public class KustomizeRenderer {

  private static final int KUBECTL_ERROR_STATUS = 1;

  private final String kubectl;
  private final List<String> flags;
  private final Duration timeout;
  private final KubernetesSerialization serialization = new KubernetesSerialization();

  public KustomizeRenderer(GitopsProperties properties) {
    this.kubectl = properties.kubectl();
    this.flags = List.copyOf(properties.kustomizeFlags());
    this.timeout = properties.renderTimeout();
  }

  /** The objects of the overlay at {@code overlay}, in the order kustomize printed them. */
  public List<HasMetadata> render(Path overlay) {
    if (!Files.isDirectory(overlay)) {
      throw new RenderException("overlay directory " + overlay + " does not exist in the commit");
    }
    return parse(run(overlay));
  }

  List<HasMetadata> parse(String yaml) {
    if (yaml.isBlank()) {
      return List.of();
    }
    Object parsed;
    try {
      parsed =
          serialization.unmarshal(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    } catch (RuntimeException e) {
      throw new RenderException("the rendered manifests do not parse: " + e.getMessage(), e);
    }
    List<HasMetadata> objects = new ArrayList<>();
    collect(parsed, objects);
    return objects;
  }

  private static void collect(Object parsed, List<HasMetadata> into) {
    if (parsed instanceof KubernetesList list) {
      into.addAll(list.getItems());
    } else if (parsed instanceof List<?> documents) {
      documents.forEach(document -> collect(document, into));
    } else if (parsed instanceof HasMetadata object) {
      into.add(object);
    } else if (parsed != null) {
      throw new RenderException("the render holds something that is not a Kubernetes object");
    }
  }

  private String run(Path overlay) {
    List<String> command = new ArrayList<>(List.of(kubectl, "kustomize"));
    command.addAll(flags);
    command.add(overlay.toString());
    Path stdout = null;
    Path stderr = null;
    try {
      stdout = Files.createTempFile("gitops-render", ".yaml");
      stderr = Files.createTempFile("gitops-render", ".err");
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile())
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new RenderToolException("kubectl kustomize took longer than " + timeout);
      }
      int status = process.exitValue();
      if (status != 0) {
        String message =
            "kubectl kustomize exited with "
                + status
                + ": "
                + withoutLogPrefix(Files.readString(stderr));
        // kubectl reports every kustomize error with status 1; anything else is a crash or a
        // signal (137: killed, e.g. out of memory), not something the commit says.
        throw status == KUBECTL_ERROR_STATUS
            ? new RenderException(message)
            : new RenderToolException(message);
      }
      return Files.readString(stdout);
    } catch (IOException e) {
      throw new RenderToolException(
          "cannot run " + String.join(" ", command) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RenderToolException("interrupted while rendering", e);
    } finally {
      deleteQuietly(stdout);
      deleteQuietly(stderr);
    }
  }

  /** kubectl's klog prefix ({@code E1128 15:43:35.64 23362 run.go:72] }) says nothing useful. */
  static String withoutLogPrefix(String stderr) {
    return stderr
        .strip()
        .replaceAll("(?m)^[EWI]\\d{4} [\\d:.]+\\s+\\d+ \\S+] ", "")
        .replace('\n', ' ');
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // A temporary file left behind is harmless; the render result is what matters.
      }
    }
  }
}
