package com.hrt.sre.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A kubeconfig as kubectl writes one, for an API-server double: one cluster, one user without
 * credentials (the doubles ask for none), one context, current. Read by the real kubectl and by
 * fabric8's {@code Config.autoConfigure} alike.
 */
public final class Kubeconfig {

  private Kubeconfig() {}

  /**
   * Writes {@code file} with the only context {@code context} pointing at {@code server} (plain
   * http); returns {@code file}.
   */
  public static Path write(Path file, String server, String context) {
    try {
      Files.writeString(
          file,
          """
          apiVersion: v1
          kind: Config
          clusters:
            - name: double
              cluster:
                server: %s
          users:
            - name: double
              user: {}
          contexts:
            - name: %s
              context:
                cluster: double
                user: double
          current-context: %s
          """
              .formatted(server.replaceAll("/$", ""), context, context));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }
}
