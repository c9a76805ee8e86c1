package com.hrt.sre.portal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;

/** Real HTTP to a running portal: the JDK client, one connection pool, short bounded timeouts. */
public final class PortalClient {

  public static final String TOKEN = "test-admin-token";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;

  public PortalClient(int port) {
    this.baseUrl = "http://127.0.0.1:" + port;
  }

  public HttpResponse<String> get(String path) {
    return send(request(path).GET());
  }

  public HttpResponse<String> getAsAdmin(String path) {
    return send(request(path).header("Authorization", "Bearer " + TOKEN).GET());
  }

  /** PUT with the given body (null: no body) and Authorization header (null: none). */
  public HttpResponse<String> put(String path, String body, String authorization) {
    HttpRequest.Builder builder =
        request(path)
            .header("Content-Type", "application/json")
            .PUT(body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return send(builder);
  }

  public HttpResponse<String> putAsAdmin(String path, String body) {
    return put(path, body, "Bearer " + TOKEN);
  }

  public HttpResponse<String> post(String path, String authorization) {
    HttpRequest.Builder builder = request(path).POST(BodyPublishers.noBody());
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return send(builder);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
  }

  private static HttpResponse<String> send(HttpRequest.Builder builder) {
    try {
      return HTTP.send(builder.build(), BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
