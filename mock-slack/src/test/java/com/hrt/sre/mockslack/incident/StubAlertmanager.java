package com.hrt.sre.mockslack.incident;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP server in Alertmanager's place that answers what a test injects (a 500, a 400, a dropped
 * connection) and records every request, so a test can show that nothing reached Alertmanager. The
 * real Alertmanager is used where its behaviour is the subject ({@code
 * IncidentAlertmanagerEndToEndTest}).
 */
final class StubAlertmanager implements AutoCloseable {

  /** What the next requests get. */
  enum Mode {
    OK,
    SERVER_ERROR,
    CLIENT_ERROR,
    DROP_CONNECTION
  }

  private final HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile Mode mode = Mode.OK;

  StubAlertmanager() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          String path = exchange.getRequestURI().getPath();
          requests.add(exchange.getRequestMethod() + " " + path);
          if (mode == Mode.DROP_CONNECTION) {
            exchange.close();
            return;
          }
          int status;
          String body;
          if (mode == Mode.SERVER_ERROR) {
            status = 500;
            body = "{\"code\":500,\"message\":\"injected failure\"}";
          } else if (mode == Mode.CLIENT_ERROR) {
            status = 400;
            body = "\"silence invalid: injected\"";
          } else if (path.equals("/api/v2/silences") && exchange.getRequestMethod().equals("GET")) {
            status = 200;
            body = "[]";
          } else {
            status = 200;
            body = "{\"silenceID\":\"stub-silence-1\"}";
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void mode(Mode newMode) {
    mode = newMode;
  }

  /** Requests other than the periodic silence read ({@code GET /api/v2/silences}). */
  List<String> actionRequests() {
    return requests.stream().filter(r -> !r.equals("GET /api/v2/silences")).toList();
  }

  void reset() {
    requests.clear();
    mode = Mode.OK;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
