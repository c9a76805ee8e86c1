package com.hrt.sre.gitops.sync;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * fabric8's CRUD mock server, taught the two parts of server-side apply it lacks (checked with
 * fabric8 8.0.0): an apply PATCH to an object that does not exist yet must CREATE it (the mock
 * answers 404), {@code dryRun=All} must change nothing (the mock ignores it), and an apply to an
 * existing object is answered 415; here it becomes the mock's JSON merge patch: enough for value
 * changes and for fields other managers own surviving; field removal and conflict semantics need a
 * real API server (the cluster-tests profile and the k3d job of the CI workflow).
 */
final class ServerSideApplyMockServer implements AutoCloseable {

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final AtomicInteger dryRunRequests = new AtomicInteger();
  private final AtomicInteger failureCode = new AtomicInteger();
  private final AtomicInteger failuresLeft = new AtomicInteger();

  ServerSideApplyMockServer() {
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), new Dispatcher(), false);
    server.init();
    // fabric8 retries a 5xx within the request (10 times with its defaults, ~19 s of backoff):
    // without those retries, the watcher's own handling of the answer is what a test sees.
    try (KubernetesClient mock = server.createClient()) {
      client =
          new KubernetesClientBuilder()
              .withConfig(
                  new ConfigBuilder(mock.getConfiguration())
                      .withRequestRetryBackoffLimit(0)
                      .build())
              .build();
    }
  }

  KubernetesClient client() {
    return client;
  }

  int dryRunRequests() {
    return dryRunRequests.get();
  }

  /**
   * The next {@code times} apply requests (dry runs included; {@code Integer.MAX_VALUE}: all) are
   * answered with {@code code} and a Kubernetes Status body, as an API server in trouble (5xx) or
   * one that refuses the object (422) does.
   */
  void failApplyRequests(int code, int times) {
    failureCode.set(code);
    failuresLeft.set(times);
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }

  private final class Dispatcher extends KubernetesCrudDispatcher {

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      if (request.method() == HttpMethod.PATCH
          && String.valueOf(request.getHeader("Content-Type"))
              .startsWith("application/apply-patch")) {
        String path = request.getPath();
        String objectPath = path.split("\\?", 2)[0];
        boolean exists = handleGet(objectPath).code() == 200;
        if (path.contains("dryRun=All")) {
          dryRunRequests.incrementAndGet();
        }
        if (failuresLeft.getAndUpdate(
                left -> left > 0 && left < Integer.MAX_VALUE ? left - 1 : left)
            > 0) {
          return new MockResponse()
              .setResponseCode(failureCode.get())
              .setBody(
                  "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                      + "\"message\":\"injected by the test\",\"code\":"
                      + failureCode.get()
                      + "}");
        }
        if (path.contains("dryRun=All")) {
          return new MockResponse()
              .setResponseCode(exists ? 200 : 201)
              .setBody(request.getUtf8Body());
        }
        byte[] body = request.getUtf8Body().getBytes(StandardCharsets.UTF_8);
        if (!exists) {
          String collection = objectPath.substring(0, objectPath.lastIndexOf('/'));
          return handleCreate(
              new RecordedRequest(
                  request.getHttpVersion(),
                  HttpMethod.POST,
                  collection,
                  request.getHeaders(),
                  new Buffer(body)));
        }
        Headers mergePatch =
            request
                .getHeaders()
                .newBuilder()
                .set("Content-Type", "application/merge-patch+json")
                .build();
        return handlePatch(
            new RecordedRequest(
                request.getHttpVersion(), HttpMethod.PATCH, path, mergePatch, new Buffer(body)));
      }
      return super.dispatch(request);
    }
  }
}
