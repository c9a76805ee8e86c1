package com.hrt.sre.drill.run;

import com.hrt.sre.drill.act.ActionFailedException;
import com.hrt.sre.drill.act.StepExecutor;
import com.hrt.sre.drill.scenario.Step;
import com.hrt.sre.testsupport.MovableClock;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A scripted stack on a movable clock: Prometheus' and mock-slack's HTTP APIs on a real server on a
 * random 127.0.0.1 port, answering from a script of what happens after each step, and the recording
 * {@link StepExecutor} whose steps start the script's clocks. Nothing waits in real time: the
 * {@link Pacer} moves the clock.
 */
final class FakeStack implements StepExecutor, AutoCloseable {

  /** What is true at an instant, given when the injection and the heal happened (null: not yet). */
  record Moment(Instant now, Instant injected, Instant healed) {
    boolean after(Instant step, Duration delay) {
      return step != null && !now.isBefore(step.plus(delay));
    }
  }

  /** An alert that the script makes active: pending from activeAt, firing from firingFrom. */
  record Active(String name, String state, Instant activeAt) {}

  /** A mock-slack message the script makes exist. */
  record Message(
      Instant receivedAt,
      String channel,
      String status,
      String alertname,
      String ackBy,
      Instant ackAt) {}

  final MovableClock clock = new MovableClock(Instant.parse("2026-12-02T09:00:00Z"));
  final List<String> steps = new CopyOnWriteArrayList<>();
  final List<String> posted = new CopyOnWriteArrayList<>();
  volatile Function<Moment, List<Active>> alerts = m -> List.of();
  volatile Function<Moment, List<Message>> messages = m -> List.of();
  volatile Function<Moment, Boolean> recovered = m -> m.after(m.healed(), Duration.ZERO);
  volatile Function<Moment, List<String>> targetsDown = m -> List.of();
  volatile Function<Moment, String> pipeline = m -> "healthy";
  volatile double budgetBefore = 0.99;
  volatile double budgetAfter = 0.97;
  volatile String failStep = null;
  volatile Instant injected;
  volatile Instant healed;
  private final HttpServer server;

  FakeStack() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/api/v1/alerts", e -> answer(e, 200, alertsJson()));
    server.createContext("/api/v1/targets", e -> answer(e, 200, targetsJson()));
    server.createContext("/api/v1/query", e -> answer(e, 200, queryJson(e)));
    server.createContext("/api/messages", e -> answer(e, 200, messagesJson(e)));
    server.createContext(
        "/api/pipeline", e -> answer(e, 200, "{\"status\":\"" + pipeline.apply(moment()) + "\"}"));
    server.createContext(
        "/services/",
        e -> {
          posted.add(new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          answer(e, 200, "ok");
        });
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  Pacer pacer() {
    return new Pacer() {
      @Override
      public Instant now() {
        return clock.instant();
      }

      @Override
      public void sleep(Duration duration) {
        clock.advance(duration);
      }
    };
  }

  Moment moment() {
    return new Moment(clock.instant(), injected, healed);
  }

  @Override
  public void execute(Step step) {
    steps.add(step.describe() + " at " + clock.instant());
    if (failStep != null && step.describe().contains(failStep)) {
      throw new ActionFailedException(step.describe() + ": refused by the script");
    }
    // A step takes a moment to take effect (the portal answers, a process stops).
    clock.advance(Duration.ofSeconds(1));
    if (injected == null) {
      injected = clock.instant();
    } else {
      healed = clock.instant();
    }
  }

  @Override
  public List<String> autoHealerActions(Instant since) {
    return List.of();
  }

  private String alertsJson() {
    List<String> items = new ArrayList<>();
    for (Active a : alerts.apply(moment())) {
      items.add(
          "{\"labels\":{\"alertname\":\"%s\",\"severity\":\"page\"},\"state\":\"%s\",\"activeAt\":\"%s\",\"value\":\"1e+00\"}"
              .formatted(a.name(), a.state(), a.activeAt()));
    }
    items.add(
        "{\"labels\":{\"alertname\":\"Watchdog\"},\"state\":\"firing\",\"activeAt\":\"2026-12-01T00:00:00Z\"}");
    return "{\"status\":\"success\",\"data\":{\"alerts\":[" + String.join(",", items) + "]}}";
  }

  private String targetsJson() {
    List<String> down = targetsDown.apply(moment());
    List<String> items = new ArrayList<>();
    for (String job : List.of("portal", "mock-slack", "load-generator", "prometheus")) {
      items.add(
          "{\"labels\":{\"job\":\"%s\",\"instance\":\"127.0.0.1:1\"},\"health\":\"%s\",\"lastError\":\"%s\"}"
              .formatted(
                  job,
                  down.contains(job) ? "down" : "up",
                  down.contains(job) ? "connection refused" : ""));
    }
    return "{\"status\":\"success\",\"data\":{\"activeTargets\":["
        + String.join(",", items)
        + "]}}";
  }

  private String queryJson(HttpExchange e) {
    String query =
        URLDecoder.decode(
            e.getRequestURI().getRawQuery().substring("query=".length()), StandardCharsets.UTF_8);
    String sample;
    if (query.equals(ScenarioRunner.BUDGET)) {
      sample = String.valueOf(injected == null ? budgetBefore : budgetAfter);
    } else {
      sample = recovered.apply(moment()) ? "1" : null;
    }
    String result =
        sample == null
            ? ""
            : "{\"metric\":{},\"value\":[%d,\"%s\"]}"
                .formatted(clock.instant().getEpochSecond(), sample);
    return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
        + result
        + "]}}";
  }

  private String messagesJson(HttpExchange e) {
    String raw = e.getRequestURI().getRawQuery();
    Instant since =
        Instant.parse(
            URLDecoder.decode(raw.substring(raw.indexOf("since=") + 6), StandardCharsets.UTF_8));
    List<String> items = new ArrayList<>();
    for (Message m : messages.apply(moment())) {
      if (m.receivedAt().isAfter(since) && !m.receivedAt().isAfter(clock.instant())) {
        items.add(
            "{\"receivedAt\":\"%s\",\"channel\":\"%s\",\"status\":\"%s\",\"alertname\":%s,\"acknowledgedBy\":%s,\"acknowledgedAt\":%s}"
                .formatted(
                    m.receivedAt(),
                    m.channel(),
                    m.status(),
                    quoted(m.alertname()),
                    quoted(m.ackBy()),
                    m.ackAt() == null || m.ackAt().isAfter(clock.instant())
                        ? "null"
                        : quoted(m.ackAt().toString())));
      }
    }
    return "{\"count\":" + items.size() + ",\"messages\":[" + String.join(",", items) + "]}";
  }

  private static String quoted(String s) {
    return s == null ? "null" : "\"" + s + "\"";
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
