package com.hrt.sre.platform.k8s;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One HTTP server on 127.0.0.1 standing in for what the jobs talk to: the portal's records API
 * (batch-sync), a Pushgateway (both jobs) and the Kubernetes API with no pods (auto-healer). Every
 * request is recorded as "METHOD path".
 */
final class StubBackends implements AutoCloseable {

  static final int RECORDS = 120;

  private final HttpServer server;
  private final List<String> requests = new CopyOnWriteArrayList<>();

  StubBackends() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<String> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String query = exchange.getRequestURI().getQuery();
    requests.add(exchange.getRequestMethod() + " " + path);
    exchange.getRequestBody().readAllBytes();
    if (path.startsWith("/metrics/job/")) {
      reply(exchange, 200, "");
    } else if (path.equals("/api/records")) {
      reply(exchange, 200, recordsPage(query));
    } else if (path.matches("/api/v1(/namespaces/[^/]+)?/pods")) {
      reply(
          exchange,
          200,
          "{\"kind\":\"PodList\",\"apiVersion\":\"v1\",\"metadata\":{},\"items\":[]}");
    } else {
      reply(
          exchange,
          404,
          "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":404}");
    }
  }

  /** The portal's page format (DESIGN.md) over a catalogue of {@link #RECORDS} records. */
  private static String recordsPage(String query) {
    int page = parameter(query, "page", 0);
    int size = parameter(query, "size", 50);
    StringJoiner items = new StringJoiner(",");
    for (long id = (long) page * size + 1;
        id <= Math.min((long) (page + 1) * size, RECORDS);
        id++) {
      items.add(
          "{\"id\":%d,\"name\":\"Record %d\",\"category\":\"books\",\"priority\":1,\"amountCents\":100,\"active\":true,\"createdAt\":\"2025-01-01T00:00:00Z\"}"
              .formatted(id, id));
    }
    return "{\"items\":[%s],\"page\":%d,\"size\":%d,\"total\":%d}"
        .formatted(items, page, size, RECORDS);
  }

  private static int parameter(String query, String name, int fallback) {
    if (query != null) {
      for (String pair : query.split("&")) {
        String[] kv = pair.split("=", 2);
        if (kv.length == 2 && kv[0].equals(name)) {
          return Integer.parseInt(kv[1]);
        }
      }
    }
    return fallback;
  }

  private static void reply(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }
}
