package com.hrt.sre.portal.chaos;

import com.hrt.sre.portal.system.InvalidRequestException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the chaos settings in {@code <PORTAL_STATE_DIR>/chaos-state.json}.
 *
 * <p>In Kubernetes the directory is an {@code emptyDir}: it lives as long as the pod, so the state
 * survives a container restart (the kubelet restarting a crash-looping container) but not a new pod
 * (a rollout restart). Writes go to a temporary file in the same directory, are flushed to disk,
 * and are renamed over the old file, so a crash mid-write leaves the old or the new state, never
 * half of one.
 */
@Component
class ChaosStateStore {

  static final String FILE_NAME = "chaos-state.json";
  private static final Logger log = LoggerFactory.getLogger(ChaosStateStore.class);

  private final Path file;
  private final JsonMapper json;

  ChaosStateStore(ChaosProperties properties) {
    this.file = properties.persistent() ? Path.of(properties.stateDir(), FILE_NAME) : null;
    this.json = ChaosJson.STRICT;
  }

  /** The saved settings, if a valid state file exists; a bad file is reported and ignored. */
  Optional<ChaosSettings> load() {
    if (file == null || !Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(ChaosSettingsPatch.apply(ChaosSettings.OFF, json.readTree(file.toFile())));
    } catch (JacksonException e) {
      return ignored(e.getOriginalMessage());
    } catch (InvalidRequestException e) {
      return ignored(e.fieldErrors().toString());
    }
  }

  /**
   * Start from the environment's settings rather than refuse to start: a pod whose state file is
   * damaged should still serve (and a rollout restart gives it a clean one anyway).
   */
  private Optional<ChaosSettings> ignored(String reason) {
    log.warn("event=chaos_state_ignored file={} reason=\"{}\"", file, reason);
    return Optional.empty();
  }

  /** Atomically replaces the state file; no-op when no state directory is configured. */
  void save(ChaosSettings settings) {
    if (file == null) {
      return;
    }
    Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      byte[] content = json.writeValueAsBytes(settings);
      try (FileChannel channel =
          FileChannel.open(
              temporary,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(content));
        channel.force(true);
      }
      try {
        Files.move(
            temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write chaos state to " + file, e);
    }
  }

  String describe() {
    return file == null ? "memory-only" : file.toString();
  }
}
