package com.hrt.sre.gitops.sync;

import io.fabric8.kubernetes.client.KubernetesClient;
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

  ServerSideApplyMockServer() {
    server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), new Dispatcher(), false);
    server.init();
    client = server.createClient();
  }

  KubernetesClient client() {
    return client;
  }

  int dryRunRequests() {
    return dryRunRequests.get();
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
