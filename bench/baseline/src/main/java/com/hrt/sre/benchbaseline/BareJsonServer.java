package com.hrt.sre.benchbaseline;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;

/**
 * The throughput ceiling of `make bench`: the JDK's own HttpServer answering every request with the
 * same JSON bytes the portal gives for {@code GET /api/records?size=20} (read once from a file).
 *
 * <p>Usage: {@code java -cp bench-baseline.jar com.hrt.sre.benchbaseline.BareJsonServer PORT FILE}.
 */
public final class BareJsonServer {

  private BareJsonServer() {}

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    byte[] body = Files.readAllBytes(Path.of(args[1]));
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
    server.createContext(
        "/",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    // A small fixed pool: this server is the ceiling, not a tuned competitor.
    server.setExecutor(
        Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors() * 4));
    server.start();
  }
}
