package com.hrt.sre.drill.act;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code kubectl port-forward --address 127.0.0.1 pod/<pod> :<port>}: kubectl picks a free local
 * port and prints it; the forward lives until {@link #close()}. One per pod, because the portal's
 * chaos settings are per pod (scripts/cluster-lib.sh does the same).
 */
final class PortForward implements AutoCloseable {

  private static final Pattern FORWARDING =
      Pattern.compile("^Forwarding from 127\\.0\\.0\\.1:(\\d+) ->");

  private final Process process;
  private final int localPort;

  private PortForward(Process process, int localPort) {
    this.process = process;
    this.localPort = localPort;
  }

  static PortForward open(
      Kubectl kubectl, String namespace, String pod, int port, Duration timeout) {
    String what = "port-forward to " + namespace + "/" + pod + ":" + port;
    Process process;
    try {
      process =
          kubectl
              .background(
                  "-n",
                  namespace,
                  "port-forward",
                  "--address",
                  "127.0.0.1",
                  "pod/" + pod,
                  ":" + port)
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      throw new ActionFailedException(what + ": cannot run kubectl: " + e.getMessage());
    }
    CompletableFuture<Integer> announced = new CompletableFuture<>();
    StringBuilder output = new StringBuilder();
    Thread.startVirtualThread(
        () -> {
          try (BufferedReader lines =
              new BufferedReader(
                  new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
              Matcher m = FORWARDING.matcher(line);
              if (m.find()) {
                announced.complete(Integer.parseInt(m.group(1)));
              } else if (!announced.isDone()) {
                synchronized (output) {
                  output.append(line).append('\n');
                }
              }
            }
          } catch (IOException e) {
            // the process ended; handled below
          }
          announced.complete(-1);
        });
    try {
      int port2 = announced.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (port2 < 0) {
        throw new ActionFailedException(what + ": kubectl ended: " + text(output));
      }
      return new PortForward(process, port2);
    } catch (TimeoutException e) {
      process.destroyForcibly();
      throw new ActionFailedException(
          what + ": no \"Forwarding from\" within " + timeout.toSeconds() + " s: " + text(output));
    } catch (ExecutionException e) {
      process.destroyForcibly();
      throw new ActionFailedException(what + ": " + e.getCause());
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new ActionFailedException(what + ": interrupted");
    }
  }

  int localPort() {
    return localPort;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static String text(StringBuilder output) {
    synchronized (output) {
      return output.toString().strip();
    }
  }
}
